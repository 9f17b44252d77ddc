package uk.nhs.pdsa.notification.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.events.TestFindings;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.Mailbox;
import uk.nhs.pdsa.testing.TestTokens;

/**
 * Findings arriving together are recorded a poll at a time (NotificationConsumers.onFindings): whatever the polls,
 * each finding reaches each contact once, in the trace of its own event, with its disclosure written once; a poll
 * sent again under new event ids (a producer's replay) changes nothing.
 */
@QuarkusTest
class FindingsPollTest {
    private static final int TRUSTS = 3;
    private static final int WARDS = 12;
    private final EventProbe probe = new EventProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    @Inject
    ObjectMapper json;
    @Inject
    EntityManager em;

    @Test
    void shouldRecordEachFindingOfABurstOnceInItsOwnTrace() throws Exception {
        TestTokens.actAs(TestTokens.NATIONAL);
        List<String> trusts = new ArrayList<>();
        for (int t = 0; t < TRUSTS; t++) {
            String trust = TestOrganisations.unique("B");
            trusts.add(trust);
            given().contentType(ContentType.JSON).body(Map.of("organisation", trust, "name", "Clinical lead",
                    "role", "clinical-lead", "email", lead(trust))).post("/api/v1/contacts").then().statusCode(201);
        }
        Map<UUID, String> traceOf = new HashMap<>();
        List<ProducerRecord<String, String>> burst = new ArrayList<>();
        for (String trust : trusts) {
            for (int w = 1; w <= WARDS; w++) {
                FindingState concern = TestFindings.specialCause(trust, "ward-" + w, "2025-09", "special-cause-concern", 0.6, 0.79);
                String traceparent = EventProbe.newTraceparent();
                traceOf.put(concern.findingId(), EventProbe.traceId(traceparent));
                burst.add(EventProbe.cloudEvent(EventType.FINDING_RAISED, UUID.randomUUID().toString(), concern.key(),
                        "finding", json.writeValueAsString(concern), traceparent));
            }
        }
        probe.sendRecords(burst);
        // The same findings again under new event ids, in other traces.
        probe.sendRecords(burst.stream().map(r -> EventProbe.cloudEvent(EventType.FINDING_RAISED, UUID.randomUUID().toString(),
                r.key(), "finding", r.value(), EventProbe.newTraceparent())).toList());

        int findings = TRUSTS * WARDS;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(trusts.stream()
                .mapToInt(trust -> Mailbox.messages(lead(trust)).size()).sum()).isEqualTo(findings));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(rows(trusts)).hasSize(findings)
                .allSatisfy(row -> assertThat(row[1]).isEqualTo("delivered")));
        for (Object[] row : rows(trusts)) {
            UUID finding = UUID.fromString(((String) row[0]).substring("finding:".length()));
            assertThat(EventProbe.traceId((String) row[2])).as("the trace of finding %s's first event", finding)
                    .isEqualTo(traceOf.get(finding));
        }
        assertThat(disclosures(trusts)).as("one disclosure per finding").isEqualTo(findings);
        // Nothing more arrives once every message is out.
        Thread.sleep(2000);
        assertThat(trusts.stream().mapToInt(trust -> Mailbox.messages(lead(trust)).size()).sum()).isEqualTo(findings);
    }

    private static String lead(String trust) {
        return "lead." + trust.toLowerCase(java.util.Locale.ROOT) + "@poll.nhs.test";
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(List<String> trusts) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select event_id, status, traceparent"
                + " from notification where organisation in (:trusts) and channel = 'email'").setParameter("trusts", trusts)
                .getResultList());
    }

    private long disclosures(List<String> trusts) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from disclosure where organisation in (:trusts)").setParameter("trusts", trusts)
                .getSingleResult()).longValue());
    }
}
