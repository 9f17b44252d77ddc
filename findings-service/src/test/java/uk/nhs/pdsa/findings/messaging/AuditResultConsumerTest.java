package uk.nhs.pdsa.findings.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
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
import uk.nhs.pdsa.metrics.MetricType;
import uk.nhs.pdsa.events.AuditResultRecorded;
import uk.nhs.pdsa.events.CloudEventHeaders;
import uk.nhs.pdsa.events.EventExamples;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventSchemas;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.TestTokens;
import uk.nhs.pdsa.findings.support.TestColleges;
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
        TestTokens.actAs(organisation);
    }

    @Test
    void shouldRaiseOneConcernPerSeriesWhenSevenMonthsFallBelowTheCentreLineAndResolveItWhenTheyRecover() throws Exception {
        // 14 stable months around 80 % (alternating 38/50 and 42/50), then 7 months at 60 %. The first low month falls
        // below the lower limit (0.6 < 0.6129); then two of the last three sit between 2σ and 3σ below the centre;
        // the seventh completes a shift. One run of concern from 2024-03, whatever the batches: one finding per
        // series (the microsystem's, and the trust's, which here is the sum of that one microsystem).
        List<String> ids = new java.util.ArrayList<>();
        for (int month = 1; month <= 21; month++) {
            long numerator = month > 14 ? 30 : month % 2 == 0 ? 38 : 42;
            ids.add(publish("ward-7", period(month), numerator, 50, 1));
        }
        String ward = "nhfd/surgery-within-36h/" + organisation + "/ward-7";
        String trust = "nhfd/surgery-within-36h/" + organisation;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/api/v1/findings?organisation=" + organisation).then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.kind", everyItem(equalTo("special-cause")))
                .body("items.status", everyItem(equalTo("open")))
                .body("items.orientation", everyItem(equalTo("concern")))
                .body("items.period", everyItem(equalTo("2024-09")))
                .body("items.specialCause.variation", everyItem(equalTo("special-cause-concern")))
                .body("items.specialCause.firstPeriod", everyItem(equalTo("2024-03")))
                .body("items.microsystem", containsInAnyOrder("ward-7", null))
                .body("items[0].specialCause.signals.rule", contains("shift", "two-of-three"))
                .body("items[0].specialCause.signals[0].fromPeriod", equalTo("2024-03")));

        Number centre = given().get("/api/v1/spc?audit=nhfd&metric=surgery-within-36h&organisation=" + organisation + "&microsystem=ward-7")
                .then().statusCode(200)
                .body("points", hasSize(21)).body("chart", equalTo("p")).body("provisional", equalTo(false))
                .body("variation", equalTo("special-cause-concern"))
                .extract().path("points[0].centre");
        // The limits come from the first 20 points (the default baseline):
        // p̄ = (7 × 38 + 7 × 42 + 6 × 30) / (20 × 50) = 740 / 1000; the 21st point does not move them.
        assertThat(centre.doubleValue()).isCloseTo(740.0 / 1000, org.assertj.core.api.Assertions.within(1e-6));

        int version = given().get("/api/v1/findings?organisation=" + organisation + "&microsystem=ward-7").then()
                .extract().path("items[0].version");
        List<ConsumerRecord<String, String>> wardEvents = findingEvents(ward, version);
        assertThat(wardEvents).hasSize(version);
        assertThat(EventProbe.header(wardEvents.get(0), CloudEventHeaders.TYPE)).isEqualTo(EventType.FINDING_RAISED.ceType());
        assertThat(EventProbe.header(wardEvents.get(0), CloudEventHeaders.SOURCE)).isEqualTo("/pdsa/findings-service");
        assertThat(wardEvents).allSatisfy(e -> assertThat(EventSchemas.violations(EventType.FINDING_RAISED, e.value())).isEmpty());
        FindingState latest = state(wardEvents.get(wardEvents.size() - 1));
        assertThat(EventProbe.header(wardEvents.get(wardEvents.size() - 1), CloudEventHeaders.SUBJECT)).isEqualTo(ward + "@2024-09");
        assertThat(EventProbe.header(wardEvents.get(wardEvents.size() - 1), CloudEventHeaders.ID))
                .isEqualTo(latest.eventId().toString());
        // However the months were batched: raised once, then only changes of the same finding.
        assertThat(wardEvents.stream().map(this::state).map(FindingState::findingId).distinct()).hasSize(1);
        assertThat(wardEvents.stream().filter(e -> EventType.FINDING_RAISED.ceType()
                .equals(EventProbe.header(e, CloudEventHeaders.TYPE)))).hasSize(1);
        assertThat(wardEvents.stream().map(this::state).map(FindingState::version).toList())
                .isEqualTo(java.util.stream.IntStream.rangeClosed(1, wardEvents.size()).boxed().toList());

        // A replay of every event (same ids) changes nothing and publishes nothing.
        for (int month = 1; month <= 21; month++) {
            long numerator = month > 14 ? 30 : month % 2 == 0 ? 38 : 42;
            publishWithId(ids.get(month - 1), "ward-7", period(month), numerator, 50, 1);
        }
        // Month 22 back at 80 %, above the centre line: common cause; both findings resolve.
        publish("ward-7", period(22), 40, 50, 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/api/v1/findings?status=resolved&organisation=" + organisation).then()
                .body("total", equalTo(2)).body("items.resolvedAt", everyItem(org.hamcrest.Matchers.notNullValue())));
        // (Only special cause: month 22 also sits in the metric's 2024-10 funnel, which other tests' trusts share, so
        // an outlier finding may stand there whatever this series does.)
        given().get("/api/v1/findings?kind=special-cause&organisation=" + organisation).then().body("total", equalTo(0));
        List<ConsumerRecord<String, String>> after = findingEvents(ward, wardEvents.size() + 1);
        assertThat(after).hasSize(wardEvents.size() + 1);
        ConsumerRecord<String, String> resolved = after.get(after.size() - 1);
        assertThat(EventProbe.header(resolved, CloudEventHeaders.TYPE)).isEqualTo(EventType.FINDING_RESOLVED.ceType());
        assertThat(state(resolved).findingId()).isEqualTo(latest.findingId());
        assertThat(state(resolved).version()).isEqualTo(latest.version() + 1);
        assertThat(state(resolved).period()).isEqualTo("2024-09");
        assertThat(findingEvents(trust, 2)).last().satisfies(e -> assertThat(EventProbe.header(e, CloudEventHeaders.TYPE))
                .isEqualTo(EventType.FINDING_RESOLVED.ceType()));

        // A revision of month 22 down to 60 % continues the run: the same finding reopens (raised again, next version).
        publish("ward-7", period(22), 30, 50, 2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/api/v1/findings/" + latest.findingId()).then().statusCode(200)
                .body("status", equalTo("open")).body("version", equalTo(latest.version() + 2))
                .body("period", equalTo("2024-10")));
    }

    @Test
    void shouldRaiseFunnelOutliersPerTrustAndResolveThemWhenARevisionBringsTheTrustWithin() throws Exception {
        // Ten trusts in one period of an audit of their own: eight at 80/100, one at 50/100 and one at 97/100.
        // θ₀ = 787/1000; the winsorised φ̂ is small (no overdispersion adjustment); 50 % and 97 % lie beyond the
        // 99.8 % limits (about 0.660 and 0.913 at n = 100): alarm-low (a concern: higher is better) and alarm-high.
        String audit = "fun-" + organisation.toLowerCase(java.util.Locale.ROOT);
        List<String> trusts = java.util.stream.IntStream.range(0, 10).mapToObj(i -> organisation + i).toList();
        for (int i = 0; i < 10; i++) {
            long numerator = i == 0 ? 50 : i == 9 ? 97 : 80;
            publishTo(audit, trusts.get(i), "ward-1", "2025-06", numerator, 100, 1);
        }
        TestColleges.actAsCollegeCovering(audit); // reads every trust's outliers
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/api/v1/findings?kind=outlier&audit=" + audit).then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.find { it.organisation == '" + trusts.get(0) + "' }.orientation", equalTo("concern"))
                .body("items.find { it.organisation == '" + trusts.get(0) + "' }.outlier.classification", equalTo("alarm-low"))
                .body("items.find { it.organisation == '" + trusts.get(0) + "' }.outlier.method", equalTo("none"))
                .body("items.find { it.organisation == '" + trusts.get(0) + "' }.outlier.units", equalTo(10))
                .body("items.find { it.organisation == '" + trusts.get(9) + "' }.orientation", equalTo("improvement"))
                .body("items.find { it.organisation == '" + trusts.get(9) + "' }.outlier.level", equalTo("alarm"))
                .body("items.microsystem", everyItem(org.hamcrest.Matchers.nullValue())));
        Number target = given().get("/api/v1/findings?kind=outlier&audit=" + audit + "&organisation=" + trusts.get(0))
                .then().extract().path("items[0].outlier.target");
        assertThat(target.doubleValue()).isCloseTo(0.787, org.assertj.core.api.Assertions.within(1e-9));
        given().get("/api/v1/funnel?audit=" + audit + "&metric=surgery-within-36h&period=2025-06").then()
                .statusCode(200).body("units.find { it.id == '" + trusts.get(0) + "' }.classification", equalTo("alarm-low"));

        // The low trust revises to 78/100: back within; its finding resolves. The high one stays open and unchanged:
        // θ₀ and its limits moved, but not its own numbers, level or side.
        publishTo(audit, trusts.get(0), "ward-1", "2025-06", 78, 100, 2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/api/v1/findings?status=all&kind=outlier&audit=" + audit).then()
                .body("total", equalTo(2))
                .body("items.find { it.organisation == '" + trusts.get(0) + "' }.status", equalTo("resolved"))
                .body("items.find { it.organisation == '" + trusts.get(9) + "' }.status", equalTo("open"))
                .body("items.find { it.organisation == '" + trusts.get(9) + "' }.version", equalTo(1)));
    }

    @Test
    void shouldAnswerBadFindingQueriesWithAProblem() {
        given().get("/api/v1/findings?status=closed&kind=odd&size=0").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.pointer", containsInAnyOrder("/status", "/kind", "/size"));
        for (String list : List.of("/api/v1/findings", "/api/v1/series")) {
            given().get(list + "?page=2147483647&size=100").then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].pointer", equalTo("/page"));
        }
        given().get("/api/v1/findings/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }

    private List<ConsumerRecord<String, String>> findingEvents(String key, int atLeast) {
        return probe.all(Topics.FINDINGS, r -> key.equals(r.key()), Duration.ofSeconds(20), atLeast);
    }

    private FindingState state(ConsumerRecord<String, String> record) {
        try {
            return json.readValue(record.value(), FindingState.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The result's trace (its event's ce_traceparent) goes on through the consumer and the recomputation it makes due
     * to the finding event it raises, so the finding's consumers join the same trace.
     */
    @Test
    void shouldCarryTheTraceOfTheResultOnTheFindingItRaises() throws Exception {
        String audit = "trace-" + organisation.toLowerCase(java.util.Locale.ROOT); // its own funnels, shared with no test
        for (int month = 1; month <= 20; month++) {
            publishTo(audit, organisation, "ward-3", period(month), month % 2 == 0 ? 38 : 42, 50, 1);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/spc?audit=" + audit
                + "&metric=surgery-within-36h&organisation=" + organisation + "&microsystem=ward-3").then().statusCode(200)
                .body("points", hasSize(20)));
        String result = EventProbe.newTraceparent();
        publishAs(UUID.randomUUID().toString(), audit, organisation, "ward-3", period(21), 5, 50, 1, result);

        ConsumerRecord<String, String> raised = probe.find(Topics.FINDINGS, r -> (audit + "/surgery-within-36h/" + organisation
                + "/ward-3").equals(r.key()) && EventType.FINDING_RAISED.ceType().equals(EventProbe.header(r, CloudEventHeaders.TYPE)),
                Duration.ofSeconds(30)).orElseThrow(() -> new AssertionError("no finding raised for the low month"));
        assertThat(EventProbe.header(raised, CloudEventHeaders.TRACE_PARENT))
                .matches("00-" + EventProbe.traceId(result) + "-[0-9a-f]{16}-01").isNotEqualTo(result);
    }

    @Test
    void shouldApplyARedeliveredEventOnceAndIgnoreAnOlderRevision() throws Exception {
        String id = UUID.randomUUID().toString();
        publishWithId(id, "ward-1", "2025-01", 10, 20, 2);
        publishWithId(id, "ward-1", "2025-01", 11, 20, 2);
        publish("ward-1", "2025-01", 12, 20, 1);
        publish("ward-1", "2025-02", 5, 20, 1);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/v1/spc?audit=nhfd&metric=surgery-within-36h&organisation=" + organisation + "&microsystem=ward-1")
                .then().statusCode(200).body("points", hasSize(2)));
        given().get("/api/v1/spc?audit=nhfd&metric=surgery-within-36h&organisation=" + organisation + "&microsystem=ward-1")
                .then().body("points[0].numerator", equalTo(10)).body("provisional", equalTo(true));
    }

    @Test
    void shouldDropAWithdrawnPointFromItsSeriesAndFromTheTrustsSumAndKeepAnOlderRevisionFromBringingItBack()
            throws Exception {
        publish("ward-1", "2025-01", 10, 20, 1);
        publish("ward-2", "2025-01", 5, 20, 1);
        publish("ward-1", "2025-02", 12, 20, 1);
        String trustChart = "/api/v1/spc?audit=nhfd&metric=surgery-within-36h&organisation=" + organisation;
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(trustChart).then().statusCode(200)
                .body("points[0].numerator", equalTo(15)).body("points[0].denominator", equalTo(40)));

        withdraw("ward-2", "2025-01", 2);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(trustChart).then()
                .body("points.label", org.hamcrest.Matchers.contains("2025-01", "2025-02"))
                .body("points[0].numerator", equalTo(10)).body("points[0].denominator", equalTo(20)));
        given().get("/api/v1/spc?audit=nhfd&metric=surgery-within-36h&organisation=" + organisation + "&microsystem=ward-2")
                .then().statusCode(404);

        // A late copy of revision 1 cannot bring the point back; the last ward of a month withdrawn, the month goes.
        publish("ward-2", "2025-01", 5, 20, 1);
        withdraw("ward-1", "2025-02", 2);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(trustChart).then()
                .body("points.label", org.hamcrest.Matchers.contains("2025-01")).body("points[0].numerator", equalTo(10)));
        // The result sent again (revision 3) comes back.
        publish("ward-2", "2025-01", 6, 20, 3);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(trustChart).then()
                .body("points[0].numerator", equalTo(16)));
    }

    @Test
    void shouldRecordAnEventThatBreaksTheContractAndCarryOn() throws Exception {
        probe.sendRecord(new ProducerRecord<>(Topics.AUDIT_RESULTS, "nhfd/x/" + organisation, "{\"not\":\"a cloud event\"}"));
        publish(null, "2025-05", 3, 4, 1);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/v1/spc?audit=nhfd&metric=surgery-within-36h&organisation=" + organisation).then().statusCode(200));
        Number rejected = (Number) em.createNativeQuery(
                "select count(*) from rejected_event where payload = '{\"not\":\"a cloud event\"}'").getSingleResult();
        assertThat(rejected.longValue()).isPositive();
    }

    @Test
    void shouldAcceptTheSchemaExampleOfTheContract() {
        String example = EventExamples.first(EventType.AUDIT_RESULT_RECORDED);
        TestTokens.actAs("RXH");
        probe.send(EventType.AUDIT_RESULT_RECORDED, "nhfd/surgery-within-36h/RXH/ward-10",
                "nhfd/surgery-within-36h/RXH/ward-10@2025-03", example);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/v1/spc?audit=nhfd&metric=surgery-within-36h&organisation=RXH&microsystem=ward-10").then().statusCode(200)
                .body("points.label", org.hamcrest.Matchers.hasItem("2025-03")));
    }

    @Test
    void shouldAnswerAnUnknownSeriesWith404Problem() {
        given().get("/api/v1/spc?audit=nhfd&metric=surgery-within-36h&organisation=NOPE").then().statusCode(404)
                .contentType("application/problem+json");
    }

    private static String period(int month) {
        return String.format("%d-%02d", 2023 + (month - 1) / 12, (month - 1) % 12 + 1);
    }

    private String publish(String microsystem, String period, long numerator, long denominator, int revision) throws Exception {
        String id = UUID.randomUUID().toString();
        publishWithId(id, microsystem, period, numerator, denominator, revision);
        return id;
    }

    private void publishWithId(String id, String microsystem, String period, long numerator, long denominator,
            int revision) throws Exception {
        publishAs(id, "nhfd", organisation, microsystem, period, numerator, denominator, revision);
    }

    private void publishTo(String audit, String trust, String microsystem, String period, long numerator,
            long denominator, int revision) throws Exception {
        publishAs(UUID.randomUUID().toString(), audit, trust, microsystem, period, numerator, denominator, revision);
    }

    private void withdraw(String microsystem, String period, int revision) throws Exception {
        UUID resultId = UUID.nameUUIDFromBytes(("nhfd" + organisation + microsystem + period)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        AuditResultRecorded event = new AuditResultRecorded(resultId, revision, "nhfd", "surgery-within-36h",
                MetricType.PROPORTION, "higher-is-better", new java.math.BigDecimal("0.85"), organisation, microsystem,
                period, null, null, null, null, Instant.now(),
                new AuditResultRecorded.Withdrawal("Sent for the wrong ward", Instant.now()));
        String payload = json.writeValueAsString(event);
        assertThat(EventSchemas.violations(EventType.AUDIT_RESULT_WITHDRAWN, payload)).isEmpty();
        probe.send(EventType.AUDIT_RESULT_WITHDRAWN, UUID.randomUUID().toString(), "nhfd/surgery-within-36h",
                event.seriesKey().withPeriod(period), payload);
    }

    private void publishAs(String id, String audit, String trust, String microsystem, String period, long numerator,
            long denominator, int revision) throws Exception {
        publishAs(id, audit, trust, microsystem, period, numerator, denominator, revision, null);
    }

    private void publishAs(String id, String audit, String trust, String microsystem, String period, long numerator,
            long denominator, int revision, String traceparent) throws Exception {
        // The result id names the point, so each revision of a point is the same result.
        UUID resultId = UUID.nameUUIDFromBytes((audit + trust + microsystem + period).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        AuditResultRecorded event = new AuditResultRecorded(resultId, revision, audit, "surgery-within-36h",
                MetricType.PROPORTION, "higher-is-better", new java.math.BigDecimal("0.85"), trust, microsystem, period,
                numerator, denominator, null, Instant.now());
        String payload = json.writeValueAsString(event);
        assertThat(EventSchemas.violations(EventType.AUDIT_RESULT_RECORDED, payload)).isEmpty();
        probe.send(EventType.AUDIT_RESULT_RECORDED, id, audit + "/surgery-within-36h", event.seriesKey().withPeriod(period),
                payload, traceparent);
    }
}
