package uk.nhs.pdsa.actionplan.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
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
import uk.nhs.pdsa.events.FindingRaised;
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
        FindingRaised first = finding("ward-3", "2025-03", "special-cause-concern");
        String firstId = publish(first);
        publish(finding("ward-3", "2025-04", "special-cause-improvement"));
        publish(finding("ward-3", "2025-05", "special-cause-concern"));
        probe.send(EventType.FINDING_RAISED, firstId, first.seriesKey().asText(), "replay", json.writeValueAsString(first));

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
    void shouldOpenANeedFromTheSchemaExampleOfTheContract() throws Exception {
        String example = EventExamples.first(EventType.FINDING_RAISED);
        FindingRaised parsed = json.readValue(example, FindingRaised.class);
        probe.send(EventType.FINDING_RAISED, parsed.seriesKey().asText(), "example", example);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/v1/improvement-needs?organisation=RXH&microsystem=ward-10").then()
                .body("openingFindingId", org.hamcrest.Matchers.hasItem(parsed.findingId().toString())));
    }

    @Test
    void shouldAnswerAnUnknownNeedWith404Problem() {
        given().get("/api/v1/improvement-needs/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    private FindingRaised finding(String microsystem, String period, String variation) {
        return new FindingRaised(UUID.randomUUID(), "nhfd", "surgery-within-36h", "higher-is-better", organisation,
                microsystem, period, "p", variation, 0.6, 0.79, 0.62, 0.96,
                List.of(new FindingRaised.Signal("shift", "2024-09", period)), Instant.now());
    }

    private String publish(FindingRaised finding) throws Exception {
        String payload = json.writeValueAsString(finding);
        assertThat(EventSchemas.violations(EventType.FINDING_RAISED, payload)).isEmpty();
        return probe.send(EventType.FINDING_RAISED, finding.seriesKey().asText(),
                finding.seriesKey().withPeriod(finding.period()), payload);
    }
}
