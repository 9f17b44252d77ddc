package uk.nhs.pdsa.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.nhs.pdsa.events.CloudEventHeaders;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventSchemas;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.Topics;
import uk.nhs.pdsa.ingest.service.FhirSubmissionReader;
import uk.nhs.pdsa.ingest.support.IngestFixtures;
import uk.nhs.pdsa.testing.TestTokens;

/**
 * A standardised-ratio metric takes observed deaths, patients and the risk model's expected deaths, in JSON, CSV and
 * FHIR alike; the expected count is kept in the revision history and carried by the event.
 */
@QuarkusTest
class StandardisedRatioSubmissionTest {
    private static final String AUDIT = "casemix";
    private static final String METRIC = "mortality-30-day";
    private static final String MEASURE = "https://pdsa.nhs.uk/fhir/Measure/casemix-mortality-30-day";
    private final EventProbe probe = new EventProbe(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    private String trust;

    @BeforeEach
    void catalogue() {
        TestTokens.actAs(TestTokens.NATIONAL);
        given().contentType(ContentType.JSON).body(Map.of("title", "Case-mix adjusted audit", "specialty", "orthopaedics",
                "metrics", List.of(Map.of("code", METRIC, "title", "Death within 30 days, against expected",
                        "type", "standardised-ratio", "direction", "lower-is-better", "fhirMeasure", MEASURE))))
                .put("/api/v1/audits/" + AUDIT).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        trust = IngestFixtures.trust("S", "ward-1");
    }

    @Test
    void shouldStoreObservedPatientsAndExpectedAndPublishThem() {
        String id = given().contentType(ContentType.JSON).body(Map.of("audit", AUDIT, "metric", METRIC,
                "organisation", trust, "microsystem", "ward-1", "period", "2025-03", "numerator", 7, "denominator", 52,
                "expected", 3.7125)).post("/api/v1/audit-results")
                .then().statusCode(201).body("expected", equalTo(3.7125f)).extract().path("id");
        // A new risk model's expected count is a revision, even with the same deaths and patients.
        given().contentType("text/csv").body("""
                audit,metric,organisation,microsystem,period,numerator,denominator,expected
                %s,%s,%s,ward-1,2025-03,7,52,3.9
                """.formatted(AUDIT, METRIC, trust)).post("/api/v1/audit-results")
                .then().statusCode(200).body("results.outcome", contains("revised"));
        given().get("/api/v1/audit-results/" + id).then().statusCode(200)
                .body("revisions.expected", contains(3.7125f, 3.9f));

        String key = AUDIT + "/" + METRIC + "/" + trust + "/ward-1";
        List<ConsumerRecord<String, String>> events = probe.all(Topics.AUDIT_RESULTS,
                r -> (key + "@2025-03").equals(EventProbe.header(r, CloudEventHeaders.SUBJECT)), Duration.ofSeconds(5), 2);
        assertThat(events).extracting(ConsumerRecord::value).satisfiesExactly(
                first -> assertThat(first).contains("\"metricType\":\"standardised-ratio\"", "\"numerator\":7",
                        "\"denominator\":52", "\"expected\":3.7125"),
                second -> assertThat(second).contains("\"revision\":2", "\"expected\":3.9"));
        events.forEach(e -> assertThat(EventSchemas.violations(EventType.AUDIT_RESULT_RECORDED, e.value())).isEmpty());
    }

    @Test
    void shouldReadTheExpectedCountFromAFhirMeasureReport() {
        String report = """
                {"resourceType": "MeasureReport", "status": "complete", "type": "summary", "measure": "%s",
                 "reporter": {"reference": "Organization/%s"}, "period": {"start": "2025-04-01", "end": "2025-04-30"},
                 "group": [{"extension": [{"url": "%s", "valueDecimal": 4.25}], "population": [
                   {"code": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/measure-population", "code": "numerator"}]}, "count": 9},
                   {"code": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/measure-population", "code": "denominator"}]}, "count": 61}]}]}
                """.formatted(MEASURE, trust, FhirSubmissionReader.EXPECTED_EXTENSION);
        given().contentType("application/fhir+json").body(report).post("/api/v1/audit-results")
                .then().statusCode(201).body("numerator", equalTo(9)).body("denominator", equalTo(61))
                .body("expected", equalTo(4.25f));
    }

    @Test
    void shouldRefuseAResultWithoutItsExpectedCountAndStoreNothing() {
        given().contentType(ContentType.JSON).body(Map.of("audit", AUDIT, "metric", METRIC, "organisation", trust,
                "period", "2025-05", "numerator", 7, "denominator", 52)).post("/api/v1/audit-results")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", contains("/expected"));
        given().get("/api/v1/audit-results?organisation=" + trust + "&from=2025-05&to=2025-05").then().statusCode(200)
                .body("total", equalTo(0));
    }
}
