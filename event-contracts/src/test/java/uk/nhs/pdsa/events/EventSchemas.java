package uk.nhs.pdsa.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * Checks event payloads against the JSON Schemas in {@code docs/events/}. Shipped in this module's
 * test-jar so that each producing and each consuming service checks the same contract.
 */
public final class EventSchemas {
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private static final Map<EventType, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** The schema violations of {@code json} as an event of {@code type}; empty when it conforms. */
    public static List<String> violations(EventType type, String json) {
        List<Error> errors = schema(type).validate(json, InputFormat.JSON);
        return errors.stream().map(Error::toString).toList();
    }

    /** The schema's own text, for tests that read its examples. */
    public static String schemaText(EventType type) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
            if (in == null) {
                throw new IllegalStateException("Missing schema on the classpath: " + type.schemaResource());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema schema(EventType type) {
        return SCHEMAS.computeIfAbsent(type, t -> REGISTRY.getSchema(schemaText(t), InputFormat.JSON));
    }
}
