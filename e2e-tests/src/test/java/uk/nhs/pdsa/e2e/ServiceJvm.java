package uk.nhs.pdsa.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The JVM a packaged service runs on here, chosen as {@code ./platform} chooses it: {@code SERVICE_JAVA}, else the
 * newest Java 25 JDK under {@code /usr/lib/jvm}, else the {@code java} in PATH; on Java 25, with an ahead-of-time
 * cache of the service's classes (JEP 483 and 514), as {@code ./platform start} runs them ({@code SERVICE_AOT=0}
 * turns it off, as there).
 *
 * <p>The end-to-end tests start about forty service processes, most of them four or five at a time on two cores,
 * and each lives for seconds to minutes: starting is most of their work. So the processes here run on the JIT's
 * first tier only ({@code -XX:TieredStopAtLevel=1}), which compiles quickly and well enough for processes this
 * short; the platform itself runs with both tiers. Four services started together were ready in 27–30 s on Java 17
 * with both tiers (50–54 s of CPU), 11.6 s on Java 25 with their caches and the first tier (21 s of CPU).
 *
 * <p>A service's cache is made by the first run of it that stops gracefully ({@link ServiceProcess#stop()}): that
 * run records the classes it loads ({@code -XX:AOTCacheOutput}) and the JVM writes the cache as it exits. The cache
 * is written beside its final name and renamed once the run has exited, so no start ever reads half a cache; runs
 * that start while none is made yet start without one. A cache is for one build: a newer jar makes it stale.
 */
final class ServiceJvm {
    static final String JAVA = java();
    private static final boolean AOT = !"0".equals(System.getenv("SERVICE_AOT")) && isJava25(JAVA);
    private static final Path CACHES = Path.of(System.getProperty("pdsa.aot", "target/aot")).toAbsolutePath();
    /** The services whose cache a running process is recording now. */
    private static final Set<String> RECORDING = ConcurrentHashMap.newKeySet();

    private ServiceJvm() {
    }

    /** One launch of a service: its JVM options, and whether this run records the service's cache. */
    static final class Launch {
        private final String service;
        private final List<String> options;
        private final Path recording;
        private final Path cache;
        private boolean exited;

        private Launch(String service, List<String> options, Path recording, Path cache) {
            this.service = service;
            this.options = List.copyOf(options);
            this.recording = recording;
            this.cache = cache;
        }

        List<String> options() {
            return options;
        }

        boolean recording() {
            return recording != null;
        }

        /**
         * After the process has exited (once; later calls do nothing): a recorded cache takes its name; a run killed
         * before writing one leaves none.
         */
        synchronized void exited(boolean graceful) {
            if (recording == null || exited) {
                return;
            }
            exited = true;
            try {
                if (graceful && Files.exists(recording) && Files.size(recording) > 0) {
                    Files.move(recording, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.deleteIfExists(recording);
                }
            } catch (IOException e) {
                // no cache this time: the next run of the service records one
            } finally {
                RECORDING.remove(service);
            }
        }
    }

    static Launch launch(String service, Path jar) throws IOException {
        return launch(service, jar, AOT ? CACHES : null);
    }

    /** {@link #launch(String, Path)} with the caches in {@code caches}, or none when it is null. */
    static Launch launch(String service, Path jar, Path caches) throws IOException {
        List<String> options = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        if (caches == null) {
            return new Launch(service, options, null, null);
        }
        Files.createDirectories(caches);
        Path cache = caches.resolve(service + ".aot");
        if (Files.exists(cache) && Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(jar)) > 0) {
            options.add("-XX:AOTCache=" + cache);
            return new Launch(service, options, null, null);
        }
        if (!RECORDING.add(service)) {
            return new Launch(service, options, null, null);
        }
        Path recording = caches.resolve(service + ".recording.aot");
        Files.deleteIfExists(recording);
        options.add("-XX:AOTCacheOutput=" + recording);
        return new Launch(service, options, recording, cache);
    }

    private static String java() {
        String chosen = System.getenv("SERVICE_JAVA");
        if (chosen != null && !chosen.isBlank()) {
            return chosen;
        }
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            return jdks.filter(p -> p.getFileName().toString().contains("-25")).map(p -> p.resolve("bin/java"))
                    .filter(Files::isExecutable).max(Comparator.comparing(Path::toString)).map(Path::toString)
                    .orElse("java");
        } catch (IOException e) {
            return "java";
        }
    }

    /** Whether {@code java} is a Java 25 JDK's (its {@code release} file says so), the version the caches need. */
    private static boolean isJava25(String java) {
        if (java.equals("java")) {
            return false;
        }
        Path release = Path.of(java).getParent().getParent().resolve("release");
        try {
            return Files.readAllLines(release).stream().anyMatch(l -> l.startsWith("JAVA_VERSION=\"25"));
        } catch (IOException e) {
            return false;
        }
    }
}
