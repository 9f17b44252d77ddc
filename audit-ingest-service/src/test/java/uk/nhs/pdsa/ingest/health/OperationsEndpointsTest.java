package uk.nhs.pdsa.ingest.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import uk.nhs.pdsa.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;

/** What operations teams rely on: probes that reflect the database and Kafka, metrics, the API document. */
@QuarkusTest
class OperationsEndpointsTest {
    @BeforeEach
    void actAsAdmin() {
        TestTokens.actAs(TestTokens.NATIONAL);
    }


    @Test
    void shouldReportReadinessOfTheDatabaseAndTheKafkaBroker() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka broker"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void shouldExposePrometheusMetricsIncludingTheOutbox() {
        given().get("/api/v1/audits").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("pdsa_outbox_published_total"))
                .body(containsString("http_server_requests_seconds_count{method=\"GET\""))
                .body(containsString("uri=\"/api/v1/audits\""));
    }

    @Test
    void shouldDescribeTheApiInOpenApi() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("PDSA audit ingest API"))
                .body("paths.keySet()", hasItems("/api/v1/audit-results", "/api/v1/audit-results/{id}",
                        "/api/v1/audits", "/api/v1/audits/{auditCode}"));
    }

    @Test
    void shouldServeHealthMetricsAndTheApiDocumentWithoutATokenButNotTheApi() {
        TestTokens.actAs(null);
        for (String open : new String[] { "/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi" }) {
            given().get(open).then().statusCode(200).header("X-Content-Type-Options", equalTo("nosniff"));
        }
        given().get("/api/v1/audits").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer"));
        // A token of another audience, or without an organisation, is no token here.
        given().auth().oauth2(TestTokens.wrongAudience("RXH", "viewer")).get("/api/v1/audits").then().statusCode(401);
        given().auth().oauth2(TestTokens.withoutOrganisation("viewer")).get("/api/v1/audits").then().statusCode(401);
        given().auth().oauth2(TestTokens.token("RXH", "viewer")).get("/api/v1/audits").then().statusCode(200);
    }
}
