package uk.nhs.pdsa.bench;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Durable ingest throughput and commit-to-topic latency, measured over HTTP against a running platform
 * ({@code ./platform start}), next to raw Kafka producer throughput on the same broker.
 * <ol>
 * <li>Warm-up: {@code --warmup-seconds} at full speed, not measured.</li>
 * <li>Latency phase: {@code --rate} results/s in batches of 100 for {@code --latency-seconds}.</li>
 * <li>Throughput phase: {@code --clients} concurrent clients posting batches of {@code --batch} for
 * {@code --seconds}; every batch all-or-nothing, each result a new revision and one event.</li>
 * <li>Two instances ({@code --ingest2}, when given): the throughput phase again, half the clients posting to each
 * of two ingest instances sharing the database and broker.</li>
 * <li>Raw Kafka: {@code ProducerPerformance} with {@code acks=all}, idempotence on, records the size of an
 * audit-result event, on a 6-partition topic like {@code pdsa.audit-results.v1}.</li>
 * </ol>
 * Commit-to-topic is the broker's append time of each event ({@code pdsa.audit-results.v1} uses
 * {@code LogAppendTime}) minus its {@code ce_time}, which the outbox sets as it writes the rows, just before
 * the commit.
 */
public final class IngestBenchmark {
    private static final String TOPIC = "pdsa.audit-results.v1";
    private static final String RAW_TOPIC = "pdsa.bench.raw";
    private static final List<String> METRICS = List.of("m1", "m2", "m3");
    private static final int ORGANISATIONS = 100;
    private static final Pattern COUNT = Pattern.compile("\"(created|revised|unchanged)\":(\\d+)");

