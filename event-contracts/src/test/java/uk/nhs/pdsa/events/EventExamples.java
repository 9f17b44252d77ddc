package uk.nhs.pdsa.events;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The {@code examples} of each event schema: consumers feed them to their handlers in tests. */
public final class EventExamples {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventExamples() {
    }

    public static List<String> of(EventType type) {
        try {
            JsonNode examples = JSON.readTree(EventSchemas.schemaText(type)).path("examples");
            List<String> result = new ArrayList<>();
            examples.forEach(e -> result.add(e.toString()));
            return result;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Schema of " + type + " is not JSON", e);
        }
    }

    public static String first(EventType type) {
        return of(type).get(0);
    }
}
