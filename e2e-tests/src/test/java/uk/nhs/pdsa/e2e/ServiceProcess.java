package uk.nhs.pdsa.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged service run as its own operating-system process, as in production. */
final class ServiceProcess {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String name;
    private final int port;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;
    private ServiceJvm.Launch jvm;
    private Instant launched;
    private Duration startTime;

    ServiceProcess(String name, int port, Map<String, String> environment, Path logs) {
        this.name = name;
        this.port = port;
        this.environment = environment;
        this.log = logs.resolve(name + ".log");
    }

    /**
     * A service on the test stack (its broker, PostgreSQL and SMTP server, deliveries polled every second, the needs'
     * overdue check and the scheduled outlier analysis off), with its database and whatever else {@code more} sets.
     */
    static ServiceProcess onTestStack(String name, int port, String database, String findingsUrl, Path logs,
            Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS",
                System.getProperty("pdsa.kafka", "127.0.0.1:19092"), "DB_PORT", System.getProperty("pdsa.pg.port", "55433"),
                "DB_NAME", database, "FINDINGS_URL", findingsUrl, "SMTP_PORT", System.getProperty("pdsa.smtp.port", "13025"),
                "DELIVERY_POLL", "1s", "NEEDS_CHECK_EVERY", "off",
                "OUTLIERS_CHECK_EVERY", "off"));
        env.putAll(more);
        return new ServiceProcess(name, port, env, logs);
    }

    String url() {
        return "http://localhost:" + port;
    }

    String name() {
        return name;
    }

    void start() throws IOException {
        startAll(List.of(this));
    }

    /**
     * Starts the services side by side and waits until each is ready: on two cores, together they are ready sooner
     * than one after another (each start spends part of its time waiting on PostgreSQL and the broker).
     */
    static void startAll(List<ServiceProcess> services) throws IOException {
        for (ServiceProcess s : services) {
            s.launch();
        }
        for (ServiceProcess s : services) {
            s.awaitReady(Duration.ofSeconds(180));
        }
    }

    private void launch() throws IOException {
        Path jar = Path.of(System.getProperty("pdsa.root"), name, "target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (mvn verify does)");
        }
        Files.createDirectories(log.getParent());
        jvm = ServiceJvm.launch(name, jar);
        List<String> command = new ArrayList<>(List.of(ServiceJvm.JAVA));
        command.addAll(jvm.options());
        // The API services check addresses themselves (docs/api.md); the portal keeps Quarkus's check.
        command.addAll(List.of("-Dvertx.disableURIValidation=" + !name.equals("improvement-portal"), "-jar",
                jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // The packaged services trust the test key pair's public half (src/test of event-contracts) and issuer.
        builder.environment().put("JWT_PUBLIC_KEY_LOCATION", "file:" + testPublicKey());
        builder.environment().put("JWT_ISSUER", uk.nhs.pdsa.testing.TestTokens.ISSUER);
        // The rate limit has its own tests; here loads of results arrive at once.
        builder.environment().put("INGEST_RATE_LIMIT_PER_MINUTE", "1000000");
        builder.environment().put("INGEST_RATE_LIMIT_BURST", "1000000");
        // notification-service seals webhook secrets at rest: a key of this run's own.
        builder.environment().put("WEBHOOK_SECRET_KEYS", "e2e:" + Base64.getEncoder().encodeToString(
                randomKey()));
        builder.environment().putAll(environment);
        builder.environment().put("HTTP_PORT", Integer.toString(port));
        launched = Instant.now();
        process = builder.start();
    }

    private static Path testPublicKey() throws IOException {
        Path key = Path.of(System.getProperty("java.io.tmpdir"), "pdsa-e2e-jwt-public.pem");
        try (var in = ServiceProcess.class.getClassLoader().getResourceAsStream("test-keys/jwt-public.pem")) {
            if (in == null) {
                throw new IllegalStateException("test-keys/jwt-public.pem is not on the test classpath");
            }
            Files.write(key, in.readAllBytes());
        }
        return key;
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                jvm.exited(false);
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    startTime = Duration.between(launched, Instant.now());
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log);
    }

    /** SIGKILL: no shutdown hooks, no graceful drain, as when a node dies. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        jvm.exited(false);
    }

    /** SIGTERM and wait: Quarkus drains requests and closes consumers. */
    void stop() throws InterruptedException {
        stopAll(List.of(this));
    }

    /** {@link #stop()} for each, side by side: all are told to stop, then each is waited for. */
    static void stopAll(Collection<ServiceProcess> services) throws InterruptedException {
        List<ServiceProcess> stopping = services.stream().filter(s -> s != null && s.running()).toList();
        stopping.forEach(s -> s.process.destroy());
        for (ServiceProcess s : stopping) {
            // A run that records the service's cache writes it as it exits, which takes longer.
            boolean graceful = s.process.waitFor(s.jvm.recording() ? 90 : 40, TimeUnit.SECONDS);
            if (!graceful) {
                s.process.destroyForcibly();
                s.process.waitFor(30, TimeUnit.SECONDS);
            }
            s.jvm.exited(graceful);
        }
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    Duration startTime() {
        return startTime;
    }

    /** Resident set size in MB, from /proc. */
    long rssMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final byte[] KEY = new byte[32];

    static {
        new java.security.SecureRandom().nextBytes(KEY);
    }

    /** One key for every service process of the test run (a restarted service opens what it sealed before). */
    private static byte[] randomKey() {
        return KEY;
    }
}
