package uk.nhs.pdsa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The API guides ({@code docs/api/*.md}) run as written, the way a new user runs them: on a platform started by
 * {@code ./platform start} with its sample data, the {@code sh} blocks of a guide one after another in one shell,
 * from the repository's folder. A {@code text} block after an {@code sh} block is what that block prints: each of
 * its lines must appear in the output, in order ({@code …} stands for any text within a line). Nothing may answer
 * 500 or fail to connect.
 *
 * <p>The guides run in the order the README links them, on one fresh platform (so the first also runs alone);
 * then {@code ./platform start} must succeed again on what they left; then each other guide runs alone on a fresh
 * platform. The platform here is a stack of its own (own folder and ports, {@link #PORTS}), so a developer's
 * running platform is never touched; the guides' {@code localhost:8081}-style addresses are pointed at it, and
 * nothing else in them is changed. Having nothing in common with the other end-to-end tests, it runs beside them
 * (the failsafe configuration lets this one class run concurrently).
 */
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
class ApiGuidesIT {
    private static final Path ROOT = Path.of(System.getProperty("pdsa.root", "..")).toAbsolutePath().normalize();
    private static final Path LOGS = Path.of(System.getProperty("pdsa.logs", "target/e2e-logs"), "guides");
    /**
     * The guides' ports and the guide platform's: below 32768, the kernel's ephemeral range, where a busy machine's
     * outgoing connections can hold a port the stack binds late (Kafka's 39094 once was).
     */
    private static final Map<String, String> PORTS = new LinkedHashMap<>(Map.of("8081", "28081", "8082", "28082",
            "8083", "28083", "8084", "28084", "8085", "28085", "3110", "28110"));
    private static final Pattern LINK = Pattern.compile("\\((docs/api/[a-z-]+\\.md)\\)");
    private static final Pattern FENCE = Pattern.compile("(?ms)^```([a-z]*)\\n(.*?)^```\\n");
    private static final String MARK = "@@guide-block@@";

    record Block(String script, String expected, int line) {
    }

    @AfterAll
    static void stopThePlatform() throws Exception {
        platform("stop");
    }

    @Test
    void shouldRunEveryGuideAsWrittenInReadmeOrderThenEachAlone() throws Exception {
        List<Path> guides = readmeOrder();
        assertThat(guides).extracting(p -> p.getFileName().toString())
                .containsExactly("ingest.md", "action-plan.md", "notifications.md");
        Files.createDirectories(LOGS);
        List<String> failures = new ArrayList<>();
        platform("clean");
        platform("start");
        for (Path guide : guides) {
            failures.addAll(run(guide, "in-order"));
        }
        // Whatever the guides did, starting again finishes, saying what it does while it waits.
        String again = platform("start");
        assertThat(again).contains("[sample] loaded in", "sample data loaded and travelled through every service")
                .doesNotContain("Exception");
        for (Path guide : guides.subList(1, guides.size())) {
            platform("clean");
            platform("start");
            failures.addAll(run(guide, "alone"));
        }
        assertThat(failures).as("guides as written").isEmpty();
    }

    /** The guides in the order the README first links them. */
    static List<Path> readmeOrder() throws IOException {
        List<Path> guides = new ArrayList<>();
        Matcher link = LINK.matcher(Files.readString(ROOT.resolve("README.md")));
        while (link.find()) {
            Path guide = ROOT.resolve(link.group(1));
            if (!guides.contains(guide)) {
                guides.add(guide);
            }
        }
        return guides;
    }

    /** The sh blocks of a guide, each with the text block that follows it (null when none does). */
    static List<Block> blocks(String markdown) {
        List<Block> blocks = new ArrayList<>();
        Matcher fence = FENCE.matcher(markdown);
        while (fence.find()) {
            int line = (int) markdown.substring(0, fence.start()).lines().count() + 1;
            if (fence.group(1).equals("sh")) {
                blocks.add(new Block(fence.group(2), null, line));
            } else if (fence.group(1).equals("text") && !blocks.isEmpty()
                    && blocks.get(blocks.size() - 1).expected() == null) {
                Block last = blocks.remove(blocks.size() - 1);
                blocks.add(new Block(last.script(), fence.group(2), last.line()));
            }
        }
        return blocks;
    }

    /** What is wrong with {@code actual} as the output a guide shows as {@code expected}; empty when nothing. */
    static List<String> mismatches(String expected, String actual) {
        List<String> lines = actual.lines().toList();
        List<String> problems = new ArrayList<>();
        int at = 0;
        for (String want : expected.lines().filter(l -> !l.isBlank()).toList()) {
            Pattern pattern = Pattern.compile(java.util.Arrays.stream(want.strip().split("…", -1)).map(Pattern::quote)
                    .reduce((a, b) -> a + ".*" + b).orElse(""));
            int found = -1;
            for (int i = at; i < lines.size(); i++) {
                if (pattern.matcher(lines.get(i).strip()).matches()) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                problems.add("shows \"" + want.strip() + "\", not printed");
            } else {
                at = found + 1;
            }
        }
        return problems;
    }

    private static List<String> run(Path guide, String how) throws IOException, InterruptedException {
        String name = guide.getFileName().toString();
        List<Block> blocks = blocks(Files.readString(guide));
        assertThat(blocks).as(name + " has sh blocks").isNotEmpty();
        StringBuilder script = new StringBuilder();
        for (Block block : blocks) {
            script.append("echo '").append(MARK).append("'\n").append(pointed(block.script())).append('\n');
        }
        Files.writeString(LOGS.resolve(name + "." + how + ".sh"), script);
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", script.toString()).directory(ROOT.toFile())
                .redirectErrorStream(true);
        bash.environment().putAll(stackEnvironment());
        Process process = bash.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as(name + " finished").isTrue();
        Files.writeString(LOGS.resolve(name + "." + how + ".log"), output);
        String[] outputs = output.split(Pattern.quote(MARK) + "\\n?", -1);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            String printed = i + 1 < outputs.length ? outputs[i + 1] : "";
            String where = name + " (" + how + "), block at line " + blocks.get(i).line() + ": ";
            if (printed.contains("\"status\":500") || printed.contains("\"status\": 500") || printed.contains("curl: (")) {
                failures.add(where + "an error: " + printed.strip());
            }
            if (blocks.get(i).expected() != null) {
                mismatches(pointed(blocks.get(i).expected()), printed).forEach(m -> failures.add(where + m + "\n--- printed:\n"
                        + printed.strip()));
            }
        }
        System.out.printf("[e2e] guide %s (%s): %d blocks, %d with their shown output, %d failures%n", name, how,
                blocks.size(), blocks.stream().filter(b -> b.expected() != null).count(), failures.size());
        return failures;
    }

    /** A guide's script pointed at the guide platform's ports (nothing else is changed). */
    private static String pointed(String script) {
        String pointed = script;
        for (var port : PORTS.entrySet()) {
            pointed = pointed.replace("localhost:" + port.getKey(), "localhost:" + port.getValue())
                    .replace("127.0.0.1:" + port.getKey(), "127.0.0.1:" + port.getValue());
        }
        return pointed;
    }

    private static Map<String, String> stackEnvironment() {
        return Map.ofEntries(Map.entry("STACK_DIR", ROOT.resolve(".stack/guides").toString()),
                Map.entry("PG_PORT", "25435"), Map.entry("KAFKA_PORT", "28092"), Map.entry("KAFKA_CONTROLLER_PORT", "28093"),
                Map.entry("KAFKA_SASL_PORT", "28094"), Map.entry("MAIL_SMTP_PORT", "28025"), Map.entry("MAIL_POP3_PORT", "28110"),
                Map.entry("KEYCLOAK_PORT", "28180"), Map.entry("KEYCLOAK_MANAGEMENT_PORT", "28190"),
                Map.entry("INGEST_PORT", "28081"), Map.entry("FINDINGS_PORT", "28082"),
                Map.entry("ACTION_PLAN_PORT", "28083"), Map.entry("NOTIFICATION_PORT", "28084"),
                Map.entry("PORTAL_PORT", "28085"), Map.entry("SKIP_BUILD", "1"),
                // No ahead-of-time caches: their training runs (about 100 s of both cores in the suite) would slow the
                // tests running beside this one, and the guides are about the API, not the start. For the same reason
                // the services run on the JIT's first tier, as the other end-to-end tests' do (ServiceJvm), and so do
                // the stack's servers, as the test stack's do (./platform test).
                Map.entry("SERVICE_AOT", "0"),
                Map.entry("SERVICE_JAVA_OPTS", "-Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"),
                Map.entry("STACK_JAVA_OPTS", "-XX:TieredStopAtLevel=1"));
    }

    /** Runs {@code ./platform <command>} on the guide platform; its output, which goes to the log too. */
    private static String platform(String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("platform").toString(), command).directory(ROOT.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(stackEnvironment());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        Files.createDirectories(LOGS);
        Files.writeString(LOGS.resolve("platform.log"), "$ ./platform " + command + "\n" + output,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        assertThat(finished && process.exitValue() == 0).as("./platform " + command + " finished:\n" + output).isTrue();
        return output;
    }
}
