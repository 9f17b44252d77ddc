package uk.nhs.pdsa.actionplan.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import uk.nhs.pdsa.events.CloudEventHeaders;
import uk.nhs.pdsa.events.EventExamples;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventSchemas;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.events.ImprovementNeedState;
import uk.nhs.pdsa.events.OutlierCaseState;
import uk.nhs.pdsa.events.TestOutlierCases;
import uk.nhs.pdsa.events.TestFindings;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.TestTokens;
import uk.nhs.pdsa.events.Topics;

@QuarkusTest
class FindingConsumerTest {
    private final EventProbe probe = new EventProbe(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    @Inject
    ObjectMapper json;
    private String organisation;

    @BeforeEach
    void newOrganisation() {
        organisation = TestOrganisations.unique("A");
        TestTokens.actAs(organisation);
    }

    @Test
    void shouldOpenOneNeedForAConcernAndAddLaterConcernsAsEvidence() throws Exception {
        FindingState first = finding("ward-3", "2025-03", "special-cause-concern");
        String firstId = publish(first);
        publish(finding("ward-3", "2025-04", "special-cause-improvement"));
        publish(finding("ward-3", "2025-05", "special-cause-concern"));
        probe.send(EventType.FINDING_RAISED, firstId, first.key(), "replay", json.writeValueAsString(first));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/v1/improvement-needs?organisation=" + organisation).then().statusCode(200)
                .body("items", hasSize(1))
                .body("total", equalTo(1))
                .body("items[0].status", equalTo("open"))
                .body("items[0].microsystem", equalTo("ward-3"))
                .body("items[0].openingFindingId", equalTo(first.findingId().toString()))
                .body("items[0].evidence.period", contains("2025-03", "2025-05")));

        String due = given().get("/api/v1/improvement-needs?organisation=" + organisation).then().extract().path("items[0].dueBy");
        assertThat(LocalDate.parse(due)).isEqualTo(LocalDate.now(ZoneId.of("Europe/London")).plusDays(30));
        // The same list for a spreadsheet: a column per field, the evidence (a list of objects) as JSON in one cell.
        String[] csv = given().accept("text/csv").get("/api/v1/improvement-needs?organisation=" + organisation).then()
                .statusCode(200).contentType("text/csv; charset=UTF-8; header=present").extract().asString().split("\r\n");
        assertThat(csv).hasSize(2);
        assertThat(csv[0]).startsWith("id,version,status,organisation,microsystem,audit,metric,openingFindingId,evidence,")
                .contains(",dueBy,answer.");
        assertThat(csv[1]).contains(",open," + organisation + ",ward-3,", "," + due + ",", "\"\"period\"\":\"\"2025-05\"\"");

        List<ConsumerRecord<String, String>> opened = probe.all(Topics.CYCLES,
                r -> organisation.equals(r.key()), Duration.ofSeconds(5), 2);
        assertThat(opened).hasSize(1);
        assertThat(EventProbe.header(opened.get(0), CloudEventHeaders.TYPE)).isEqualTo(EventType.NEED_OPENED.ceType());
        assertThat(EventProbe.header(opened.get(0), CloudEventHeaders.SOURCE)).isEqualTo("/pdsa/action-plan-service");
        assertThat(EventSchemas.violations(EventType.NEED_OPENED, opened.get(0).value())).isEmpty();
    }

