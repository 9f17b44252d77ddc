package uk.nhs.pdsa.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What the benchmarks share: options, HTTP calls, CloudEvents headers, Kafka's own tools. */
final class BenchSupport {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BenchSupport() {
    }

    /** {@code --name=value} arguments over the defaults; an unknown name is an error listing the known ones. */
    static Map<String, String> options(String[] args, Map<String, String> defaults) {
        Map<String, String> options = new HashMap<>(defaults);
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            if (!options.containsKey(pair[0]) || pair.length != 2) {
                throw new IllegalArgumentException("unknown option " + arg + "; options: " + options.keySet());
            }
            options.put(pair[0], pair[1]);
        }
        return options;
    }

    private static final List<String> MISSED = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * A load that asked for {@code asked} per second must reach 95 % of it, or the benchmark fails: the line is
     * printed now, and {@link #exitIfMissed()} ends the run non-zero after the figures are printed.
     */
    static void requireRate(String what, double achieved, double asked) {
        if (achieved < 0.95 * asked) {
            String line = String.format("%s reached %.0f/s, below 95 %% of the %.0f/s asked", what, achieved, asked);
            MISSED.add(line);
            System.out.println("[bench] FAILED: " + line);
        }
    }

    /**
     * A paced load: every tick (of {@code perTick} results, {@code rate} a second) {@code tick} gives the posts to make,
     * and they go out at once from a pool of {@code senders}, each answering how many results it had accepted. Prints
     * and returns the rate achieved (accepted results over the time to the last answer), which must reach 95 % of
     * {@code rate} ({@link #requireRate}).
     */
    static double pacedLoad(String what, int rate, int seconds, int perTick, int senders,
            java.util.function.Supplier<List<java.util.concurrent.Callable<Integer>>> tick) throws Exception {
        long intervalNanos = java.util.concurrent.TimeUnit.SECONDS.toNanos(1) * perTick / rate;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(senders);
        List<java.util.concurrent.Future<Integer>> posts = new ArrayList<>();
        java.time.Instant started = java.time.Instant.now();
        java.time.Instant end = started.plusSeconds(seconds);
        long nextAt = System.nanoTime();
        while (java.time.Instant.now().isBefore(end)) {
            for (java.util.concurrent.Callable<Integer> post : tick.get()) {
                posts.add(pool.submit(post));
            }
            nextAt += intervalNanos;
            long wait = nextAt - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        long accepted = 0;
        for (java.util.concurrent.Future<Integer> post : posts) {
            accepted += post.get();
        }
        double achieved = accepted / (Duration.between(started, java.time.Instant.now()).toMillis() / 1000.0);
        pool.shutdown();
        System.out.printf("[bench] %s: %,d results accepted = %.0f results/s (asked %d/s)%n", what, accepted, achieved, rate);
        requireRate(what, achieved, rate);
        return achieved;
    }

    /**
     * The head of a benchmark's closing table: each figure beside the one the issue "Performance" found before its
     * work (the landed code of 2026-11-30, this machine), and its target.
     */
    static void tableHead() {
        System.out.println();
        System.out.println("| Measure | Before (issue \"Performance\": landed code, 2026-11-30) | This run | Target |");
        System.out.println("|---|---|---|---|");
    }

    /** A target's cell: the target and whether this run met it. */
    static String target(String target, boolean met) {
        return target + (met ? " (met)" : " (**not met**)");
    }

    /** Exits with status 1, repeating why, when a load missed its rate. */
    static void exitIfMissed() {
        if (!MISSED.isEmpty()) {
            MISSED.forEach(line -> System.out.println("[bench] FAILED: " + line));
            System.exit(1);
        }
    }

    /** Sends a JSON body (or none, when null); a status of 300 or more is an error. */
    static String send(String method, String url, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token(url, body))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static final java.util.regex.Pattern ORGANISATION = java.util.regex.Pattern.compile("\"organisation\":\"([^\"]+)\"");
    private static uk.nhs.pdsa.tokens.TokenMinter minter;
    /** One token per organisation for the whole run: signing is not part of what is measured. */
    private static final java.util.Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Results are submitted by the trust system of the organisation they name (each batch is one trust's);
     * everything else (the catalogue, reads) as the platform's admin, with the national role that reads every trust's
     * findings. Signed with the bench stack's key.
     */
    static synchronized String token(String url, String body) throws IOException {
        if (minter == null) {
            minter = uk.nhs.pdsa.tokens.TokenMinter.fromFile(java.nio.file.Path.of(System.getenv().getOrDefault(
                    "BENCH_JWT_KEY", ".stack/bench/keys/jwt-private.pem")), uk.nhs.pdsa.tokens.TokenMinter.LOCAL_ISSUER,
                    uk.nhs.pdsa.tokens.TokenMinter.AUDIENCE);
        }
        java.util.regex.Matcher organisation = body == null ? null : ORGANISATION.matcher(body);
        if (url.endsWith("/api/v1/audit-results") && organisation != null && organisation.find()) {
            return TOKENS.computeIfAbsent(organisation.group(1), org -> minter.mint("bench-" + org, org,
                    java.util.List.of("submitter"), Duration.ofHours(4)));
        }
        return TOKENS.computeIfAbsent("", any -> minter.mint("bench", "X26", java.util.List.of("admin", "national"), Duration.ofHours(4)));
    }

    /** A consumer of every partition of {@code topics}, positioned at their end: it reads only what comes next. */
    static KafkaConsumer<String, String> fromTheEnd(String bootstrap, List<String> topics) {
        java.util.Properties config = new java.util.Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Runs a class from the Kafka jars (ProducerPerformance, ConsumerPerformance) and returns what it printed. */
    static String kafkaTool(String kafkaLibs, String mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx512m", "-cp", Path.of(kafkaLibs).toAbsolutePath() + "/*",
                mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }
}
