package uk.nhs.pdsa.findings.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import uk.nhs.pdsa.events.AuditResultRecorded;
import uk.nhs.pdsa.events.CloudEventHeaders;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.events.Topics;
import uk.nhs.pdsa.metrics.MetricType;
import uk.nhs.pdsa.testing.TestTokens;

/** Refused events for admins: listed with the reason, replayed after a fix, counted while open. */
@QuarkusTest
class RejectedEventsTest {
    private final EventProbe probe = new EventProbe(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    @Inject
    ObjectMapper json;
    @Inject
    EntityManager em;

    @Test
    void shouldListARefusedEventWithItsReasonReplayItAndCountItWhileOpen() throws Exception {
        String org = TestOrganisations.unique("R");
        String broken = UUID.randomUUID().toString();
        probe.send(EventType.AUDIT_RESULT_RECORDED, broken, "nhfd/surgery-within-36h", "nhfd/surgery-within-36h/" + org,
                "{\"resultId\": 7}");
        long id = await().atMost(Duration.ofSeconds(30)).until(() -> rowOf(broken), r -> r != null);

        TestTokens.admin().get("/api/v1/rejected-events?consumer=findings.audit-results&open=true").then().statusCode(200)
                .body("items.id", hasItem((int) id));
        TestTokens.admin().get("/api/v1/rejected-events/" + id).then().statusCode(200)
                .body("eventId", equalTo(broken)).body("reason", startsWith("payload does not match"))
                .body("payload", equalTo("{\"resultId\": 7}"));
        // Replayed without a fix, it is refused again and stays open.
        TestTokens.admin().post("/api/v1/rejected-events/" + id + "/replay").then().statusCode(200)
                .body("replayOutcome", startsWith("rejected again: payload does not match"))
                .body("replayedBy", equalTo("test-admin@" + TestTokens.NATIONAL));
        assertThat(metric()).isGreaterThanOrEqualTo(1.0);

        // An event refused by an earlier fault (here: recorded as refused by hand) is processed once replayed.
        String good = UUID.randomUUID().toString();
        AuditResultRecorded result = new AuditResultRecorded(UUID.randomUUID(), 1, "nhfd", "surgery-within-36h",
                MetricType.PROPORTION, "higher-is-better", new java.math.BigDecimal("0.85"), org, "ward-1", "2025-03",
                41L, 52L, null, Instant.now());
        probe.send(EventType.AUDIT_RESULT_RECORDED, good, "nhfd/surgery-within-36h", result.seriesKey().withPeriod("2025-03"),
                json.writeValueAsString(result));
        ConsumerRecord<String, String> record = await().atMost(Duration.ofSeconds(30)).until(() -> probe.upToEnd(
                Topics.AUDIT_RESULTS, r -> good.equals(EventProbe.header(r, CloudEventHeaders.ID))), l -> !l.isEmpty()).get(0);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into rejected_event (consumer, event_id,"
                + " topic, kafka_partition, kafka_offset, reason, payload) values ('findings.audit-results', :id, :t, :p, :o,"
                + " 'refused by an earlier fault', :v)").setParameter("id", good).setParameter("t", record.topic())
                .setParameter("p", record.partition()).setParameter("o", record.offset()).setParameter("v", record.value())
                .executeUpdate());
        long refused = rowOf(good);
        TestTokens.admin().post("/api/v1/rejected-events/" + refused + "/replay").then().statusCode(200)
                .body("replayOutcome", equalTo("processed"));
        TestTokens.admin().get("/api/v1/rejected-events?open=true&size=500").then().statusCode(200)
                .body("items.id", not(hasItem((int) refused)));
    }

    @Test
    void shouldAnswerOnlyAdminsAndRefuseWhatIsNotThere() {
        TestTokens.as(TestOrganisations.unique("R"), "viewer", "improvement-lead").get("/api/v1/rejected-events")
                .then().statusCode(403);
        TestTokens.admin().get("/api/v1/rejected-events/999999999").then().statusCode(404);
        TestTokens.admin().post("/api/v1/rejected-events/999999999/replay").then().statusCode(404);
        TestTokens.admin().get("/api/v1/rejected-events/abc").then().statusCode(400);
        TestTokens.admin().get("/api/v1/rejected-events?consumer=Robert'); drop").then().statusCode(400);
    }

    private Long rowOf(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var rows = em.createNativeQuery("select id from rejected_event where event_id = :e order by id desc")
                    .setParameter("e", eventId).getResultList();
            return rows.isEmpty() ? null : ((Number) rows.get(0)).longValue();
        });
    }

    private static double metric() {
        String text = io.restassured.RestAssured.given().get("/q/metrics").asString();
        return text.lines().filter(l -> l.startsWith("pdsa_events_rejected ")).mapToDouble(l -> Double.parseDouble(
                l.substring(l.indexOf(' ') + 1))).findFirst().orElse(-1);
    }
}
