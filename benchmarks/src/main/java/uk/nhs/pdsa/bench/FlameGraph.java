package uk.nhs.pdsa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A flame graph (an SVG that opens in any browser, no script) of the CPU samples in a JFR recording: each box is a
 * method, as wide as the share of samples whose stack holds it, stacked on the method that called it. It also prints
 * the methods that were on top of the stack most often (self time) and the threads sampled.
 *
 * <pre>
 * java -cp benchmarks/target/classes uk.nhs.pdsa.bench.FlameGraph --jfr=findings.jfr --out=findings.svg \
 *     [--threads=finding-worker] [--from=2026-12-03T18:00:00Z --to=...] [--title=...]
 * </pre>
 *
 * Only {@code jdk.ExecutionSample} events count (a thread running Java code when sampled); time a thread spends
 * waiting on a socket or a lock is not in it.
 */
public final class FlameGraph {
    static final int WIDTH = 1200;
    static final int FRAME_HEIGHT = 16;
    /** Boxes narrower than this (pixels) are left out, with their callees: unreadable, and they swell the file. */
    private static final double MIN_WIDTH = 2;

    /** A method in the call tree: its samples (its own and its callees') and the methods it called. */
    static final class Node {
        final String name;
        long samples;
        long self;
        final Map<String, Node> children = new LinkedHashMap<>();

        Node(String name) {
            this.name = name;
        }

        Node child(String frame) {
            return children.computeIfAbsent(frame, Node::new);
        }

        int depth() {
            return 1 + children.values().stream().mapToInt(Node::depth).max().orElse(0);
        }
    }

    private final Node root = new Node("all");
    private final Map<String, Long> threads = new LinkedHashMap<>();
    /** Frames of the platform's own classes ({@code uk.nhs.pdsa}), drawn in a deeper red. */
    private final Set<String> own = new HashSet<>();

    /** Adds one sample whose stack runs from the outermost frame ({@code stack.get(0)}) to the one running. */
    void add(String thread, List<String> stack) {
        root.samples++;
        threads.merge(thread, 1L, Long::sum);
        Node node = root;
        for (String frame : stack) {
            node = node.child(frame);
            node.samples++;
        }
        node.self++;
    }

    long samples() {
        return root.samples;
    }

    Node root() {
        return root;
    }

