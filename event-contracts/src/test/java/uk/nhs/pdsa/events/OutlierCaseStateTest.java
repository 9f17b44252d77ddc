package uk.nhs.pdsa.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** A case event that does not say what it is about fails to read, so consumers' inboxes reject it, never crash on it. */
class OutlierCaseStateTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void shouldReadTheExampleAndRefuseOneWithoutItsStep() throws Exception {
        String example = EventExamples.first(EventType.OUTLIER_CASE_MOVED);
        OutlierCaseState read = JSON.readValue(example, OutlierCaseState.class);
        assertThat(read.action()).isEqualTo("clinical-lead-notified");
        assertThat(read.subject()).isEqualTo("outlier-case/nhfd/mortality-30-day/2025-26/RJ1");
        assertThat(read.eventId()).isEqualTo(JSON.readValue(example, OutlierCaseState.class).eventId());
        for (String field : new String[] {"action", "stage", "organisation", "caseId"}) {
            ObjectNode broken = (ObjectNode) JSON.readTree(example);
            broken.remove(field);
            assertThatThrownBy(() -> JSON.readValue(broken.toString(), OutlierCaseState.class)).as(field)
                    .isInstanceOf(JsonProcessingException.class);
        }
    }
}
