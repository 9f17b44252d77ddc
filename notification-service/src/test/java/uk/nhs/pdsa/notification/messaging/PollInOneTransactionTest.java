package uk.nhs.pdsa.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.events.TestFindings;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.runtime.inbox.EventInbox;
import uk.nhs.pdsa.runtime.inbox.RejectedEventException;

/**
 * A poll's events in one transaction (how notification stores findings): each takes effect once, however often it is
 * polled; a record that breaks the contract is rejected without holding the others back; and an effect that
 * rejects its event leaves the others applied.
 */
@QuarkusTest
class PollInOneTransactionTest {
    @Inject
    EventInbox inbox;
    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;

    @Test
    void shouldApplyEachEventOfAPollOnceAndRejectOnlyTheBrokenRecord() throws Exception {
        String consumer = "test.poll-" + UUID.randomUUID();
        FindingState a = concern();
        FindingState b = concern();
        String brokenId = UUID.randomUUID().toString();
        List<ConsumerRecord<String, String>> poll = List.of(record(a, "a", 1), record(a, "a", 2), // a repeat
                EventProbe.polled(EventType.FINDING_RAISED, brokenId, a.key(), "not json", 3), record(b, "b", 4));
        List<UUID> applied = new CopyOnWriteArrayList<>();

        inbox.<FindingState>handleEach(consumer, poll, Set.of(EventType.FINDING_RAISED), f -> applied.add(f.findingId()));
        assertThat(applied).containsExactly(a.findingId(), b.findingId());
        assertThat(rejected(consumer)).containsExactly(brokenId);

        // Polled again (after a restart before the offsets were committed): nothing takes effect twice.
        inbox.<FindingState>handleEach(consumer, poll, Set.of(EventType.FINDING_RAISED), f -> applied.add(f.findingId()));
        assertThat(applied).hasSize(2);
        assertThat(processed(consumer)).containsExactlyInAnyOrder(a.findingId() + "/a", b.findingId() + "/b");
    }

    @Test
    void shouldKeepTheOtherEventsWhenAnEffectRejectsItsEvent() throws Exception {
        String consumer = "test.poll-" + UUID.randomUUID();
        FindingState a = concern();
        FindingState b = concern();
        FindingState c = concern();

        inbox.<FindingState>handleEach(consumer, List.of(record(a, "a", 1), record(b, "b", 2), record(c, "c", 3)),
                Set.of(EventType.FINDING_RAISED), f -> {
                    if (f.findingId().equals(b.findingId())) {
                        throw new RejectedEventException(f.findingId() + "/b", "b cannot be applied");
                    }
                });
        // The poll's transaction rolled back, then each event was handled alone: a and c took effect, b was rejected.
        assertThat(processed(consumer)).containsExactlyInAnyOrder(a.findingId() + "/a", c.findingId() + "/c");
        assertThat(rejected(consumer)).containsExactly(b.findingId() + "/b");
    }

    private FindingState concern() {
        return TestFindings.specialCause(TestOrganisations.unique("P"), "ward-1", "2025-09", "special-cause-concern", 0.6, 0.79);
    }

    private ConsumerRecord<String, String> record(FindingState f, String name, long offset) throws Exception {
        return EventProbe.polled(EventType.FINDING_RAISED, f.findingId() + "/" + name, f.key(), json.writeValueAsString(f),
                offset);
    }

    @SuppressWarnings("unchecked")
    private List<String> processed(String consumer) {
        return em.createNativeQuery("select event_id from processed_event where consumer = :consumer")
                .setParameter("consumer", consumer).getResultList();
    }

    @SuppressWarnings("unchecked")
    private List<String> rejected(String consumer) {
        return em.createNativeQuery("select event_id from rejected_event where consumer = :consumer order by id")
                .setParameter("consumer", consumer).getResultList();
    }
}
