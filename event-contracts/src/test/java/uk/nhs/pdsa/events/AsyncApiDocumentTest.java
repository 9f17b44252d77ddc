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
 * {@code docs/tooling/package-lock.json}; {@code ./platform test} runs {@code npm ci} there first), with this
 * project's two rules on top (each payload's schemaFormat names the dialect its schema declares, every operation
 * declares its security), and must describe every topic and event type the code knows.
 */
class AsyncApiDocumentTest {
    private static final Path EVENTS = Path.of("..", "docs", "events").toAbsolutePath().normalize();
    private static final Path TOOLING = Path.of("..", "docs", "tooling").toAbsolutePath().normalize();

    @Test
    void shouldBeAValidAsyncApiDocumentCoveringEveryTopicAndEventType() throws Exception {
        assertThat(TOOLING.resolve("node_modules/@asyncapi/parser"))
                .as("the AsyncAPI parser is installed: run npm ci --prefix docs/tooling (./platform test does)")
                .exists();
        String output = parse(EVENTS.resolve("asyncapi.yaml"), 0);
        assertThat(output).contains("VALID: ", "20 messages, 8 operations with security");
        assertThat(output).contains(Topics.CATALOGUE, Topics.AUDIT_RESULTS, Topics.FINDINGS, Topics.CYCLES);
        String document = Files.readString(EVENTS.resolve("asyncapi.yaml"));
        Arrays.stream(EventType.values()).forEach(type -> {
            assertThat(document).as("message for " + type).contains("name: " + type.ceType());
            assertThat(document).as("schema of " + type).contains("./" + type.schemaResource().substring("events/".length()));
        });
    }

    @Test
    void shouldRejectADocumentWithAnError() throws IOException, InterruptedException {
        String output = parse(brokenCopy("action: send", "action: publish", null), 1);
        assertThat(output).contains("INVALID");
    }

    /** A schema written in another JSON Schema dialect than its message declares is refused, as before they agreed. */
    @Test
    void shouldRejectASchemaWhoseDialectDisagreesWithItsSchemaFormat() throws IOException, InterruptedException {
        String output = parse(brokenCopy(null, null, schema -> schema
                .replace("\"http://json-schema.org/draft-07/schema#\"", "\"https://json-schema.org/draft/2020-12/schema\"")
                .replace("\"definitions\"", "\"$defs\"").replace("#/definitions/", "#/$defs/")), 1);
        assertThat(output).contains(
                "error message nhs.pdsa.pdsa-cycle.planned.v1: schemaFormat application/schema+json;version=draft-07 but its "
                        + "schema declares https://json-schema.org/draft/2020-12/schema",
                "error message nhs.pdsa.catalogue.audit.v1: $defs is JSON Schema 2019-09 or later; draft-07 says definitions");
    }

    @Test
    void shouldRejectAnOperationWithoutSecurity() throws IOException, InterruptedException {
        String output = parse(brokenCopy("    security:\n      - $ref: '#/components/securitySchemes/scramSha512'\n    x-kafka-acl",
                "    x-kafka-acl", null), 1);
        assertThat(output).contains("error operation publishCatalogue declares no security",
                "error operation receiveCycles declares no security", "INVALID: 8 error(s)");
    }

    /** A copy of the contract with one change to the AsyncAPI document, or to every schema. */
    private static Path brokenCopy(String from, String to, java.util.function.UnaryOperator<String> schemas) throws IOException {
        Path broken = Files.createTempDirectory("asyncapi");
        for (Path file : Files.list(EVENTS).filter(Files::isRegularFile).toList()) {
            String text = Files.readString(file);
            if (file.toString().endsWith(".schema.json") && schemas != null) {
                text = schemas.apply(text);
            }
            Files.writeString(broken.resolve(file.getFileName()), text);
        }
        Path document = broken.resolve("asyncapi.yaml");
        if (from != null) {
            String text = Files.readString(document);
            assertThat(text).contains(from);
            Files.writeString(document, text.replace(from, to));
        }
        return document;
    }

    private static String parse(Path document, int exitCode) throws IOException, InterruptedException {
        Process node = new ProcessBuilder("node", "asyncapi.mjs", document.toString())
                .directory(TOOLING.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(output).isEqualTo(exitCode);
        return output;
    }
}