    @Test
    void shouldNotOpenANeedForImprovementOrNeutralVariation() throws Exception {
        publish(finding("ward-4", "2025-03", "special-cause-improvement"));
        publish(finding("ward-4", "2025-04", "special-cause-neutral"));
        publish(finding("ward-9", "2025-04", "special-cause-concern"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/v1/improvement-needs?organisation=" + organisation).then()
                .body("items.microsystem", contains("ward-9")));
    }

    @Test
    void shouldOpenATrustNeedForAConcerningOutlierOnceAndNoneForResolvedFindings() throws Exception {
        FindingState outlier = TestFindings.lowOutlier(organisation, "2025-12", "alert", 0.66, 0.78);
        FindingState worse = TestFindings.lowOutlier(organisation, "2025-12", "alarm", 0.6, 0.78);
        FindingState changed = new FindingState(outlier.findingId(), outlier.kind(), outlier.status(), 2,
                outlier.orientation(), outlier.audit(), outlier.metric(), outlier.direction(), organisation, null,
                outlier.period(), worse.value(), null, worse.outlier(), outlier.raisedAt(), Instant.now(), null);
        FindingState otherResolved = TestFindings.specialCause(organisation, "ward-8", "2025-12", "special-cause-concern",
                0.6, 0.79);
        otherResolved = new FindingState(otherResolved.findingId(), otherResolved.kind(), FindingState.RESOLVED, 2,
                otherResolved.orientation(), otherResolved.audit(), otherResolved.metric(), otherResolved.direction(),
                organisation, "ward-8", otherResolved.period(), otherResolved.value(), otherResolved.specialCause(), null,
                otherResolved.raisedAt(), Instant.now(), Instant.now());
        publish(EventType.FINDING_RESOLVED, otherResolved);
        publish(outlier);
        publish(EventType.FINDING_CHANGED, changed);
        publish(finding("ward-9", "2025-12", "special-cause-concern"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/v1/improvement-needs?organisation=" + organisation).then()
                .body("items.microsystem", containsInAnyOrder(null, "ward-9")));
        given().get("/api/v1/improvement-needs?organisation=" + organisation).then()
                .body("items.find { it.microsystem == null }.openingFindingId", equalTo(outlier.findingId().toString()))
                .body("items.find { it.microsystem == null }.evidence", hasSize(1));
    }

    /**
     * An outlier case reaching the trust's board opens the trust's need for the metric, due when the policy wants the
     * response, once (a replay opens nothing more); answering it announces the case in its evidence (findings records
     * the response from it); steps before the board is told open none.
     */
    @Test
    void shouldOpenATrustNeedWhenAnOutlierCaseReachesTheBoardAndAnnounceItsAnswer() throws Exception {
        UUID caseId = UUID.randomUUID();
        LocalDate due = LocalDate.now().plusDays(15);
        sendCase(TestOutlierCases.at(caseId, 2, organisation, "alarm", "data-review", "clinical-lead-notified", "audit",
                "clinical-lead", due, null));
        sendCase(TestOutlierCases.at(caseId, 4, organisation, "alarm", "informed", "board-and-regulator-informed",
                "audit", "trust", due, null));
        sendCase(TestOutlierCases.at(caseId, 4, organisation, "alarm", "informed", "board-and-regulator-informed",
                "audit", "trust", due, null)); // a replay
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/v1/improvement-needs?organisation=" + organisation).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].microsystem", org.hamcrest.Matchers.nullValue())
                .body("items[0].metric", equalTo("mortality-30-day")).body("items[0].dueBy", equalTo(due.toString()))
                .body("items[0].openingFindingId", equalTo(caseId.toString()))
                .body("items[0].evidence.kind", contains("outlier-case")));
        String id = given().get("/api/v1/improvement-needs?organisation=" + organisation).then().extract().path("items[0].id");
        String etag = given().get("/api/v1/improvement-needs/" + id).then().extract().header("ETag");
        given().contentType("application/json").header("If-Match", etag)
                .body("{\"rationale\": \"Reviewed at the mortality and morbidity meeting: case mix explains it\"}")
                .post("/api/v1/improvement-needs/" + id + "/decision").then().statusCode(200);

        List<ConsumerRecord<String, String>> events = probe.all(Topics.CYCLES, r -> organisation.equals(r.key()),
                Duration.ofSeconds(10), 2);
        assertThat(events).extracting(r -> EventProbe.header(r, CloudEventHeaders.TYPE))
                .containsExactly(EventType.NEED_OPENED.ceType(), EventType.NEED_ANSWERED.ceType());
        ImprovementNeedState answered = json.readValue(events.get(1).value(), ImprovementNeedState.class);
        assertThat(answered.answer().kind()).isEqualTo("decision");
        assertThat(answered.evidence()).extracting(ImprovementNeedState.Evidence::findingId).containsExactly(caseId);
        assertThat(EventSchemas.violations(EventType.NEED_ANSWERED, events.get(1).value())).isEmpty();
    }

    private void sendCase(OutlierCaseState c) throws Exception {
        probe.send(EventType.OUTLIER_CASE_MOVED, c.subject(), c.subject(), json.writeValueAsString(c));
    }

