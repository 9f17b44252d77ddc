package uk.nhs.pdsa.actionplan.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.chart;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.concern;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.findingsAnswers;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.needId;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.plan;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.write;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.nhs.pdsa.actionplan.support.FindingsStub;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.TestTokens;

/**
 * Needs and cycles belong to their organisation: another organisation's are not found, even for writes
 * with a valid If-Match; viewers read but do not change; the improvement lead's token is what findings
 * is asked with at Study, and the history names who made each change.
 */
@QuarkusTest
class ActionPlanSecurityTest {
    private static final LocalDate START = LocalDate.of(2026, 3, 2);
    private String org;
    private String other;
    private String need;

    @BeforeEach
    void aNeed() {
        org = TestOrganisations.unique("V");
        other = TestOrganisations.unique("W");
        TestTokens.actAs(org);
        concern(org, "ward-1");
        need = needId(org, "ward-1");
    }

    @Test
    void shouldHideAnotherOrganisationsNeedsAndCyclesEvenFromValidWrites() {
        String lead = TestTokens.token(org, "improvement-lead");
        String cycle = TestTokens.as(org, "improvement-lead").contentType(ContentType.JSON)
                .body(write(plan(org, "ward-1", "Huddle", Map.of("needId", need), START, START.plusMonths(2))))
                .post("/api/v1/pdsa-cycles").then().statusCode(201).extract().path("id");
        assertThat(lead).isNotBlank();

        for (String path : new String[] { "/api/v1/improvement-needs/" + need, "/api/v1/improvement-needs/" + need + "/history",
                "/api/v1/pdsa-cycles/" + cycle, "/api/v1/pdsa-cycles/" + cycle + "/ramp",
                "/api/v1/pdsa-cycles/" + cycle + "/history", "/api/v1/organisations/" + org + "/microsystems/ward-1/board" }) {
            TestTokens.as(org, "viewer").get(path).then().statusCode(200);
            TestTokens.as(other, "viewer", "improvement-lead").get(path).then().statusCode(404)
                    .contentType("application/problem+json");
            TestTokens.as(org, "submitter", "college", "patient-group", "admin").get(path).then().statusCode(403);
        }
        TestTokens.as(other, "improvement-lead").get("/api/v1/improvement-needs").then().statusCode(200)
                .body("total", equalTo(0));
        TestTokens.as(other, "improvement-lead").queryParam("organisation", org).get("/api/v1/improvement-needs").then()
                .statusCode(200).body("total", equalTo(0));

        // Writes with the right version: another organisation's lead gets 404, a viewer 403; nothing changes.
        TestTokens.as(other, "improvement-lead").contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("changeDate", "2026-03-02", "whatWasDone", "x"))
                .post("/api/v1/pdsa-cycles/" + cycle + "/do").then().statusCode(404);
        TestTokens.as(org, "viewer").contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("changeDate", "2026-03-02", "whatWasDone", "x"))
                .post("/api/v1/pdsa-cycles/" + cycle + "/do").then().statusCode(403);
        TestTokens.as(other, "improvement-lead").contentType(ContentType.JSON).header("If-Match", "\"2\"")
                .body(Map.of("rationale", "not ours")).post("/api/v1/improvement-needs/" + need + "/decision").then()
                .statusCode(404);
        TestTokens.as(org, "viewer").get("/api/v1/pdsa-cycles/" + cycle).then().body("version", equalTo(1))
                .body("stage", equalTo("plan"));

        // Planning on another organisation's need reads as a need that does not exist; a plan for no need is refused.
        TestTokens.as(other, "improvement-lead").contentType(ContentType.JSON)
                .body(write(plan(other, "ward-1", "Copy", Map.of("needId", need), START, START.plusMonths(2))))
                .post("/api/v1/pdsa-cycles").then().statusCode(400).body("errors.pointer", contains("/needId"))
                .body("errors[0].detail", equalTo("no improvement need " + need));
        TestTokens.as(other, "improvement-lead").contentType(ContentType.JSON)
                .body(write(plan(org, "ward-1", "Theirs", Map.of(), START, START.plusMonths(2))))
                .post("/api/v1/pdsa-cycles").then().statusCode(400).body("errors.pointer", contains("/needId"));
        TestTokens.as(other, "improvement-lead").contentType(ContentType.JSON)
                .body(write(plan(other, "ward-1", "Follow", Map.of("follows", cycle), START, START.plusMonths(2))))
                .post("/api/v1/pdsa-cycles").then().statusCode(400).body("errors.pointer", contains("/follows"));
    }

    @Test
    void shouldAskFindingsWithTheLeadsTokenAndRecordWhoChangedWhat() {
        String lead = TestTokens.token(org, "improvement-lead");
        String cycle = io.restassured.RestAssured.given().auth().oauth2(lead).contentType(ContentType.JSON)
                .body(write(plan(org, "ward-1", "Huddle", Map.of("needId", need), START, START.plusMonths(2))))
                .post("/api/v1/pdsa-cycles").then().statusCode(201).extract().path("id");
        io.restassured.RestAssured.given().auth().oauth2(lead).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("changeDate", "2026-03-02", "whatWasDone", "x"))
                .post("/api/v1/pdsa-cycles/" + cycle + "/do").then().statusCode(200);
        findingsAnswers(org, "ward-1", chart("2026-02:0.6", "2026-03:0.7"));
        io.restassured.RestAssured.given().auth().oauth2(lead).contentType(ContentType.JSON).header("If-Match", "\"2\"")
                .body(Map.of("comparison", "c", "learning", "l"))
                .post("/api/v1/pdsa-cycles/" + cycle + "/study").then().statusCode(200);
        assertThat(FindingsStub.LAST_AUTHORIZATION.get()).isEqualTo("Bearer " + lead);

        TestTokens.as(org, "viewer").get("/api/v1/pdsa-cycles/" + cycle + "/history").then().statusCode(200)
                .body("actor", contains("test-improvement-lead@" + org, "test-improvement-lead@" + org,
                        "test-improvement-lead@" + org))
                .body("action", contains("planned", "do", "study"));
        TestTokens.admin().queryParam("organisation", org).get("/api/v1/audit-trail").then().statusCode(200)
                .body("items.path", contains("/api/v1/pdsa-cycles/" + cycle + "/study", "/api/v1/pdsa-cycles/" + cycle + "/do",
                        "/api/v1/pdsa-cycles"))
                .body("items.subject", everyItem(equalTo("test-improvement-lead")))
                .body("items[2].resource", containsString("/api/v1/pdsa-cycles/" + cycle));
    }
}
