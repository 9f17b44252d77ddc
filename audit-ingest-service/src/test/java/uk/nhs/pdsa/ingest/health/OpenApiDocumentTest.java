package uk.nhs.pdsa.ingest.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pdsa.testing.OpenApiAudit;

/**
 * The published API document is complete enough to integrate from: every operation has a summary and its
 * success and problem answers, every request body has a runnable example for each content type it
 * accepts, every schema has an example.
 */
@QuarkusTest
class OpenApiDocumentTest {
    private OpenApiAudit document;

    @BeforeEach
    void fetch() {
        document = new OpenApiAudit(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
    }

    @Test
    void shouldDescribeEveryOperationWithItsAnswers() {
        assertThat(document.operations()).isGreaterThanOrEqualTo(12);
        assertThat(document.operationGaps()).isEmpty();
        assertThat(document.requestContentTypes("post", "/api/v1/audit-results"))
                .containsExactlyInAnyOrder("application/json", "text/csv", "application/fhir+json", "application/fhir+xml",
                        "application/json+fhir");
        assertThat(document.requestContentTypes("post", "/api/fhir")).containsExactlyInAnyOrder("application/fhir+json",
                "application/fhir+xml");
    }

    @Test
    void shouldPassTheReferenceOpenApiValidator() {
        assertThat(document.specValidatorProblems()).as("openapi-spec-validator").isEmpty();
        assertThat(document.redoclyProblems()).as("redocly lint, recommended rules").isEmpty();
        assertThat(document.generatorGaps()).as("servers and operationIds").isEmpty();
    }

    @Test
    void shouldGiveEverySchemaAnExample() {
        assertThat(document.schemasWithoutExample()).isEmpty();
    }
}
