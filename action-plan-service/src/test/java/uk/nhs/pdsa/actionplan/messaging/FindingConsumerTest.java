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
import uk.nhs.pdsa.events.TestFindings;
import uk.nhs.pdsa.events.TestOrganisations;
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
                .body("$", hasSize(1))
                .body("[0].status", equalTo("open"))
                .body("[0].microsystem", equalTo("ward-3"))
                .body("[0].openingFindingId", equalTo(first.findingId().toString()))
                .body("[0].evidence.period", contains("2025-03", "2025-05")));

        String due = given().get("/api/v1/improvement-needs?organisation=" + organisation).then().extract().path("[0].dueBy");
        assertThat(LocalDate.parse(due)).isEqualTo(LocalDate.now(ZoneId.of("Europe/London")).plusDays(30));

        List<ConsumerRecord<String, String>> opened = probe.all(Topics.IMPROVEMENT_NEEDS,
                r -> organisation.equals(r.key()), Duration.ofSeconds(5), 2);
        assertThat(opened).hasSize(1);
        assertThat(EventProbe.header(opened.get(0), CloudEventHeaders.TYPE)).isEqualTo(EventType.IMPROVEMENT_NEED_OPENED.ceType());
        assertThat(EventProbe.header(opened.get(0), CloudEventHeaders.SOURCE)).isEqualTo("/pdsa/action-plan-service");
        assertThat(EventSchemas.violations(EventType.IMPROVEMENT_NEED_OPENED, opened.get(0).value())).isEmpty();
    }

    @Test
    void shouldNotOpenANeedForImprovementOrNeutralVariation() throws Exception {
        publish(finding("ward-4", "2025-03", "special-cause-improvement"));
        publish(finding("ward-4", "2025-04", "special-cause-neutral"));
        publish(finding("ward-9", "2025-04", "special-cause-concern"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/v1/improvement-needs?organisation=" + organisation).then()
                .body("microsystem", contains("ward-9")));
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
                .body("microsystem", containsInAnyOrder(null, "ward-9")));
        given().get("/api/v1/improvement-needs?organisation=" + organisation).then()
                .body("find { it.microsystem == null }.openingFindingId", equalTo(outlier.findingId().toString()))
                .body("find { it.microsystem == null }.evidence", hasSize(1));
    }

    @Test
    void shouldOpenANeedFromTheSchemaExampleOfTheContract() throws Exception {
        String example = EventExamples.first(EventType.FINDING_RAISED);
        FindingState parsed = json.readValue(example, FindingState.class);
        probe.send(EventType.FINDING_RAISED, parsed.key(), "example", example);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/v1/improvement-needs?organisation=RXH&microsystem=ward-10").then()
                .body("openingFindingId", org.hamcrest.Matchers.hasItem(parsed.findingId().toString())));
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
