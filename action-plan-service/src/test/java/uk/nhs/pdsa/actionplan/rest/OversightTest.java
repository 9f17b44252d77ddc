package uk.nhs.pdsa.actionplan.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.concern;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.needId;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.plan;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.post;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.TestTokens;

/** National oversight: every trust's needs and cycles read (never changed), and the summary across trusts. */
@QuarkusTest
class OversightTest {

    @Test
    void shouldSummariseEachTrustsImprovementAndLetNationalOversightReadButNotWrite() {
        String answering = TestOrganisations.unique("O");
        String silent = TestOrganisations.unique("O");
        TestTokens.actAs(answering);
        concern(answering, "ward-1");
        concern(answering, "ward-2");
        String planned = needId(answering, "ward-1");
        String decided = needId(answering, "ward-2");
        post("/api/v1/pdsa-cycles", null, plan(answering, "ward-1", "Theatre slot", Map.of("needId", planned),
                LocalDate.of(2026, 3, 1), LocalDate.of(2026, 5, 31))).then().statusCode(201);
        post("/api/v1/improvement-needs/" + decided + "/decision", "\"1\"", Map.of("rationale", "Case mix, reviewed"))
                .then().statusCode(200);
        TestTokens.actAs(silent);
        concern(silent, "ward-1");
        String waiting = needId(silent, "ward-1");

        JsonPath summary = TestTokens.as(TestTokens.NATIONAL, "national").get("/api/v1/oversight/needs").then()
                .statusCode(200).extract().jsonPath();
        Map<String, Object> answered = row(summary, answering);
        assertThat(answered).containsEntry("open", 0).containsEntry("inProgress", 1).containsEntry("closed", 1)
                .containsEntry("answered", 2).containsEntry("cyclesRunning", 1).containsEntry("adopted", 0);
        assertThat(((Number) answered.get("medianDaysToAnswer")).doubleValue()).isBetween(0.0, 1.0);
        assertThat(row(summary, silent)).containsEntry("open", 1).containsEntry("answered", 0)
                .containsEntry("medianDaysToAnswer", null).containsEntry("cyclesRunning", 0);
        assertThat(TestTokens.as(TestTokens.NATIONAL, "national").queryParam("audit", "no-such-audit")
                .get("/api/v1/oversight/needs").then().statusCode(200).extract().jsonPath().getList("$")).isEmpty();
        TestTokens.as(answering, "viewer", "improvement-lead").get("/api/v1/oversight/needs").then().statusCode(403)
                .contentType("application/problem+json");

        // National oversight reads any trust's needs, history and boards; it records nothing.
        TestTokens.as(TestTokens.NATIONAL, "national").get("/api/v1/improvement-needs/" + waiting).then().statusCode(200);
        TestTokens.as(TestTokens.NATIONAL, "national").get("/api/v1/improvement-needs/" + planned + "/history").then()
                .statusCode(200);
        assertThat(TestTokens.as(TestTokens.NATIONAL, "national").get("/api/v1/improvement-needs?organisation=" + answering)
                .then().statusCode(200).extract().jsonPath().getList("items.organisation")).containsOnly(answering).hasSize(2);
        TestTokens.as(TestTokens.NATIONAL, "national").get("/api/v1/organisations/" + silent + "/microsystems/ward-1/board")
                .then().statusCode(200);
        TestTokens.as(TestTokens.NATIONAL, "national").contentType("application/json").header("If-Match", "\"1\"")
                .body("{\"rationale\": \"From above\"}").post("/api/v1/improvement-needs/" + waiting + "/decision").then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.token(silent, "viewer")).get("/api/v1/improvement-needs/" + waiting).then()
                .statusCode(200).body("status", org.hamcrest.Matchers.equalTo("open"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> row(JsonPath summary, String organisation) {
        List<Map<String, Object>> rows = summary.getList("$");
        return rows.stream().filter(r -> organisation.equals(r.get("organisation"))).findFirst().orElseThrow();
    }
}
