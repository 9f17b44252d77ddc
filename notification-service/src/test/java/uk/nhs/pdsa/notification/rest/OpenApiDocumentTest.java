package uk.nhs.pdsa.notification.rest;

import uk.nhs.pdsa.testing.TestTokens;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pdsa.testing.OpenApiAudit;

/** Every notification operation is documented with its answers, and every request body and schema with an example. */
@QuarkusTest
class OpenApiDocumentTest {
    @org.junit.jupiter.api.BeforeEach
    void actAsAdmin() {
        TestTokens.actAs(TestTokens.NATIONAL); // the platform's admin, with every trust role too
    }


    @Test
    void shouldDocumentEveryOperationWithExamples() {
        OpenApiAudit document = new OpenApiAudit(given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200).extract().asString());
        assertThat(document.operations()).isEqualTo(19);
        assertThat(document.operationGaps()).isEmpty();
        assertThat(document.schemasWithoutExample()).isEmpty();
        assertThat(document.specValidatorProblems()).as("openapi-spec-validator").isEmpty();
        assertThat(document.redoclyProblems()).as("redocly lint, recommended rules").isEmpty();
        assertThat(document.generatorGaps()).as("servers and operationIds").isEmpty();
    }
}
