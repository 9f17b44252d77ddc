package uk.nhs.pdsa.actionplan.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.containsString;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.chart;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.concern;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.events;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.findingsAnswers;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.needId;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.plan;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.post;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.types;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import uk.nhs.pdsa.actionplan.support.FindingsStub;
import uk.nhs.pdsa.events.CloudEventHeaders;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventSchemas;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.TestTokens;

/** A need answered by a ramp of three cycles: adapt, adapt, adopt with sustained improvement. */
@QuarkusTest
@WithTestResource(value = FindingsStub.class, scope = TestResourceScope.GLOBAL)
class PdsaRampTest {
    private static final String MS = "trauma-ward-2";

    @Test
    void shouldWalkANeedThroughARampOfThreeCyclesToImproved() {
        String org = TestOrganisations.unique("R");
        TestTokens.actAs(org);
        concern(org, MS);
        String needId = needId(org, MS);

        // Cycle 1: the mean got better after the change, no special cause: modest improvement, adapt.
        findingsAnswers(org, MS, chart("2025-12:0.60", "2026-01:0.62", "2026-02:0.61", "2026-03:0.66", "2026-04:0.67",
                "2026-05:0.65"));
        Response planned = post("/api/v1/pdsa-cycles", null, plan(org, MS, "Theatre slot held for hip fractures",
                Map.of("needId", needId), LocalDate.of(2026, 3, 1), LocalDate.of(2026, 5, 31)));
        planned.then().statusCode(201).header("ETag", "\"1\"").header("Location", containsString("/api/v1/pdsa-cycles/"))
                .body("stage", equalTo("plan")).body("sequence", equalTo(1)).body("suggestedScore", equalTo(1.5f))
                .body("next", contains("do", "owner", "progress-score", "team")).body("organisation", equalTo(org))
                .body("microsystem", equalTo(MS));
        String first = planned.path("id");
        given().get("/api/v1/improvement-needs/" + needId).then().body("status", equalTo("in-progress"))
                .body("answer.kind", equalTo("cycle")).body("answer.cycleId", equalTo(first))
                .body("cycles.id", contains(first));
        String afterFirst = completeCycle(first, "2026-03-10", "adapt", 3.0f);

        // Cycle 2 follows: special cause improvement appears, then falls back: improvement, adapt.
        findingsAnswers(org, MS, chart("2025-12:0.60", "2026-01:0.62", "2026-02:0.61", "2026-03:0.66", "2026-04:0.67",
                "2026-05:0.65", "2026-06:0.88:special-cause-improvement", "2026-07:0.66"));
        Response second = post("/api/v1/pdsa-cycles", null, plan(org, MS, "Weekend orthogeriatric review",
                Map.of("follows", first), LocalDate.of(2026, 6, 1), LocalDate.of(2026, 7, 31)));
        second.then().statusCode(201).body("sequence", equalTo(2)).body("rampId", equalTo(first))
                .body("previousCycleId", equalTo(first)).body("needId", equalTo(needId));
        String secondId = second.path("id");
        completeCycle(secondId, "2026-06-05", "adapt", 3.5f);

        // Cycle 3: sustained special cause improvement; adopt closes the need as improved.
        findingsAnswers(org, MS, chart("2025-12:0.60", "2026-01:0.62", "2026-02:0.61", "2026-03:0.66", "2026-04:0.67",
                "2026-05:0.65", "2026-06:0.88:special-cause-improvement", "2026-07:0.66",
                "2026-08:0.85:special-cause-improvement", "2026-09:0.87:special-cause-improvement"));
        Response third = post("/api/v1/pdsa-cycles", null, plan(org, MS, "Both changes together",
                Map.of("follows", secondId), LocalDate.of(2026, 8, 1), LocalDate.of(2026, 9, 30)));
        third.then().statusCode(201).body("sequence", equalTo(3)).body("rampId", equalTo(first));
        String thirdId = third.path("id");
        completeCycle(thirdId, "2026-08-03", "adopt", 4.0f);

        given().get("/api/v1/pdsa-cycles/" + thirdId).then()
                .body("study.evidence[0].improvement.firstPeriod", equalTo("2026-08"))
                .body("study.evidence[0].sustained", equalTo(true))
                .body("study.evidence[0].before", hasSize(8))
                .body("study.evidence[0].after.period", contains("2026-08", "2026-09"));
        given().get("/api/v1/improvement-needs/" + needId).then().body("status", equalTo("improved"))
                .body("cycles.sequence", contains(1, 2, 3));
        given().get("/api/v1/pdsa-cycles/" + secondId + "/ramp").then().statusCode(200)
                .body("rampId", equalTo(first)).body("needId", equalTo(needId)).body("status", equalTo("continues"))
                .body("cycles.id", contains(first, secondId, thirdId))
                .body("cycles.actDecision", contains("adapt", "adapt", "adopt"))
                .body("cycles.suggestedScore", contains(3.0f, 3.5f, 4.0f))
                .body("cycles[2].studied[0]", equalTo("surgery-within-36h " + org + "/" + MS
                        + ": special cause improvement since 2026-08, sustained"));
        given().get("/api/v1/pdsa-cycles/" + first + "/history").then()
                .body("action", contains("planned", "do", "study", "act")).body("version", contains(1, 2, 3, 4))
                .body("[1].details.changeDate", equalTo("2026-03-10"));
        given().get("/api/v1/organisations/" + org + "/microsystems/" + MS + "/board").then().statusCode(200)
                .body("needs.improved.id", contains(needId)).body("needs.open", hasSize(0))
                .body("cycles.act.id", containsInAnyOrder(first, secondId, thirdId))
                .body("cycles.do", hasSize(0));
        // A completed ramp cannot fork: the first cycle already has its follower.
        post("/api/v1/pdsa-cycles", null, plan(org, MS, "A fork", Map.of("follows", first), LocalDate.of(2026, 10, 1),
                LocalDate.of(2026, 10, 31))).then().statusCode(409).contentType("application/problem+json");

        List<ConsumerRecord<String, String>> events = events(org);
        assertThat(types(events)).containsExactly(
                "nhs.pdsa.improvement-need.opened.v1",
                "nhs.pdsa.pdsa-cycle.planned.v1", "nhs.pdsa.improvement-need.answered.v1",
                "nhs.pdsa.pdsa-cycle.stage-changed.v1", "nhs.pdsa.pdsa-cycle.stage-changed.v1", "nhs.pdsa.pdsa-cycle.completed.v1",
                "nhs.pdsa.pdsa-cycle.planned.v1", "nhs.pdsa.pdsa-cycle.stage-changed.v1", "nhs.pdsa.pdsa-cycle.stage-changed.v1",
                "nhs.pdsa.pdsa-cycle.completed.v1",
                "nhs.pdsa.pdsa-cycle.planned.v1", "nhs.pdsa.pdsa-cycle.stage-changed.v1", "nhs.pdsa.pdsa-cycle.stage-changed.v1",
                "nhs.pdsa.pdsa-cycle.completed.v1", "nhs.pdsa.improvement-need.improved.v1");
        Set<String> ids = events.stream().map(r -> EventProbe.header(r, CloudEventHeaders.ID)).collect(Collectors.toSet());
        assertThat(ids).hasSize(events.size());
        for (ConsumerRecord<String, String> e : events) {
            EventType type = EventType.ofCeType(EventProbe.header(e, CloudEventHeaders.TYPE));
            assertThat(EventSchemas.violations(type, e.value())).as(e.value()).isEmpty();
        }
        assertThat(events.get(events.size() - 1).value()).contains("\"status\":\"improved\"");
        assertThat(afterFirst).isEqualTo("\"4\"");
    }

