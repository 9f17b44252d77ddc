package uk.nhs.pdsa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak (issue "Hardening"; on demand, not in CI): the four services under a steady load of results that raise
 * concerns, needs and messages, for {@code --minutes} (30) at {@code --rate} (200) results a second. Every minute it
 * prints each service's resident memory (from /proc) and its live heap (heap in use by its own metrics, read just
 * after a full collection asked with {@code jcmd <pid> GC.run}: heap in use between collections rises and falls by
 * tens of percent, so without it any threshold fails or means nothing); at the end, each log's
 * ERROR lines, and whether memory grew: the mean of the last three samples against the mean of the three after
 * the first five minutes of warm-up. It fails (exit 1) when a service's RSS or heap grew by more than 20 %, when
 * the rate was missed, or when a log holds an ERROR. {@code --gc=false} leaves the collections out (the start
 * benchmark reads memory as the services left it; the heap column is then heap in use).
 */
public final class SoakBenchmark {
    private static final Pattern HEAP = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} ([0-9.E+]+)");
    private static final int TRUSTS = 20;
    private static final int WARDS = 50;
    private final Map<String, String> options;
    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 3).toUpperCase(Locale.ROOT);
    private final Map<String, Long> pids = new LinkedHashMap<>();

    private SoakBenchmark(Map<String, String> options) {
        this.options = options;
        for (String pid : options.get("pids").split(",")) {
            String[] nameAndPid = pid.split(":");
            pids.put(nameAndPid[0], Long.parseLong(nameAndPid[1]));
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> defaults = new HashMap<>(Map.of("ingest", "http://localhost:18181", "findings",
                "http://localhost:18182", "action-plan", "http://localhost:18183", "notification", "http://localhost:18184",
                "minutes", "30", "rate", "200", "interval", "60", "pids", "", "logs", "."));
        defaults.put("gc", "true");
        new SoakBenchmark(BenchSupport.options(args, defaults)).run();
        BenchSupport.exitIfMissed();
    }

    private String trust(int t) {
        return String.format("S%s%02d", run, t);
    }

    private void run() throws Exception {
        int minutes = Integer.parseInt(options.get("minutes"));
        int rate = Integer.parseInt(options.get("rate"));
        int interval = Integer.parseInt(options.get("interval"));
        System.out.printf("[bench] soak: %d results/s for %d min, %d trusts x %d wards, a sample every %d s; %d cores%n", rate,
                minutes, TRUSTS, WARDS, interval, Runtime.getRuntime().availableProcessors());
        setUp();
        // Each series gets its months in turn; every 40th month of a ward starts 8 low months (a shift): concerns,
        // needs and their messages keep coming, and they resolve when the series recovers.
        AtomicLong next = new AtomicLong();
        Map<String, List<long[]>> samples = new LinkedHashMap<>();
        pids.keySet().forEach(s -> samples.put(s, new ArrayList<>()));
        System.out.printf("%n| minute | results sent | %s |%n", String.join(" | ", pids.keySet().stream()
                .map(s -> s + " RSS / live heap MB").toList()));
        System.out.printf("|---|---|%s%n", "---|".repeat(pids.size()));
        Instant start = Instant.now();
        double sentRate = 0;
        int rounds = Math.max(1, minutes * 60 / interval);
        for (int round = 1; round <= rounds; round++) {
            sentRate += BenchSupport.pacedLoad("soak interval " + round, rate, interval, rate / 10, 8, () -> {
                Map<String, List<String>> byTrust = new java.util.TreeMap<>();
                for (int i = 0; i < rate / 10; i++) {
                    long n = next.getAndIncrement();
                    int series = (int) (n % (TRUSTS * WARDS));
                    long month = n / (TRUSTS * WARDS);
                    String trust = trust(series / WARDS);
                    int ward = series % WARDS;
                    boolean low = (month + ward) % 40 >= 32;
                    long numerator = low ? 28 : month % 2 == 0 ? 40 : 42;
                    byTrust.computeIfAbsent(trust, t -> new ArrayList<>()).add(String.format(
                            "{\"audit\":\"soak\",\"metric\":\"m1\",\"organisation\":\"%s\",\"microsystem\":\"ward-%d\","
                                    + "\"period\":\"%d-%02d\",\"numerator\":%d,\"denominator\":50}",
                            trust, ward, 1990 + month / 12, month % 12 + 1, numerator));
                }
                List<java.util.concurrent.Callable<Integer>> posts = new ArrayList<>();
                byTrust.forEach((trust, batch) -> posts.add(() -> {
                    send("ingest", "POST", "/api/v1/audit-results", "[" + String.join(",", batch) + "]");
                    return batch.size();
                }));
                return posts;
            });
            StringBuilder row = new StringBuilder();
            for (Map.Entry<String, Long> service : pids.entrySet()) {
                long rss = rssMegabytes(service.getValue());
                if (Boolean.parseBoolean(options.get("gc"))) {
                    collectGarbage(service.getValue());
                }
                long heap = heapMegabytes(service.getKey());
                samples.get(service.getKey()).add(new long[] {rss, heap});
                row.append(String.format(" %d / %d |", rss, heap));
            }
            System.out.printf("| %.1f | %,d |%s%n", Duration.between(start, Instant.now()).toSeconds() / 60.0, next.get(), row);
        }
        BenchSupport.requireRate("soak load", sentRate / rounds, rate);
        System.out.println();
        boolean grew = false;
        for (Map.Entry<String, List<long[]>> service : samples.entrySet()) {
            List<long[]> s = service.getValue();
            int warm = Math.min(s.size() - 1, Math.max(0, 300 / interval));
            double rssWarm = mean(s.subList(warm, Math.min(s.size(), warm + 3)), 0);
            double rssEnd = mean(s.subList(Math.max(0, s.size() - 3), s.size()), 0);
            double heapWarm = mean(s.subList(warm, Math.min(s.size(), warm + 3)), 1);
            double heapEnd = mean(s.subList(Math.max(0, s.size() - 3), s.size()), 1);
            long errors = errors(service.getKey());
            boolean growth = rssEnd > rssWarm * 1.2 || heapEnd > heapWarm * 1.2;
            grew |= growth || errors > 0;
            System.out.printf("[bench] %-22s RSS %.0f -> %.0f MB, live heap %.0f -> %.0f MB (after warm-up -> end)%s; %d ERROR"
                    + " lines in its log%n", service.getKey(), rssWarm, rssEnd, heapWarm, heapEnd,
                    growth ? ": GREW by more than 20 %" : ": no growth", errors);
        }
        if (grew) {
            System.out.println("[bench] FAILED: memory grew or a log holds errors (above)");
            System.exit(1);
        }
    }

    private static double mean(List<long[]> samples, int index) {
        return samples.stream().mapToLong(s -> s[index]).average().orElse(0);
    }

    private static long rssMegabytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    /** A full collection in the service's JVM, so the heap read next is what is alive. */
    private static void collectGarbage(long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!jcmd.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + pid + " GC.run did not succeed");
        }
    }

    private long heapMegabytes(String service) throws IOException, InterruptedException {
        Matcher m = HEAP.matcher(send(service.replace("audit-", "").replace("-service", ""), "GET", "/q/metrics", null));
        double bytes = 0;
        while (m.find()) {
            bytes += Double.parseDouble(m.group(1));
        }
        return Math.round(bytes / (1024 * 1024));
    }

    private long errors(String service) throws IOException {
        Path log = Path.of(options.get("logs"), service + ".log");
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(" ERROR ") || l.contains("\"level\":\"ERROR\"")).count();
        }
    }

    /** The catalogue, trusts, wards and a clinical lead per trust (so messages go out). */
    private void setUp() throws Exception {
        send("ingest", "PUT", "/api/v1/audits/soak", "{\"title\":\"Soak\",\"specialty\":\"benchmarking\","
                + "\"metrics\":[{\"code\":\"m1\",\"title\":\"Metric m1\",\"type\":\"proportion\",\"direction\":\"higher-is-better\"}]}");
        for (int t = 0; t < TRUSTS; t++) {
            send("ingest", "PUT", "/api/v1/organisations/" + trust(t), "{\"name\":\"Soak trust " + t + "\",\"type\":\"trust\"}");
            for (int ward = 0; ward < WARDS; ward++) {
                send("ingest", "PUT", "/api/v1/organisations/" + trust(t) + "/microsystems/ward-" + ward,
                        "{\"name\":\"Ward " + ward + "\"}");
            }
            send("notification", "POST", "/api/v1/contacts", "{\"organisation\":\"" + trust(t) + "\",\"name\":\"Clinical lead\","
                    + "\"role\":\"clinical-lead\",\"email\":\"lead." + trust(t).toLowerCase(Locale.ROOT) + "@soak.test\"}");
        }
        Thread.sleep(5000); // the catalogue reaches findings, action-plan and notification
    }

    private String send(String service, String method, String path, String body) throws IOException, InterruptedException {
        return BenchSupport.send(method, options.get(service) + path, body);
    }
}
