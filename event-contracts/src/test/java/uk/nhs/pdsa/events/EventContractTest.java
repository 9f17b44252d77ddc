package uk.nhs.pdsa.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class EventContractTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldShipASchemaWithValidExamplesForEveryEventType(EventType type) {
        assertThat(EventExamples.of(type)).isNotEmpty();
        for (String example : EventExamples.of(type)) {
            assertThat(EventSchemas.violations(type, example)).as(example).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldRoundTripEachExampleThroughItsRecordWithoutChange(EventType type) throws Exception {
        for (String example : EventExamples.of(type)) {
            Record payload = JSON.readValue(example, type.payloadType());
            JsonNode written = JSON.valueToTree(payload);
            JsonNode expected = JSON.readTree(example);
            // 0.85 may come back as a double or a decimal node: compare numbers by value.
            assertThat(written.equals(EventContractTest::compareNumbersByValue, expected))
                    .as("%s%n  round-tripped to%n%s", expected, written).isTrue();
            assertThat(EventSchemas.violations(type, written.toString())).isEmpty();
        }
    }

    private static int compareNumbersByValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldListEveryRecordFieldInTheSchemaAndNoOther(EventType type) throws Exception {
        JsonNode properties = JSON.readTree(EventSchemas.schemaText(type)).path("properties");
        Set<String> schemaFields = properties.properties().stream().map(java.util.Map.Entry::getKey).collect(Collectors.toSet());
        Set<String> recordFields = Arrays.stream(type.payloadType().getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName)
                .collect(Collectors.toSet());
        assertThat(schemaFields).isEqualTo(recordFields);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldRejectAPayloadMissingARequiredField(EventType type) throws Exception {
        JsonNode schema = JSON.readTree(EventSchemas.schemaText(type));
        String firstRequired = schema.path("required").get(0).asText();
        com.fasterxml.jackson.databind.node.ObjectNode example =
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(EventExamples.first(type));
        example.remove(firstRequired);
        assertThat(EventSchemas.violations(type, example.toString())).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldResolveEachTypeFromItsCloudEventsType(EventType type) {
        assertThat(EventType.ofCeType(type.ceType())).isEqualTo(type);
        assertThat(type.ceType()).startsWith("nhs.pdsa.").endsWith(".v1");
        assertThat(type.topic()).startsWith("pdsa.").endsWith(".v1");
    }
}
