package uk.nhs.pdsa.findings.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import uk.nhs.pdsa.events.AuditResultRecorded;
import uk.nhs.pdsa.events.CloudEventHeaders;
import uk.nhs.pdsa.events.EventExamples;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventSchemas;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.events.Topics;

/** Feeds real audit-result events through the broker, as audit-ingest publishes them, and reads the effects over REST. */
@QuarkusTest
class AuditResultConsumerTest {
    private final EventProbe probe = new EventProbe(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    @Inject
    ObjectMapper json;
    @Inject
    EntityManager em;
    private String organisation;

    @BeforeEach
    void newOrganisation() {
        organisation = TestOrganisations.unique("F");
    }

    @Test
    void shouldRaiseAConcernWhenSevenMonthsFallBelowTheCentreLine() throws Exception {
        // 14 stable months around 80 % (alternating 38/50 and 42/50), then 7 months at 60 %. Read as the months arrive:
        // the first low month falls below the lower limit (0.6 < 0.6129); from the second on, two of the last three
        // sit between 2σ and 3σ below the centre; the seventh completes a shift.
        for (int month = 1; month <= 21; month++) {
            long numerator = month > 14 ? 30 : month % 2 == 0 ? 38 : 42;
            publish("ward-7", period(month), numerator, 50, 1);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/api/v1/findings?organisation=" + organisation).then().statusCode(200)
                .body("$", hasSize(7))
                .body("variation", org.hamcrest.Matchers.everyItem(equalTo("special-cause-concern")))
                .body("[0].period", equalTo("2024-09"))
                .body("[0].signals.rule", org.hamcrest.Matchers.contains("shift", "two-of-three"))
                .body("[0].signals[0].fromPeriod", equalTo("2024-03"))
                .body("[1].period", equalTo("2024-08"))
                .body("[1].signals.rule", org.hamcrest.Matchers.contains("two-of-three"))
                .body("[6].period", equalTo("2024-03"))
                .body("[6].signals[0].rule", equalTo("beyond-limits")));

        Number centre = given().get("/api/v1/series/nhfd/surgery-within-36h/" + organisation + "?microsystem=ward-7")
                .then().statusCode(200)
                .body("points", hasSize(21)).body("chart", equalTo("p")).body("provisional", equalTo(false))
                .body("variation", equalTo("special-cause-concern"))
                .extract().path("points[0].centre");
        // p̄ = (7 × 38 + 7 × 42 + 7 × 30) / (21 × 50) = 770 / 1050
        assertThat(centre.doubleValue()).isCloseTo(770.0 / 1050, org.assertj.core.api.Assertions.within(1e-6));

        String key = "nhfd/surgery-within-36h/" + organisation + "/ward-7";
        List<ConsumerRecord<String, String>> events = probe.all(Topics.FINDINGS, r -> key.equals(r.key()), Duration.ofSeconds(20), 7);
        assertThat(events).hasSize(7);
        ConsumerRecord<String, String> event = events.get(6);
        assertThat(EventProbe.header(event, CloudEventHeaders.TYPE)).isEqualTo(EventType.FINDING_RAISED.ceType());
        assertThat(EventProbe.header(event, CloudEventHeaders.SOURCE)).isEqualTo("/pdsa/findings-service");
        assertThat(EventProbe.header(event, CloudEventHeaders.SUBJECT)).isEqualTo(key + "@2024-09");
        assertThat(EventSchemas.violations(EventType.FINDING_RAISED, event.value())).isEmpty();
    }

    @Test
    void shouldApplyARedeliveredEventOnceAndIgnoreAnOlderRevision() throws Exception {
        String id = UUID.randomUUID().toString();
        publishWithId(id, "ward-1", "2025-01", 10, 20, 2);
        publishWithId(id, "ward-1", "2025-01", 11, 20, 2);
        publish("ward-1", "2025-01", 12, 20, 1);
        publish("ward-1", "2025-02", 5, 20, 1);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/v1/series/nhfd/surgery-within-36h/" + organisation + "?microsystem=ward-1")
                .then().statusCode(200).body("points", hasSize(2)));
        given().get("/api/v1/series/nhfd/surgery-within-36h/" + organisation + "?microsystem=ward-1")
                .then().body("points[0].numerator", equalTo(10)).body("provisional", equalTo(true));
    }

    @Test
    void shouldRecordAnEventThatBreaksTheContractAndCarryOn() throws Exception {
        probe.sendRecord(new ProducerRecord<>(Topics.AUDIT_RESULTS, "nhfd/x/" + organisation, "{\"not\":\"a cloud event\"}"));
        publish(null, "2025-05", 3, 4, 1);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/v1/series/nhfd/surgery-within-36h/" + organisation).then().statusCode(200));
        Number rejected = (Number) em.createNativeQuery(
                "select count(*) from rejected_event where payload = '{\"not\":\"a cloud event\"}'").getSingleResult();
        assertThat(rejected.longValue()).isPositive();
    }

    @Test
    void shouldAcceptTheSchemaExampleOfTheContract() {
        String example = EventExamples.first(EventType.AUDIT_RESULT_RECORDED);
        probe.send(EventType.AUDIT_RESULT_RECORDED, "nhfd/surgery-within-36h/RXH/ward-10",
                "nhfd/surgery-within-36h/RXH/ward-10@2025-03", example);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/v1/series/nhfd/surgery-within-36h/RXH?microsystem=ward-10").then().statusCode(200)
                .body("points.period", org.hamcrest.Matchers.hasItem("2025-03")));
    }

    @Test
    void shouldAnswerAnUnknownSeriesWith404Problem() {
        given().get("/api/v1/series/nhfd/surgery-within-36h/NOPE").then().statusCode(404)
                .contentType("application/problem+json");
    }

    private static String period(int month) {
        return String.format("%d-%02d", 2023 + (month - 1) / 12, (month - 1) % 12 + 1);
    }

    private void publish(String microsystem, String period, long numerator, long denominator, int revision) throws Exception {
        publishWithId(UUID.randomUUID().toString(), microsystem, period, numerator, denominator, revision);
    }

    private void publishWithId(String id, String microsystem, String period, long numerator, long denominator,
            int revision) throws Exception {
        AuditResultRecorded event = new AuditResultRecorded(UUID.randomUUID(), revision, "nhfd", "surgery-within-36h",
                "proportion", "higher-is-better", new java.math.BigDecimal("0.85"), organisation, microsystem, period,
                numerator, denominator, null, Instant.now());
        String payload = json.writeValueAsString(event);
        assertThat(EventSchemas.violations(EventType.AUDIT_RESULT_RECORDED, payload)).isEmpty();
        probe.send(EventType.AUDIT_RESULT_RECORDED, id, event.seriesKey().asText(), event.seriesKey().withPeriod(period),
                payload);
    }
}
