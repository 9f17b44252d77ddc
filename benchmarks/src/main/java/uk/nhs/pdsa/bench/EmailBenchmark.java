package uk.nhs.pdsa.bench;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The whole email path: ingest-accepted to email accepted by the SMTP server, with audit-ingest, findings and
 * notification running ({@code ./platform bench email}).
 * <ol>
 * <li>Setup: an audit with one proportion metric, {@code --trusts} trusts of {@code --wards} wards each, a clinical
 * lead with an email address per trust; 20 steady months of every ward (no finding), and findings caught up.</li>
 * <li>Warm-up: the same load for {@code --warmup-seconds} on trusts of their own, not measured, until each of its
 * concerns is emailed: the measured load then meets services whose email path has run and been compiled (a
 * service just started would otherwise spend the load's first seconds compiling that path).</li>
 * <li>Load: {@code --rate} results/s for {@code --seconds}, each the 21st month of a ward not used before, far below
 * its limits, so each raises a concern that notification emails to the trust's clinical lead at once. Each tick's
 * results go out as one batch per trust, at once.</li>
 * <li>Measured per result: the notification's {@code deliveredAt} (when the SMTP server accepted the email) minus
 * the moment ingest answered for the result (one machine, one clock).</li>
 * </ol>
 * The bench stack has no identity provider, so notification's chart pictures (read from findings with a client
 * token) are left out of the emails.
 */
public final class EmailBenchmark {
    private static final Pattern WARD = Pattern.compile("^Concern: m1 at (ward-\\d+) \\(");
    private static final Pattern SUBJECT = Pattern.compile("\"subject\":\"([^\"]*)\"");
    private static final Pattern DELIVERED = Pattern.compile("\"deliveredAt\":\"([^\"]+)\"");
    private static final Pattern CREATED = Pattern.compile("\"createdAt\":\"([^\"]+)\"");
    private static final Pattern MICROSYSTEM = Pattern.compile("\"microsystem\":\"(ward-[0-9]+)\"");
    private static final Pattern RAISED = Pattern.compile("\"raisedAt\":\"([^\"]+)\"");
    private static final int HISTORY = 20;
    private static final String FINDINGS_TOPIC = "pdsa.findings.v1";