    /** Do, Study and Act on a cycle at plan, each with the ETag of the step before; returns the last ETag. */
    static String completeCycle(String id, String changeDate, String decision, float expectedScore) {
        String etag = given().get("/api/v1/pdsa-cycles/" + id).header("ETag");
        etag = post("/api/v1/pdsa-cycles/" + id + "/do", etag, Map.of("changeDate", changeDate,
                "whatWasDone", "Made the change", "problems", "None", "observations", "Staff liked it"))
                .then().statusCode(200).body("stage", equalTo("do")).body("suggestedScore", equalTo(2.0f))
                .extract().header("ETag");
        etag = post("/api/v1/pdsa-cycles/" + id + "/study", etag, Map.of("comparison", "As predicted, or not",
                "learning", "What we learned")).then().statusCode(200).body("stage", equalTo("study"))
                .body("suggestedScore", equalTo(expectedScore)).body("study.evidence", hasSize(1))
                .body("study.evidence[0].available", equalTo(true))
                .body("study.evidence[0].changeDate", equalTo(changeDate))
                .extract().header("ETag");
        return post("/api/v1/pdsa-cycles/" + id + "/act", etag, Map.of("decision", decision, "rationale", "Because"))
                .then().statusCode(200).body("stage", equalTo("act")).body("actDecision", equalTo(decision))
                .body("next", hasSize(0)).body("suggestedScore", equalTo(expectedScore))
                .extract().header("ETag");
    }
}
