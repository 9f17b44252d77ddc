package uk.nhs.pdsa.notification.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pdsa.testing.OpenApiAudit;

/** Every notification operation is documented with its answers, and every request body and schema with an example. */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void shouldDocumentEveryOperationWithExamples() {
        OpenApiAudit document = new OpenApiAudit(given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200).extract().asString());
        assertThat(document.operations()).isEqualTo(14);
        assertThat(document.operationGaps()).isEmpty();
        assertThat(document.schemasWithoutExample()).isEmpty();
    }
}