    /** Reads the recording's execution samples, of the threads whose name matches and within [from, to). */
    static FlameGraph read(Path jfr, Pattern threadNames, Instant from, Instant to) throws IOException {
        FlameGraph graph = new FlameGraph();
        try (RecordingFile recording = new RecordingFile(jfr)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null) {
                    continue;
                }
                Instant at = event.getStartTime();
                if ((from != null && at.isBefore(from)) || (to != null && !at.isBefore(to))) {
                    continue;
                }
                String thread = event.getThread("sampledThread") == null ? "?"
                        : String.valueOf(event.getThread("sampledThread").getJavaName());
                if (threadNames != null && !threadNames.matcher(thread).find()) {
                    continue;
                }
                graph.add(thread, frames(event.getStackTrace(), graph.own));
            }
        }
        return graph;
    }

    /** The stack's frames, outermost first, each as {@code Class.method}; the platform's own added to {@code own}. */
    static List<String> frames(RecordedStackTrace trace, Set<String> own) {
        List<RecordedFrame> recorded = trace.getFrames();
        List<String> frames = new ArrayList<>(recorded.size());
        for (int i = recorded.size() - 1; i >= 0; i--) {
            var method = recorded.get(i).getMethod();
            String type = method.getType().getName();
            String frame = type.substring(type.lastIndexOf('.') + 1) + "." + method.getName();
            if (type.startsWith("uk.nhs.pdsa.")) {
                own.add(frame);
            }
            frames.add(frame);
        }
        if (trace.isTruncated()) {
            frames.add(0, "(deeper frames cut)");
        }
        return frames;
    }

    /** The methods most often on top of the stack: name, samples (most first, then by name). */
    List<Map.Entry<String, Long>> hottest(int limit) {
        Map<String, Long> self = new LinkedHashMap<>();
        collectSelf(root, self);
        return self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).limit(limit).toList();
    }

    private static void collectSelf(Node node, Map<String, Long> self) {
        if (node.self > 0) {
            self.merge(node.name, node.self, Long::sum);
        }
        node.children.values().forEach(c -> collectSelf(c, self));
    }

    Map<String, Long> threads() {
        return threads;
    }

    /** The graph as SVG: the root at the bottom, callees above their callers, widths in proportion to samples. */
    String svg(String title) {
        int depth = root.depth();
        int height = (depth + 3) * FRAME_HEIGHT + 10;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"Verdana, sans-serif\" font-size=\"11\">%n", WIDTH, height, WIDTH,
                height));
        svg.append(String.format(Locale.ROOT, "<title>%s</title>%n", escape(title)));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"14\">%s"
                + " (%,d CPU samples; hover a box for its share)</text>%n", WIDTH / 2, FRAME_HEIGHT + 2, escape(title),
                root.samples));
        if (root.samples > 0) {
            draw(svg, root, 0, WIDTH, height - FRAME_HEIGHT - 5);
        }
        return svg.append("</svg>\n").toString();
    }

    private void draw(StringBuilder svg, Node node, double x, double width, int y) {
        double share = 100.0 * node.samples / root.samples;
        svg.append(String.format(Locale.ROOT, "<g><title>%s: %,d samples (%.1f %%)</title><rect x=\"%.2f\" y=\"%d\""
                + " width=\"%.2f\" height=\"%d\" fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"0.5\"/>", escape(node.name),
                node.samples, share, x, y, width, FRAME_HEIGHT - 1, colour(node.name)));
        int chars = (int) ((width - 4) / 7);
        if (chars >= 3) {
            String label = node.name.length() <= chars ? node.name : node.name.substring(0, chars - 2) + "..";
            svg.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%d\">%s</text>", x + 2, y + FRAME_HEIGHT - 4,
                    escape(label)));
        }
        svg.append("</g>\n");
        double childX = x;
        for (Node child : node.children.values().stream().sorted(Comparator.comparing(n -> n.name)).toList()) {
            double childWidth = width * child.samples / node.samples;
            if (childWidth >= MIN_WIDTH) {
                draw(svg, child, childX, childWidth, y - FRAME_HEIGHT);
            }
            childX += childWidth;
        }
    }

    /** Warm colours, the same for a name in every graph: the platform's own code a deeper red. */
    String colour(String name) {
        int hash = Math.abs(name.hashCode() % 60);
        if (name.startsWith("(") || name.equals("all")) {
            return "#d9d9d9";
        }
        return own.contains(name) ? String.format(Locale.ROOT, "rgb(%d,%d,%d)", 200 + hash / 2, 60 + hash, 40)
                : String.format(Locale.ROOT, "rgb(%d,%d,%d)", 225 + hash / 3, 130 + hash * 2, 50 + hash / 2);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchSupport.options(args, Map.of("jfr", "", "out", "flamegraph.svg",
                "threads", "", "from", "", "to", "", "title", "CPU samples"));
        if (options.get("jfr").isEmpty()) {
            System.err.println("usage: FlameGraph --jfr=<recording.jfr> [--out=flamegraph.svg] [--threads=<regex>]"
                    + " [--from=<instant> --to=<instant>] [--title=...]");
            System.exit(2);
        }
        FlameGraph graph = read(Path.of(options.get("jfr")),
                options.get("threads").isEmpty() ? null : Pattern.compile(options.get("threads")),
                options.get("from").isEmpty() ? null : Instant.parse(options.get("from")),
                options.get("to").isEmpty() ? null : Instant.parse(options.get("to")));
        Files.writeString(Path.of(options.get("out")), graph.svg(options.get("title")));
        System.out.printf(Locale.ROOT, "[flame] %,d samples -> %s%n", graph.samples(), options.get("out"));
        graph.threads().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(t -> System.out.printf(Locale.ROOT, "[flame] thread %-40s %6.1f %%%n", t.getKey(),
                        100.0 * t.getValue() / graph.samples()));
        for (Map.Entry<String, Long> hot : graph.hottest(15)) {
            System.out.printf(Locale.ROOT, "[flame] self %-60s %6.1f %%%n", hot.getKey(),
                    100.0 * hot.getValue() / graph.samples());
        }
    }
}
