package uk.nhs.pdsa.ingest.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pdsa.ingest.support.IngestFixtures;
import uk.nhs.pdsa.testing.OpenApiContract;
import uk.nhs.pdsa.testing.TestTokens;

/**
 * The suite is held to the published document (OpenApiContract): an answer is validated as it arrives, and one the
 * document does not describe fails the test that met it.
 */
@QuarkusTest
class OpenApiContractTest {
    @Test
    void shouldValidateEveryAnswerAndFailOnOneTheDocumentDoesNotDescribe() {
        IngestFixtures.hipFractureAudit();
        int before = OpenApiContract.validated();
        TestTokens.actAs(TestTokens.NATIONAL);
        given().get("/api/v1/audits/" + IngestFixtures.AUDIT).then().statusCode(200);
        assertThat(OpenApiContract.validated()).as("the answer was validated").isGreaterThan(before);
        // An answer the document does not allow is refused: a metric's type outside its enum, a status it never gives.
        String base = "http://localhost:" + io.restassured.RestAssured.port;
        assertThat(OpenApiContract.violations(base, "GET", "/api/v1/audits/nhfd", 200, "application/json",
                "{\"code\": \"nhfd\", \"metrics\": [{\"code\": \"m\", \"type\": \"ratio\"}]}"))
                .anySatisfy(v -> assertThat(v).contains("/metrics/0/type"));
        assertThat(OpenApiContract.violations(base, "GET", "/api/v1/audits/nhfd", 418, "application/json", "{}"))
                .anySatisfy(v -> assertThat(v).contains("Response status 418 not defined"));
    }
}