    private final Map<String, String> options;
    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 4).toUpperCase(Locale.ROOT);
    private final AtomicLong nextBatch = new AtomicLong();
    private volatile Percentiles commitToTopic = new Percentiles();
    private final AtomicLong eventsSeen = new AtomicLong();
    private final AtomicLong payloadBytes = new AtomicLong();
    private volatile TimestampType timestampType;

    private IngestBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> defaults = new java.util.HashMap<>(Map.of("ingest", "http://localhost:8081",
                "kafka", "127.0.0.1:9092", "kafka-libs", ".stack/kafka-libs", "seconds", "60", "clients", "4", "batch", "400",
                "rate", "1000", "latency-seconds", "30", "raw-records", "1000000", "warmup-seconds", "15"));
        defaults.put("ingest2", ""); // a second instance's address: the throughput phase again on both
        new IngestBenchmark(BenchSupport.options(args, defaults)).run();
        BenchSupport.exitIfMissed();
    }

    private int number(String option) {
        return Integer.parseInt(options.get(option));
    }

    private void run() throws Exception {
        System.out.printf("[bench] ingest %s, Kafka %s, run %s, %d cores%n", options.get("ingest"), options.get("kafka"),
                run, Runtime.getRuntime().availableProcessors());
        catalogue();
        AtomicBoolean watching = new AtomicBoolean(true);
        ExecutorService watcher = Executors.newSingleThreadExecutor();
        Future<?> watch = watcher.submit(() -> watch(watching));
        Thread.sleep(2000);

        // Phase 0: warm-up (JIT, connection pools, caches), not measured.
        long warmupBefore = eventsSeen.get();
        Phase warmup = load(number("clients"), number("batch"), number("warmup-seconds"), 0);
        awaitEvents(warmupBefore + warmup.events(), Duration.ofSeconds(120));
        System.out.printf("[bench] warm-up: %d results in %.0f s (not measured)%n", warmup.accepted(), warmup.seconds());
        commitToTopic = new Percentiles();

        // Phase 1: latency at a steady rate.
        int rate = number("rate");
        int latencySeconds = number("latency-seconds");
        long before = eventsSeen.get();
        Phase latency = load(1, 100, latencySeconds, rate);
        awaitEvents(before + latency.events(), Duration.ofSeconds(60));
        Percentiles steady = commitToTopic;
        double steadyRate = latency.accepted() / latency.seconds();
        System.out.printf("[bench] steady %d results/s asked for %d s: %d accepted = %.0f results/s achieved;"
                + " commit-to-topic %s%n", rate, latencySeconds, latency.accepted(), steadyRate, steady.summary());
        BenchSupport.requireRate("the steady load", steadyRate, rate);

        // Phase 2: throughput.
        commitToTopic = new Percentiles();
        before = eventsSeen.get();
        long payloadBefore = payloadBytes.get();
        Phase throughput = load(number("clients"), number("batch"), number("seconds"), 0);
        Instant drainStart = Instant.now();
        boolean drained = awaitEvents(before + throughput.events(), Duration.ofSeconds(180));
        double drainSeconds = Duration.between(drainStart, Instant.now()).toMillis() / 1000.0;
        long seen = eventsSeen.get() - before;
        int recordSize = (int) Math.max(100, (payloadBytes.get() - payloadBefore) / Math.max(1, seen));
        double acceptedPerSecond = throughput.accepted() / throughput.seconds();
        System.out.printf("[bench] full speed: %d clients x batches of %d for %.1f s: %d results accepted = %.0f results/s;"
                        + " HTTP per batch %s%n", number("clients"), number("batch"), throughput.seconds(),
                throughput.accepted(), acceptedPerSecond, throughput.http().summary());
        System.out.printf("[bench] events on %s: %d of %d (%s); drained %.1f s after the load; commit-to-topic under load %s%n",
                TOPIC, seen, throughput.events(), drained ? "all" : "NOT ALL", drainSeconds, commitToTopic.summary());

        // Phase 2b: the same load on two instances of ingest (same database and broker), when a second is given.
        Phase twoInstances = null;
        if (!options.getOrDefault("ingest2", "").isBlank()) {
            before = eventsSeen.get();
            twoInstances = load(List.of(options.get("ingest"), options.get("ingest2")), number("clients"), number("batch"),
                    number("seconds"), 0);
            boolean twoDrained = awaitEvents(before + twoInstances.events(), Duration.ofSeconds(180));
            System.out.printf("[bench] full speed on two instances: %d clients (half to each) x batches of %d for %.1f s:"
                    + " %d results accepted = %.0f results/s (%.2f x one instance); events on the topic: %s%n",
                    number("clients"), number("batch"), twoInstances.seconds(), twoInstances.accepted(),
                    twoInstances.accepted() / twoInstances.seconds(),
                    twoInstances.accepted() / twoInstances.seconds() / acceptedPerSecond, twoDrained ? "all" : "NOT ALL");
        }
        watching.set(false);
        watch.get(10, TimeUnit.SECONDS);
        watcher.shutdown();

        // Phase 3: raw Kafka on the same broker.
        double raw = rawKafka(recordSize);
        BenchSupport.tableHead();
        System.out.printf("| Durable ingest, batches of %d, %d clients, %.0f s | 11,923 results/s | **%,.0f results/s** | |%n",
                number("batch"), number("clients"), throughput.seconds(), acceptedPerSecond);
        System.out.printf("| Raw Kafka ProducerPerformance, acks=all, idempotent, %d B records | 158,454 records/s |"
                + " %,.0f records/s | |%n", recordSize, raw);
        System.out.printf("| Durable ingest against raw Kafka | 7.5 %% (12.9 %% at best) | **%.1f %%** | %s |%n",
                100 * acceptedPerSecond / raw, BenchSupport.target(">= 25 %", acceptedPerSecond >= 0.25 * raw));
        if (twoInstances != null) {
            System.out.printf("| Durable ingest on two instances (same database and broker), same load | not measured |"
                    + " %.0f results/s: %.2f x one instance | |%n", twoInstances.accepted() / twoInstances.seconds(),
                    twoInstances.accepted() / twoInstances.seconds() / acceptedPerSecond);
        }
        System.out.printf("| Commit-to-topic at %.0f results/s achieved (%d asked) | not in the issue | p50 %d ms, p99 %d ms |"
                + " %s |%n", steadyRate, rate, steady.percentile(50), steady.percentile(99),
                BenchSupport.target("p99 < 100 ms", steady.percentile(99) < 100));
        System.out.printf("| Commit-to-topic at full speed | not in the issue | p50 %d ms, p99 %d ms | |%n",
                commitToTopic.percentile(50), commitToTopic.percentile(99));
        System.out.printf("| Record timestamps | | %s | |%n", timestampType);
    }

    /** An audit with three proportion metrics and {@value #ORGANISATIONS} trusts unique to this run. */
    private void catalogue() throws IOException, InterruptedException {
        StringBuilder metrics = new StringBuilder();
        for (String m : METRICS) {
            metrics.append(metrics.isEmpty() ? "" : ",").append("{\"code\":\"").append(m).append("\",\"title\":\"Metric ")
                    .append(m).append("\",\"type\":\"proportion\",\"direction\":\"higher-is-better\"}");
        }
        send("PUT", "/api/v1/audits/bench", "{\"title\":\"Benchmark audit\",\"specialty\":\"benchmarking\",\"metrics\":["
                + metrics + "]}");
        for (int i = 0; i < ORGANISATIONS; i++) {
            send("PUT", "/api/v1/organisations/" + organisation(i), "{\"name\":\"Benchmark trust " + i + "\",\"type\":\"trust\"}");
        }
    }

    private String organisation(int i) {
        return String.format("B%s%03d", run, i);
    }

    /** A batch: one trust and metric, {@code size} consecutive months; later passes revise the same results. */
    private String batch(int size) {
        if (size > 432) {
            // One trust's consecutive months from 1990: ingest takes periods from 1990 that have begun.
            throw new IllegalArgumentException("--batch takes at most 432 months (1990-01 to 2025-12), not " + size);
        }
        long k = nextBatch.getAndIncrement();
        String organisation = organisation((int) (k % ORGANISATIONS));
        String metric = METRICS.get((int) (k / ORGANISATIONS % METRICS.size()));
        long pass = k / (ORGANISATIONS * METRICS.size());
        StringBuilder body = new StringBuilder(size * 130).append('[');
        for (int month = 0; month < size; month++) {
            if (month > 0) {
                body.append(',');
            }
            body.append("{\"audit\":\"bench\",\"metric\":\"").append(metric).append("\",\"organisation\":\"")
                    .append(organisation).append("\",\"period\":\"")
                    .append(String.format("%d-%02d", 1990 + month / 12, month % 12 + 1))
                    .append("\",\"numerator\":").append(10 + (pass + month) % 30).append(",\"denominator\":50}");
        }
        return body.append(']').toString();
    }

    record Phase(long accepted, long events, double seconds, Percentiles http) {
    }

    /** Posts batches from {@code clients} threads for {@code seconds}; {@code rate} results/s in total, or 0 for as fast as possible. */
    private Phase load(int clients, int size, int seconds, int rate) throws Exception {
        return load(List.of(options.get("ingest")), clients, size, seconds, rate);
    }

    /** As above, client {@code c} posting to {@code targets[c % targets.size()]} (instances of ingest). */
    private Phase load(List<String> targets, int clients, int size, int seconds, int rate) throws Exception {
        AtomicLong accepted = new AtomicLong();
        AtomicLong events = new AtomicLong();
        Percentiles http = new Percentiles();
        Instant start = Instant.now();
        Instant end = start.plusSeconds(seconds);
        long intervalNanos = rate == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) * size * clients / rate;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String target = targets.get(c % targets.size());
            workers.add(pool.submit(() -> {
                long next = System.nanoTime();
                while (Instant.now().isBefore(end)) {
                    String body = batch(size);
                    long sent = System.nanoTime();
                    String receipt = BenchSupport.send("POST", target + "/api/v1/audit-results", body);
                    http.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
                    Matcher m = COUNT.matcher(receipt);
                    while (m.find()) {
                        long n = Long.parseLong(m.group(2));
                        accepted.addAndGet(n);
                        if (!m.group(1).equals("unchanged")) {
                            events.addAndGet(n);
                        }
                    }
                    if (intervalNanos > 0) {
                        next += intervalNanos;
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        double elapsed = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        return new Phase(accepted.get(), events.get(), elapsed, http);
    }

    private String send(String method, String path, String body) throws IOException, InterruptedException {
        return BenchSupport.send(method, options.get("ingest") + path, body);
    }

    /** Reads the audit-results topic from its end, timing this run's events. */
    private void watch(AtomicBoolean watching) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.get("kafka"));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        String marker = "/B" + run;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (watching.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    String subject = header(record, "ce_subject");
                    if (subject == null || !subject.startsWith("bench/") || !subject.contains(marker)) {
                        continue;
                    }
                    timestampType = record.timestampType();
                    long written = Instant.parse(header(record, "ce_time")).toEpochMilli();
                    commitToTopic.add(Math.max(0, record.timestamp() - written));
                    payloadBytes.addAndGet(record.value().length);
                    eventsSeen.incrementAndGet();
                }
            }
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return BenchSupport.header(record, name);
    }

    private boolean awaitEvents(long expected, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (eventsSeen.get() < expected) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** ProducerPerformance from the stack's Kafka jars: a warm-up run (discarded), then the measured run. */
    private double rawKafka(int recordSize) throws IOException, InterruptedException, ExecutionException {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.get("kafka"));
        try (Admin client = Admin.create(admin)) {
            Set<String> topics = client.listTopics().names().get();
            if (!topics.contains(RAW_TOPIC)) {
                client.createTopics(List.of(new NewTopic(RAW_TOPIC, 6, (short) 1))).all().get();
            }
        }
        runProducerPerformance(200_000, recordSize);
        return runProducerPerformance(Long.parseLong(options.get("raw-records")), recordSize);
    }

    private double runProducerPerformance(long records, int recordSize) throws IOException, InterruptedException {
        String output = BenchSupport.kafkaTool(options.get("kafka-libs"), "org.apache.kafka.tools.ProducerPerformance",
                "--topic", RAW_TOPIC, "--num-records", Long.toString(records), "--record-size", Integer.toString(recordSize),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + options.get("kafka"), "acks=all",
                "enable.idempotence=true");
        String last = output.lines().filter(l -> l.contains("records sent")).reduce((a, b) -> b).orElse("");
        Matcher m = Pattern.compile("([0-9.]+) records/sec").matcher(last);
        if (!m.find()) {
            throw new IllegalStateException("ProducerPerformance printed no result:\n" + output);
        }
        System.out.println("[bench] raw Kafka: " + last.strip());
        return Double.parseDouble(m.group(1));
    }
}
