package uk.nhs.pdsa.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.nhs.pdsa.ingest.support.IngestFixtures;

/** CSV and FHIR R4 submissions store the same results a JSON submission would. */
@QuarkusTest
class SubmissionFormatsTest {
    private String trust;

    @BeforeEach
    void catalogue() {
        IngestFixtures.hipFractureAudit();
        trust = IngestFixtures.trust("F", "ward-3");
    }

    @Test
    void shouldStoreACsvBatchOfEveryMetricType() {
        String csv = """
                audit,metric,organisation,microsystem,period,numerator,denominator,value
                nhfd,surgery-within-36h,%1$s,ward-3,2025-01,41,52,
                nhfd,falls-per-1000-bed-days,%1$s,,2025-Q1,14,9100,
                nhfd,length-of-stay,%1$s,,2025,,,19.5
                """.formatted(trust);
        given().contentType("text/csv; charset=utf-8").body(csv).post("/api/v1/audit-results")
                .then().statusCode(200).body("received", equalTo(3)).body("created", equalTo(3));
        given().get("/api/v1/audit-results?organisation=" + trust).then()
                .body("total", equalTo(3))
                .body("items.period", contains("2025-Q1", "2025-01", "2025"))
                .body("items.find { it.metric == 'length-of-stay' }.value", equalTo(19.5f));
    }

    @Test
    void shouldStoreAFhirMeasureReportAndRecogniseTheSameResultSentAsJson() {
        String report = """
                {"resourceType": "MeasureReport", "status": "complete", "type": "summary",
                 "measure": "%s|2.1",
                 "subject": {"identifier": {"value": "ward-3"}},
                 "reporter": {"identifier": {"system": "https://fhir.nhs.uk/Id/ods-organization-code", "value": "%s"}},
                 "period": {"start": "2025-02-01", "end": "2025-02-28"},
                 "group": [{"population": [
                   {"code": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/measure-population", "code": "numerator"}]}, "count": 30},
                   {"code": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/measure-population", "code": "denominator"}]}, "count": 44}]}]}
                """.formatted(IngestFixtures.MEASURE, trust);
        given().contentType("application/fhir+json").body(report).post("/api/v1/audit-results")
                .then().statusCode(201).header("Location", startsWith("http"))
                .body("microsystem", equalTo("ward-3")).body("period", equalTo("2025-02")).body("numerator", equalTo(30));
        given().contentType(ContentType.JSON).body(IngestFixtures.proportion(trust, "ward-3", "2025-02", 30, 44))
                .post("/api/v1/audit-results").then().statusCode(200).body("outcome", equalTo("unchanged"));

        String bundle = "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [{\"resource\": "
                + report.replace("\"count\": 30", "\"count\": 31") + "}, {\"resource\": "
                + report.replace("2025-02-01", "2025-03-01").replace("2025-02-28", "2025-03-31") + "}]}";
        given().contentType("application/fhir+json").body(bundle).post("/api/v1/audit-results")
                .then().statusCode(200).body("received", equalTo(2))
                .body("results.outcome", contains("revised", "created"))
                .body("results.revision", contains(2, 1));
        given().get("/api/v1/audit-results?organisation=" + trust + "&metric=surgery-within-36h").then()
                .body("total", equalTo(2)).body("items.microsystem", everyItem(equalTo("ward-3")));
    }

    @Test
    void shouldAcceptFhirXmlAndTheLegacyFhirJsonMediaType() {
        String xml = """
                <MeasureReport xmlns="http://hl7.org/fhir">
                  <status value="complete"/><type value="summary"/><measure value="%s"/>
                  <subject><reference value="Location/ward-3"/></subject>
                  <period><start value="2025-05-01"/><end value="2025-05-31"/></period>
                  <reporter><reference value="Organization/%s"/></reporter>
                  <group>
                    <population><code><coding><system value="http://terminology.hl7.org/CodeSystem/measure-population"/>
                      <code value="numerator"/></coding></code><count value="4"/></population>
                    <population><code><coding><system value="http://terminology.hl7.org/CodeSystem/measure-population"/>
                      <code value="denominator"/></coding></code><count value="48"/></population>
                    <population><code><coding><system value="http://terminology.hl7.org/CodeSystem/measure-population"/>
                      <code value="denominator-exclusion"/></coding></code><count value="10"/></population>
                  </group>
                </MeasureReport>""".formatted(IngestFixtures.MEASURE, trust);
        given().contentType("application/fhir+xml").body(xml).post("/api/v1/audit-results")
                .then().statusCode(201).body("numerator", equalTo(4)).body("denominator", equalTo(38));
        String json = """
                {"resourceType": "MeasureReport", "status": "complete", "type": "summary", "measure": "%s",
                 "reporter": {"reference": "Organization/%s"}, "period": {"start": "2025-06-01", "end": "2025-06-30"},
                 "group": [{"population": [
                   {"code": {"coding": [{"code": "numerator"}]}, "count": 5},
                   {"code": {"coding": [{"code": "denominator"}]}, "count": 50}]}]}""".formatted(IngestFixtures.MEASURE, trust);
        given().contentType("application/json+fhir").body(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/audit-results")
                .then().statusCode(201).body("period", equalTo("2025-06"));
    }
}