    @Test
    void shouldOpenANeedFromTheSchemaExampleOfTheContract() throws Exception {
        String example = EventExamples.first(EventType.FINDING_RAISED);
        TestTokens.actAs("RXH");
        FindingState parsed = json.readValue(example, FindingState.class);
        probe.send(EventType.FINDING_RAISED, parsed.key(), "example", example);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/v1/improvement-needs?organisation=RXH&microsystem=ward-10").then()
                .body("items.openingFindingId", org.hamcrest.Matchers.hasItem(parsed.findingId().toString())));
    }

    @Test
    void shouldRecordTheConcernResolvedWhenEveryFindingBehindTheNeedResolves() throws Exception {
        FindingState first = finding("ward-5", "2025-03", "special-cause-concern");
        FindingState second = finding("ward-5", "2025-06", "special-cause-concern");
        publish(first);
        publish(second);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/v1/improvement-needs?organisation=" + organisation).then().body("items[0].evidence", hasSize(2)));
        publish(EventType.FINDING_RESOLVED, resolved(first));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/v1/improvement-needs?organisation=" + organisation).then()
                .body("items[0].evidence.status", contains("resolved", "open"))
                .body("items[0].concernResolvedAt", org.hamcrest.Matchers.nullValue()));
        publish(EventType.FINDING_RESOLVED, resolved(second));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/v1/improvement-needs?organisation=" + organisation).then()
                .body("items[0].evidence.status", contains("resolved", "resolved"))
                .body("items[0].concernResolvedAt", org.hamcrest.Matchers.notNullValue())
                .body("items[0].status", equalTo("open")));
        List<ConsumerRecord<String, String>> events = probe.upToEnd(Topics.CYCLES, r -> organisation.equals(r.key()));
        assertThat(events).extracting(r -> EventProbe.header(r, CloudEventHeaders.TYPE))
                .containsExactly(EventType.NEED_OPENED.ceType(), EventType.NEED_RESOLVED.ceType());
    }

    @Test
    void shouldCloseANeedByDecisionAndNotReopenItForTheSameFinding() throws Exception {
        FindingState first = finding("ward-6", "2025-03", "special-cause-concern");
        publish(first);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/v1/improvement-needs?organisation=" + organisation).then().body("items", hasSize(1)));
        String id = given().get("/api/v1/improvement-needs?organisation=" + organisation).then().extract().path("items[0].id");
        String etag = given().get("/api/v1/improvement-needs/" + id).then().statusCode(200).extract().header("ETag");

        given().contentType("application/json").header("If-Match", etag).body("{\"rationale\": \" \"}")
                .post("/api/v1/improvement-needs/" + id + "/decision").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].pointer", equalTo("/rationale"));
        given().contentType("application/json").body("{\"rationale\": \"Case mix\"}")
                .post("/api/v1/improvement-needs/" + id + "/decision").then().statusCode(428);
        given().contentType("application/json").header("If-Match", "\"99\"").body("{\"rationale\": \"Case mix\"}")
                .post("/api/v1/improvement-needs/" + id + "/decision").then().statusCode(412)
                .body("detail", org.hamcrest.Matchers.containsString("current version " + etag));
        given().contentType("application/json").header("If-Match", etag)
                .body("{\"rationale\": \"Explained by case mix, reviewed at governance meeting\"}")
                .post("/api/v1/improvement-needs/" + id + "/decision").then().statusCode(200)
                .body("status", equalTo("closed")).body("answer.kind", equalTo("decision"))
                .body("answer.rationale", equalTo("Explained by case mix, reviewed at governance meeting"));
        given().contentType("application/json").header("If-Match", "*").body("{\"rationale\": \"Again\"}")
                .post("/api/v1/improvement-needs/" + id + "/decision").then().statusCode(409);

        // The same finding again (a replay, or its next period) does not reopen it; a new concern opens a new need.
        publish(first);
        publish(EventType.FINDING_CHANGED, new FindingState(first.findingId(), first.kind(), first.status(), 2,
                first.orientation(), first.audit(), first.metric(), first.direction(), organisation, "ward-6", "2025-04",
                0.58, first.specialCause(), null, first.raisedAt(), Instant.now(), null));
        FindingState later = finding("ward-6", "2025-11", "special-cause-concern");
        publish(later);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/v1/improvement-needs?organisation=" + organisation).then()
                .body("items.status", contains("open", "closed"))
                .body("items[0].openingFindingId", equalTo(later.findingId().toString())));
        given().get("/api/v1/improvement-needs/" + id + "/history").then()
                .body("action", contains("opened", "decided")).body("actor", contains("action-plan-service", "test-" + organisation + "@" + organisation));
        given().get("/api/v1/improvement-needs?status=closed&organisation=" + organisation).then().body("total", equalTo(1));
        given().get("/api/v1/improvement-needs?status=shut").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/improvement-needs?page=2147483647&size=100").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].pointer", org.hamcrest.Matchers.equalTo("/page"));
    }

    private static FindingState resolved(FindingState f) {
        return new FindingState(f.findingId(), f.kind(), FindingState.RESOLVED, 2, f.orientation(), f.audit(), f.metric(),
                f.direction(), f.organisation(), f.microsystem(), f.period(), f.value(), f.specialCause(), null,
                f.raisedAt(), Instant.now(), Instant.now());
    }

    @Test
    void shouldAnswerAnUnknownNeedWith404Problem() {
        given().get("/api/v1/improvement-needs/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    private FindingState finding(String microsystem, String period, String variation) {
        return TestFindings.specialCause(organisation, microsystem, period, variation, 0.6, 0.79);
    }

    private String publish(FindingState finding) throws Exception {
        return publish(EventType.FINDING_RAISED, finding);
    }

    private String publish(EventType type, FindingState finding) throws Exception {
        String payload = json.writeValueAsString(finding);
        assertThat(EventSchemas.violations(type, payload)).isEmpty();
        return probe.send(type, finding.key(), finding.key() + "@" + finding.period(), payload);
    }
}