    private final Map<String, String> options;
    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 3).toUpperCase(Locale.ROOT);
    private final int trusts;
    private final int wards;
    /** Trusts of the warm-up, after the measured ones. */
    private final int warmTrusts;
    /** When notification stored each concern's message (its consumer's work done), by trust/ward. */
    private final Map<String, Long> createdAt = new ConcurrentHashMap<>();

    private EmailBenchmark(Map<String, String> options) {
        this.options = options;
        this.trusts = Integer.parseInt(options.get("trusts"));
        this.wards = Integer.parseInt(options.get("wards"));
        int warmup = Integer.parseInt(options.get("warmup-seconds")) * Integer.parseInt(options.get("rate"));
        this.warmTrusts = (warmup + wards - 1) / wards;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> defaults = new HashMap<>(Map.of("ingest", "http://localhost:18181", "findings",
                "http://localhost:18182", "notification", "http://localhost:18184", "kafka", "127.0.0.1:29092", "trusts", "30",
                "wards", "100", "rate", "100", "seconds", "30", "warmup-seconds", "20"));
        new EmailBenchmark(BenchSupport.options(args, defaults)).run();
        BenchSupport.exitIfMissed();
    }

    private String trust(int t) {
        return String.format("M%s%02d", run, t);
    }

    private static String result(String trust, int ward, int month, int numerator) {
        return String.format("{\"audit\":\"mail\",\"metric\":\"m1\",\"organisation\":\"%s\",\"microsystem\":\"ward-%d\","
                + "\"period\":\"%d-%02d\",\"numerator\":%d,\"denominator\":50}", trust, ward, 2023 + (month - 1) / 12,
                (month - 1) % 12 + 1, numerator);
    }

    private void run() throws Exception {
        int rate = Integer.parseInt(options.get("rate"));
        int seconds = Integer.parseInt(options.get("seconds"));
        int series = trusts * wards;
        if (series < rate * seconds) {
            throw new IllegalArgumentException("--trusts x --wards (" + series + ") must be at least --rate x --seconds ("
                    + rate * seconds + "): each result raises a concern on a ward of its own");
        }
        System.out.printf("[bench] email path: %d trusts x %d wards; %d results/s for %d s, each raising a concern (after"
                + " a warm-up of %s s on %d trusts of its own); %d cores%n", trusts, wards, rate, seconds,
                options.get("warmup-seconds"), warmTrusts, Runtime.getRuntime().availableProcessors());
        setUp();
        int warmup = Integer.parseInt(options.get("warmup-seconds"));
        if (warmup > 0) {
            Map<String, Long> warm = new ConcurrentHashMap<>();
            load("email-path warm-up", trusts, warmup, warm);
            Map<String, Long> warmDelivered = delivered(trusts, trusts + warmTrusts, warm.size());
            System.out.printf("[bench] warm-up: %d of %d concerns emailed (not measured)%n", warmDelivered.size(), warm.size());
        }

        Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
        Map<String, Long> onTopic = new ConcurrentHashMap<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> watchFindings(watching, onTopic), "findings-watcher");
        watcher.start();
        double achieved = load("email-path load", 0, seconds, acceptedAt);
        Map<String, Long> deliveredAt = delivered(0, trusts, acceptedAt.size());
        watching.set(false);
        watcher.join();
        Map<String, Long> raisedAt = new HashMap<>();
        for (int t = 0; t < trusts; t++) {
            raised(trust(t), raisedAt);
        }
        Percentiles latency = new Percentiles();
        Percentiles toMessage = new Percentiles();
        Percentiles toRaised = new Percentiles();
        Percentiles raisedToMessage = new Percentiles();
        Percentiles toSmtp = new Percentiles();
        Percentiles raisedToTopic = new Percentiles();
        Percentiles topicToMessage = new Percentiles();
        acceptedAt.forEach((key, at) -> {
            Long delivered = deliveredAt.get(key);
            if (delivered != null) {
                latency.add(delivered - at);
                toMessage.add(createdAt.get(key) - at);
                toSmtp.add(delivered - createdAt.get(key));
                Long raised = raisedAt.get(key);
                if (raised != null) {
                    toRaised.add(raised - at);
                    raisedToMessage.add(createdAt.get(key) - raised);
                    Long published = onTopic.get(key);
                    if (published != null) {
                        raisedToTopic.add(published - raised);
                        topicToMessage.add(createdAt.get(key) - published);
                    }
                }
            }
        });
        System.out.printf("[bench] emails: %d of %d concerns emailed; ingest-accepted to email accepted by the SMTP server %s;"
                + " of which to the message stored by notification %s, and from there to the SMTP server %s%n",
                latency.count(), acceptedAt.size(), latency.summary(), toMessage.summary(), toSmtp.summary());
        System.out.printf("[bench] the part to the stored message: ingest-accepted to the finding raised (findings' round,"
                + " its raisedAt) %s; raised to the message stored (commit, relay, broker, notification's consumer) %s%n",
                toRaised.summary(), raisedToMessage.summary());
        System.out.printf("[bench] raised to the message stored, split at the finding event's timestamp on %s: raised to"
                + " on the topic (findings' commit and outbox relay) %s; on the topic to the message stored (notification's"
                + " consumer) %s%n", FINDINGS_TOPIC, raisedToTopic.summary(), topicToMessage.summary());
        BenchSupport.tableHead();
        System.out.printf("| Ingest-accepted to email accepted by the SMTP server, %.0f results/s achieved (%d asked), each"
                + " raising a concern | not measured (first measured 2026-12-01: p99 15.8 s) | p50 %d ms, p95 %d ms,"
                + " **p99 %d ms**, max %d ms (%d of %d emailed) | %s |%n", achieved, rate, latency.percentile(50),
                latency.percentile(95), latency.percentile(99), latency.percentile(100), latency.count(), acceptedAt.size(),
                BenchSupport.target("p99 < 1 s", latency.percentile(99) < 1000));
        if (latency.count() < acceptedAt.size()) {
            throw new IllegalStateException((acceptedAt.size() - latency.count()) + " concerns were not emailed within 180 s");
        }
    }

    /**
     * {@code rate} results a second for {@code seconds}, ward after ward in trust order from trust {@code firstTrust}
     * (so a tick's results are a few trusts' batches, sent at once); when ingest answered for each, by trust/ward.
     */
    private double load(String name, int firstTrust, int seconds, Map<String, Long> acceptedAt) throws Exception {
        int rate = Integer.parseInt(options.get("rate"));
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        return BenchSupport.pacedLoad(name, rate, seconds, rate / 10, 16, () -> {
            Map<String, List<String>> byTrust = new java.util.TreeMap<>();
            Map<String, List<String>> keys = new HashMap<>();
            for (int i = 0; i < rate / 10; i++) {
                int sent = next.getAndIncrement();
                String trust = trust(firstTrust + sent / wards);
                int ward = sent % wards + 1;
                byTrust.computeIfAbsent(trust, t -> new ArrayList<>()).add(result(trust, ward, HISTORY + 1, 3));
                keys.computeIfAbsent(trust, t -> new ArrayList<>()).add(trust + "/ward-" + ward);
            }
            List<java.util.concurrent.Callable<Integer>> posts = new ArrayList<>();
            byTrust.forEach((trust, batch) -> posts.add(() -> {
                send("ingest", "POST", "/api/v1/audit-results", "[" + String.join(",", batch) + "]");
                long now = System.currentTimeMillis();
                keys.get(trust).forEach(k -> acceptedAt.put(k, now));
                return batch.size();
            }));
            return posts;
        });
    }

    /** Every concern's email of trusts [from, to), by the notification's own record of when the SMTP server took it. */
    private Map<String, Long> delivered(int from, int to, int expected) throws Exception {
        Map<String, Long> deliveredAt = new HashMap<>();
        Instant deadline = Instant.now().plusSeconds(180);
        while (deliveredAt.size() < expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(2000);
            for (int t = from; t < to; t++) {
                collect(trust(t), deliveredAt);
            }
        }
        return deliveredAt;
    }

    /** The catalogue, trusts, clinical leads, and every ward's steady history; waits until findings has it all. */
    private void setUp() throws Exception {
        send("ingest", "PUT", "/api/v1/audits/mail", "{\"title\":\"Email path benchmark\",\"specialty\":\"benchmarking\","
                + "\"metrics\":[{\"code\":\"m1\",\"title\":\"Metric m1\",\"type\":\"proportion\",\"direction\":\"higher-is-better\"}]}");
        for (int t = 0; t < trusts + warmTrusts; t++) {
            send("ingest", "PUT", "/api/v1/organisations/" + trust(t), "{\"name\":\"Email trust " + t + "\",\"type\":\"trust\"}");
            for (int ward = 1; ward <= wards; ward++) {
                send("ingest", "PUT", "/api/v1/organisations/" + trust(t) + "/microsystems/ward-" + ward,
                        "{\"name\":\"Ward " + ward + "\"}");
            }
            send("notification", "POST", "/api/v1/contacts", "{\"organisation\":\"" + trust(t) + "\",\"name\":\"Clinical lead\","
                    + "\"role\":\"clinical-lead\",\"email\":\"lead." + trust(t).toLowerCase(Locale.ROOT) + "@bench.test\"}");
        }
        long history = 0;
        Instant start = Instant.now();
        for (int t = 0; t < trusts + warmTrusts; t++) {
            List<String> batch = new ArrayList<>();
            for (int ward = 1; ward <= wards; ward++) {
                for (int month = 1; month <= HISTORY; month++) {
                    batch.add(result(trust(t), ward, month, month % 2 == 0 ? 40 : 42));
                    if (batch.size() == 500) {
                        send("ingest", "POST", "/api/v1/audit-results", "[" + String.join(",", batch) + "]");
                        history += batch.size();
                        batch.clear();
                    }
                }
            }
            if (!batch.isEmpty()) {
                send("ingest", "POST", "/api/v1/audit-results", "[" + String.join(",", batch) + "]");
                history += batch.size();
            }
        }
        Pattern consumed = Pattern.compile("(?m)^pdsa_findings_results_consumed_total(?:\\{[^}]*\\})? ([0-9.E+]+)");
        while (true) {
            Matcher m = consumed.matcher(send("findings", "GET", "/q/metrics", null));
            if (m.find() && Double.parseDouble(m.group(1)) >= history) {
                break;
            }
            if (Duration.between(start, Instant.now()).toMinutes() > 10) {
                throw new IllegalStateException("findings did not consume the history within 10 minutes");
            }
            Thread.sleep(500);
        }
        Thread.sleep(5000); // the last recomputation round
        System.out.printf("[bench] set-up: %,d results of history accepted and consumed in %.1f s%n", history,
                Duration.between(start, Instant.now()).toMillis() / 1000.0);
    }

    /** The first finding event of each ward's series on the findings topic, by trust/ward: its record timestamp. */
    private void watchFindings(AtomicBoolean watching, Map<String, Long> onTopic) {
        try (KafkaConsumer<String, String> consumer = BenchSupport.fromTheEnd(options.get("kafka"), List.of(FINDINGS_TOPIC))) {
            while (watching.get()) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    String[] key = record.key() == null ? new String[0] : record.key().split("/"); // audit/metric/trust/ward
                    if (key.length == 4 && record.value().contains("\"special-cause\"")) {
                        onTopic.merge(key[2] + "/" + key[3], record.timestamp(), Math::min);
                    }
                }
            }
        }
    }

    /** When findings raised each concern of {@code trust} (its round's clock, before its commit), by trust/ward. */
    private void raised(String trust, Map<String, Long> raisedAt) throws IOException, InterruptedException {
        String page = send("findings", "GET", "/api/v1/findings?organisation=" + trust
                + "&kind=special-cause&status=all&size=500", null);
        for (String finding : page.split("\\{\"findingId\"")) {
            Matcher ward = MICROSYSTEM.matcher(finding);
            Matcher raised = RAISED.matcher(finding);
            if (ward.find() && raised.find()) {
                raisedAt.merge(trust + "/" + ward.group(1), Instant.parse(raised.group(1)).toEpochMilli(), Math::max);
            }
        }
    }

    private void collect(String trust, Map<String, Long> deliveredAt) throws IOException, InterruptedException {
        String page = send("notification", "GET", "/api/v1/notifications?organisation=" + trust
                + "&status=delivered&size=500", null);
        // Each item's subject, then its deliveredAt before the next item's subject (items hold nested attempts).
        Matcher subject = SUBJECT.matcher(page);
        List<Integer> ends = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        while (subject.find()) {
            ends.add(subject.end());
            subjects.add(subject.group(1));
        }
        for (int i = 0; i < subjects.size(); i++) {
            Matcher ward = WARD.matcher(subjects.get(i));
            int to = i + 1 < ends.size() ? ends.get(i + 1) : page.length();
            Matcher delivered = DELIVERED.matcher(page).region(ends.get(i), to);
            Matcher created = CREATED.matcher(page).region(ends.get(i), to);
            if (ward.find() && delivered.find() && created.find()) {
                deliveredAt.putIfAbsent(trust + "/" + ward.group(1), Instant.parse(delivered.group(1)).toEpochMilli());
                createdAt.putIfAbsent(trust + "/" + ward.group(1), Instant.parse(created.group(1)).toEpochMilli());
            }
        }
    }

    private String send(String service, String method, String path, String body) throws IOException, InterruptedException {
        return BenchSupport.send(method, options.get(service) + path, body);
    }
}
