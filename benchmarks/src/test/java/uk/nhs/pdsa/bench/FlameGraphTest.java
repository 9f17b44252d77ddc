package uk.nhs.pdsa.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jdk.jfr.Recording;

class FlameGraphTest {
    @Test
    void shouldFoldStacksIntoATreeWhoseWidthsAreTheSharesOfSamples() {
        FlameGraph graph = new FlameGraph();
        graph.add("worker", List.of("Main.run", "Store.write", "Socket.read"));
        graph.add("worker", List.of("Main.run", "Store.write"));
        graph.add("other", List.of("Main.run", "Parser.parse"));
        graph.add("other", List.of("Main.run", "Parser.parse"));

        FlameGraph.Node run = graph.root().children.get("Main.run");
        assertThat(graph.samples()).isEqualTo(4);
        assertThat(run.samples).isEqualTo(4);
        assertThat(run.children.get("Store.write").samples).isEqualTo(2);
        assertThat(run.children.get("Store.write").self).isEqualTo(1);
        assertThat(graph.hottest(3)).containsExactly(Map.entry("Parser.parse", 2L), Map.entry("Socket.read", 1L),
                Map.entry("Store.write", 1L));
        assertThat(graph.threads()).containsExactly(Map.entry("worker", 2L), Map.entry("other", 2L));

        String svg = graph.svg("A <test>");
        // Main.run spans the width, its two callees half of it each, Socket.read a quarter.
        assertThat(svg).startsWith("<svg ").endsWith("</svg>\n").contains("<title>A &lt;test&gt;</title>")
                .contains("<title>Main.run: 4 samples (100.0 %)</title><rect x=\"0.00\" y=\"")
                .contains("width=\"1200.00\"").contains("<title>Parser.parse: 2 samples (50.0 %)</title><rect x=\"0.00\"")
                .contains("<title>Store.write: 2 samples (50.0 %)</title><rect x=\"600.00\"")
                .contains("<title>Socket.read: 1 samples (25.0 %)</title><rect x=\"600.00\"")
                .contains("width=\"300.00\"");
    }

    @Test
    void shouldReadTheExecutionSamplesOfARealRecordingForTheThreadsAsked(@TempDir Path dir) throws Exception {
        // On a busy machine the sampler can miss a short burst (it samples a few threads every period, and a thread
        // sampled outside Java code does not count): record again, up to five seconds of spinning in all.
        FlameGraph spinning = null;
        Path jfr = null;
        for (int attempt = 1; attempt <= 5 && (spinning == null || spinning.samples() == 0); attempt++) {
            jfr = dir.resolve("spin-" + attempt + ".jfr");
            try (Recording recording = new Recording()) {
                recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
                recording.start();
                Thread spinner = new Thread(FlameGraphTest::spinForASecond, "flame-spinner");
                spinner.start();
                spinner.join();
                recording.stop();
                recording.dump(jfr);
            }
            spinning = FlameGraph.read(jfr, Pattern.compile("^flame-spinner$"), null, null);
        }

        assertThat(spinning.samples()).isPositive();
        assertThat(spinning.threads()).containsOnlyKeys("flame-spinner");
        assertThat(spinning.svg("spin")).contains("FlameGraphTest.spinForASecond");
        assertThat(FlameGraph.read(jfr, Pattern.compile("^no-such-thread$"), null, null).samples()).isZero();
    }

    static volatile double sink;

    /** Arithmetic for about a second, looking at the clock only every million steps (a clock call is native code). */
    static void spinForASecond() {
        long end = System.nanoTime() + 1_000_000_000L;
        double x = 0;
        do {
            for (int i = 0; i < 1_000_000; i++) {
                x += Math.sqrt(x + i);
            }
        } while (System.nanoTime() < end);
        sink = x;
    }
}
