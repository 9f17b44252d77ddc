package uk.nhs.pdsa.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The AsyncAPI 3 document is checked by the reference parser ({@code @asyncapi/parser}, pinned in
 * {@code docs/events/tooling/package-lock.json}; {@code ./platform test} runs {@code npm ci} there first), and
 * must describe every topic and event type the code knows.
 */
class AsyncApiDocumentTest {
    private static final Path EVENTS = Path.of("..", "docs", "events").toAbsolutePath().normalize();

    @Test
    void shouldBeAValidAsyncApiDocumentCoveringEveryTopicAndEventType() throws Exception {
        Path tooling = EVENTS.resolve("tooling");
        assertThat(tooling.resolve("node_modules/@asyncapi/parser"))
                .as("the AsyncAPI parser is installed: run npm ci --prefix docs/events/tooling (./platform test does)")
                .exists();
        Process node = new ProcessBuilder("node", "validate.mjs", EVENTS.resolve("asyncapi.yaml").toString())
                .directory(tooling.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).contains("VALID: ");
        assertThat(output).contains(Topics.CATALOGUE, Topics.AUDIT_RESULTS, Topics.FINDINGS, Topics.CYCLES);
        String document = Files.readString(EVENTS.resolve("asyncapi.yaml"));
        Arrays.stream(EventType.values()).forEach(type -> {
            assertThat(document).as("message for " + type).contains("name: " + type.ceType());
            assertThat(document).as("schema of " + type).contains("./" + type.schemaResource().substring("events/".length()));
        });
    }

    @Test
    void shouldRejectADocumentWithAnError() throws IOException, InterruptedException {
        Path broken = Files.createTempDirectory("asyncapi");
        for (Path file : Files.list(EVENTS).filter(Files::isRegularFile).toList()) {
            Files.copy(file, broken.resolve(file.getFileName()));
        }
        Path document = broken.resolve("asyncapi.yaml");
        Files.writeString(document, Files.readString(document).replace("action: send", "action: publish"));
        Process node = new ProcessBuilder("node", "validate.mjs", document.toString())
                .directory(EVENTS.resolve("tooling").toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        node.waitFor(120, TimeUnit.SECONDS);
        assertThat(node.exitValue()).as(output).isEqualTo(1);
        assertThat(output).contains("INVALID");
    }
}
