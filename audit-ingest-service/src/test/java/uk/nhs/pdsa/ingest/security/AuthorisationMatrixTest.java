package uk.nhs.pdsa.ingest.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.pdsa.testing.AuthorisationMatrix.rule;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.ingest.support.IngestFixtures;
import uk.nhs.pdsa.testing.AuthorisationMatrix;
import uk.nhs.pdsa.testing.AuthorisationMatrix.Scope;
import uk.nhs.pdsa.testing.TestTokens;

/** Every operation of this service's OpenAPI document x role x own/other organisation x bad tokens. */
@QuarkusTest
class AuthorisationMatrixTest {
    private static final String[] ALL = AuthorisationMatrix.Roles.ALL;
    private static final String[] RESULT_READERS = { "submitter", "viewer", "improvement-lead" };

    @Test
    void shouldLeakNothingToAnyRoleOrOrganisation() {
        IngestFixtures.hipFractureAudit();
        String other = IngestFixtures.trust("N");
        String own = IngestFixtures.trust("M", "ward-1");
        String result = TestTokens.as(own, "submitter").contentType(ContentType.JSON)
                .body(IngestFixtures.proportion(own, "ward-1", "2024-01", 40, 50)).post("/api/v1/audit-results")
                .then().statusCode(201).extract().path("id");
        String audit = "mx-" + TestOrganisations.unique("a").toLowerCase(java.util.Locale.ROOT);
        String auditBody = """
                {"title": "Matrix audit", "specialty": "orthopaedics", "metrics": [{"code": "m", "title": "M",
                 "type": "proportion", "direction": "higher-is-better"}]}""";
        TestTokens.admin().contentType(ContentType.JSON).body(auditBody).put("/api/v1/audits/" + audit).then().statusCode(201);
        String document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();

        AuthorisationMatrix.Report report = new AuthorisationMatrix("audit-ingest-service", document)
                .callers(own, other, TestOrganisations.unique("R"), TestOrganisations.unique("R"), "HWENG")
                .markers(result)
                .readBack("/api/v1/audit-results/" + result, "/api/v1/audits/" + audit, "/api/v1/organisations/" + own)
                .rule("POST /api/v1/audit-results", rule(Scope.OBJECT, "submitter").deniedToOthersAs(403)
                        .body(json(IngestFixtures.proportion(own, "ward-1", "2024-02", 41, 50))))
                .rule("GET /api/v1/audit-results", rule(Scope.LIST, RESULT_READERS))
                .rule("GET /api/v1/audit-results/{id}", rule(Scope.OBJECT, RESULT_READERS).path("id", result))
                .rule("DELETE /api/v1/audit-results/{id}", rule(Scope.OBJECT, "submitter").path("id", result)
                        .query("reason", "Matrix withdrawal"))
                .rule("PUT /api/v1/audits/{auditCode}", rule(Scope.GLOBAL, "admin").path("auditCode", audit).body(auditBody))
                .rule("GET /api/v1/audits/{auditCode}", rule(Scope.GLOBAL, ALL).path("auditCode", audit))
                .rule("GET /api/v1/audits", rule(Scope.GLOBAL, ALL))
                .rule("PUT /api/v1/organisations/{code}", rule(Scope.GLOBAL, "admin").path("code", own)
                        .body("{\"name\": \"Test trust " + own + "\", \"type\": \"trust\"}"))
                .rule("GET /api/v1/organisations/{code}", rule(Scope.GLOBAL, ALL).path("code", own))
                .rule("GET /api/v1/organisations", rule(Scope.GLOBAL, ALL))
                .rule("PUT /api/v1/organisations/{code}/microsystems/{msCode}", rule(Scope.GLOBAL, "admin")
                        .path("code", own).path("msCode", "ward-1").body("{\"name\": \"Team ward-1\"}"))
                .rule("GET /api/v1/organisations/{code}/microsystems", rule(Scope.GLOBAL, ALL).path("code", own))
                .rule("GET /api/v1/organisations/{code}/microsystems/{msCode}", rule(Scope.GLOBAL, ALL).path("code", own)
                        .path("msCode", "ward-1"))
                .rule("GET /api/v1/audit-trail", rule(Scope.GLOBAL, "admin"))
                .also(m -> uk.nhs.pdsa.testing.RejectedEventFixture.rules(m,
                        io.quarkus.arc.Arc.container().instance(javax.sql.DataSource.class).get()))
                .rule("POST /api/fhir/MeasureReport", rule(Scope.OBJECT, "submitter").deniedToOthersAs(403)
                        .body("application/fhir+json", fhirReport(own, "2024-03")))
                .rule("POST /api/fhir", rule(Scope.OBJECT, "submitter").deniedToOthersAs(403)
                        .body("application/fhir+json", "{\"resourceType\": \"Bundle\", \"type\": \"transaction\","
                                + " \"entry\": [{\"resource\": " + fhirReport(own, "2024-04") + ", \"request\":"
                                + " {\"method\": \"POST\", \"url\": \"MeasureReport\"}}]}"))
                .rule("GET /api/fhir/metadata", rule(Scope.GLOBAL, ALL))
                .run();

        assertThat(report.failures()).isEmpty();
        assertThat(report.leaks()).isEmpty();
        assertThat(report.cases()).isGreaterThan(17 * 12);
    }

    /** A FHIR MeasureReport of the trust's ward-1 for a month. */
    private static String fhirReport(String trust, String month) {
        return """
                {"resourceType": "MeasureReport", "status": "complete", "type": "summary", "measure": "%s",
                 "subject": {"reference": "Location/ward-1"}, "reporter": {"reference": "Organization/%s"},
                 "period": {"start": "%s", "end": "%s"}, "group": [{"population": [
                  {"code": {"coding": [{"code": "numerator"}]}, "count": 40},
                  {"code": {"coding": [{"code": "denominator"}]}, "count": 50}]}]}""".formatted(IngestFixtures.MEASURE,
                trust, month, month);
    }

    private static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
