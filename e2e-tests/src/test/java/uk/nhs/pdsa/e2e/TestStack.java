package uk.nhs.pdsa.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Drives local-stack/stack.sh of the test stack, always with its own folder and ports, never the dev stack's. */
final class TestStack {
    private TestStack() {
    }

    /** @param command {@code kafka-stop}, {@code kafka-start}, {@code pg-stop} or {@code pg-start} */
    static void kafka(String command) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("pdsa.root"));
        ProcessBuilder builder = new ProcessBuilder(root.resolve("local-stack/stack.sh").toString(), command)
                .redirectErrorStream(true).inheritIO();
        builder.environment().put("STACK_DIR", System.getProperty("pdsa.stack.dir"));
        builder.environment().put("KAFKA_PORT", System.getProperty("pdsa.kafka.port"));
        builder.environment().put("KAFKA_CONTROLLER_PORT", System.getProperty("pdsa.kafka.controller.port"));
        builder.environment().put("PG_PORT", System.getProperty("pdsa.pg.port", "55433"));
        // A broker started again here runs as the test stack's did (./platform test's STACK_JAVA_OPTS, when inherited).
        builder.environment().putIfAbsent("STACK_JAVA_OPTS", "-XX:TieredStopAtLevel=1");
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("stack.sh " + command + " failed");
        }
    }
}
