package uk.nhs.pdsa.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import uk.nhs.pdsa.events.CloudEventHeaders;
import uk.nhs.pdsa.events.EventExamples;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.events.Topics;

/**
 * The state a relay leaves when the process dies after the broker stored a batch but before the outbox rows
 * were deleted: rows still pending, marked in doubt, some of them already on the topic. The next relay must
 * publish only the missing ones, so every event is on the topic exactly once.
 */
@QuarkusTest
class OutboxReconciliationTest {
    @Inject
    EntityManager em;

    private final EventProbe probe = new EventProbe(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    @Test
    void shouldPublishOnlyTheInDoubtEventsThatDidNotReachTheTopic() {
        String organisation = TestOrganisations.unique("X");
        String subject = "nhfd/surgery-within-36h/" + organisation + "@2025-01";
        String payload = EventExamples.first(EventType.AUDIT_RESULT_RECORDED).replace("\"RXH\"", "\"" + organisation + "\"");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        // The first three reached the broker before the "crash".
        for (String id : ids.subList(0, 3)) {
            probe.send(EventType.AUDIT_RESULT_RECORDED, id, "nhfd/surgery-within-36h", subject, payload);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            for (String id : ids) {
                Number rowId = (Number) em.createNativeQuery("insert into outbox_event (event_id, topic, message_key,"
                                + " ce_type, subject, payload, occurred_at) values (cast(:id as uuid), :topic,"
                                + " 'nhfd/surgery-within-36h', :type, :subject, :payload, now()) returning id")
                        .setParameter("id", id)
                        .setParameter("topic", Topics.AUDIT_RESULTS)
                        .setParameter("type", EventType.AUDIT_RESULT_RECORDED.ceType())
                        .setParameter("subject", subject)
                        .setParameter("payload", payload)
                        .getSingleResult();
                em.createNativeQuery("insert into outbox_batch_in_doubt (first_id, last_id, since) values (:id, :id, :since)")
                        .setParameter("id", rowId.longValue())
                        .setParameter("since", Instant.now().minusSeconds(5))
                        .executeUpdate();
            }
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                ((Number) em.createNativeQuery("select count(*) from outbox_event where subject = :subject")
                        .setParameter("subject", subject).getSingleResult()).intValue() == 0));

        List<ConsumerRecord<String, String>> onTopic = probe.upToEnd(Topics.AUDIT_RESULTS,
                r -> subject.equals(EventProbe.header(r, CloudEventHeaders.SUBJECT)));
        assertThat(onTopic).extracting(r -> EventProbe.header(r, CloudEventHeaders.ID))
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select count(*) from outbox_batch_in_doubt").getSingleResult())).isEqualTo(0L);
    }
}
