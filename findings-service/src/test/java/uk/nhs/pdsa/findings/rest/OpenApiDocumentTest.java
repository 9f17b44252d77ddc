package uk.nhs.pdsa.findings.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pdsa.testing.OpenApiAudit;

/** The findings API document passes the reference OpenAPI validator, so a client can be generated from it. */
@QuarkusTest
class OpenApiDocumentTest {
    @Test
    void shouldPassTheReferenceOpenApiValidator() {
        OpenApiAudit document = new OpenApiAudit(given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200).extract().asString());
        assertThat(document.operations()).isGreaterThanOrEqualTo(19);
        assertThat(document.specValidatorProblems()).as("openapi-spec-validator").isEmpty();
        assertThat(document.redoclyProblems()).as("redocly lint, recommended rules").isEmpty();
        assertThat(document.generatorGaps()).as("servers and operationIds").isEmpty();
    }
}
