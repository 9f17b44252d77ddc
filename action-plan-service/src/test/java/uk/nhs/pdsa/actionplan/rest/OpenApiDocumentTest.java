package uk.nhs.pdsa.actionplan.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pdsa.testing.OpenApiAudit;

/** Every action-plan operation is documented with its answers, and every request body and schema with an example. */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void shouldDocumentEveryOperationWithExamples() {
        OpenApiAudit document = new OpenApiAudit(given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200).extract().asString());
        assertThat(document.operations()).isEqualTo(20);
        // A board is a view over needs and cycles: a microsystem with none has an empty board, not a 404.
        assertThat(document.operationGaps("/api/v1/organisations/{organisation}/microsystems/{microsystem}/board")).isEmpty();
        assertThat(document.schemasWithoutExample()).isEmpty();
        assertThat(document.specValidatorProblems()).as("openapi-spec-validator").isEmpty();
        assertThat(document.redoclyProblems()).as("redocly lint, recommended rules").isEmpty();
        assertThat(document.generatorGaps()).as("servers and operationIds").isEmpty();
    }
}
