package uk.nhs.pdsa.actionplan.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.JSON;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.chart;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.concern;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.cycleEvents;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.events;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.findingsAnswers;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.need;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.needId;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.plan;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.post;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.publish;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.put;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.types;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pdsa.actionplan.support.FindingsStub;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.PdsaCycleState;
import uk.nhs.pdsa.events.TestFindings;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.TestTokens;

/** Stage order (409), optimistic concurrency (428/412), handover, Study failures (503) and bad input (400). */
@QuarkusTest
class PdsaCycleRulesTest {
    private static final LocalDate START = LocalDate.of(2026, 3, 1);
    private static final LocalDate END = LocalDate.of(2026, 5, 31);
    private String org;

    @BeforeEach
    void organisation() {
        org = TestOrganisations.unique("C");
        TestTokens.actAs(org);
    }

    /** A cycle at Plan answering the microsystem's need (a concern opens it). */
    private String newCycle(String microsystem) {
        String need = need(org, microsystem);
        return post("/api/v1/pdsa-cycles", null, plan(org, microsystem, "Early warning huddle", Map.of("needId", need), START, END))
                .then().statusCode(201).body("needId", equalTo(need)).extract().path("id");
    }

    @Test
    void shouldRefuseStagesOutOfOrderNamingTheCurrentAndRequestedStage() {
        String id = newCycle("ward-1");
        post("/api/v1/pdsa-cycles/" + id + "/study", "\"1\"", Map.of("comparison", "c", "learning", "l")).then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://pdsa.nhs.uk/problems/stage-conflict"))
                .body("detail", containsString("current stage: plan, requested: study"));
        post("/api/v1/pdsa-cycles/" + id + "/act", "\"1\"", Map.of("decision", "adopt", "rationale", "r")).then()
                .statusCode(409).body("detail", containsString("current stage: plan, requested: act"));
        post("/api/v1/pdsa-cycles/" + id + "/do", "\"1\"", Map.of("changeDate", "2026-03-02", "whatWasDone", "x"))
                .then().statusCode(200);
        post("/api/v1/pdsa-cycles/" + id + "/do", "\"2\"", Map.of("changeDate", "2026-03-02", "whatWasDone", "x"))
                .then().statusCode(409).body("detail", containsString("current stage: do, requested: do"));
        given().get("/api/v1/pdsa-cycles/" + id).then().body("version", equalTo(2)).body("stage", equalTo("do"));
    }

    @Test
    void shouldRefuseAWriteWithoutOrWithAStaleIfMatchAndChangeNothing() {
        String id = newCycle("ward-1");
        Map<String, String> doBody = Map.of("changeDate", "2026-03-02", "whatWasDone", "x");
        post("/api/v1/pdsa-cycles/" + id + "/do", null, doBody).then().statusCode(428)
                .contentType("application/problem+json").body("detail", containsString("\"1\""));
        post("/api/v1/pdsa-cycles/" + id + "/do", "\"7\"", doBody).then().statusCode(412)
                .body("type", equalTo("https://pdsa.nhs.uk/problems/precondition-failed"))
                .body("detail", containsString("current version \"1\""));
        given().get("/api/v1/pdsa-cycles/" + id).then().body("version", equalTo(1)).body("stage", equalTo("plan"))
                .header("ETag", "\"1\"");
    }

    @Test
    void shouldLetOnlyOneOfTwoConcurrentEditsWithTheSameVersionWin() throws Exception {
        String id = newCycle("ward-2");
        int editors = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(editors);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < editors; i++) {
            int n = i;
            statuses.add(pool.submit(() -> {
                start.await();
                return put("/api/v1/pdsa-cycles/" + id + "/owner", "\"1\"",
                        Map.of("owner", Map.of("name", "Dr Editor " + n), "reason", "rotation")).statusCode();
            }));
        }
        start.countDown();
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : statuses) {
            codes.add(f.get());
        }
        pool.shutdown();
        assertThat(codes).containsOnly(200, 412);
        assertThat(codes).filteredOn(c -> c == 200).hasSize(1);
        given().get("/api/v1/pdsa-cycles/" + id).then().body("version", equalTo(2));
        given().get("/api/v1/pdsa-cycles/" + id + "/history").then().body("action", contains("planned", "owner-changed"));
    }

    @Test
    void shouldRecordAndPublishAnOwnerHandover() throws Exception {
        String id = newCycle("ward-3");
        put("/api/v1/pdsa-cycles/" + id + "/owner", "\"1\"", Map.of("owner",
                Map.of("name", "Dr B Okafor", "email", "b.okafor@nhs.net", "role", "registrar"), "reason", "Rotation"))
                .then().statusCode(200).body("owner.name", equalTo("Dr B Okafor")).header("ETag", "\"2\"");
        put("/api/v1/pdsa-cycles/" + id + "/owner", "\"2\"", Map.of("owner", Map.of("name", " "))).then().statusCode(400)
                .body("errors[0].pointer", equalTo("/owner/name"));
        given().get("/api/v1/pdsa-cycles/" + id + "/history").then()
                .body("[1].details.from.name", equalTo("Dr A Patel")).body("[1].details.to.name", equalTo("Dr B Okafor"))
                .body("[1].details.reason", equalTo("Rotation"));
        List<ConsumerRecord<String, String>> events = cycleEvents(org);
        assertThat(types(events)).containsExactly("nhs.pdsa.pdsa-cycle.planned.v1", "nhs.pdsa.pdsa-cycle.owner-changed.v1");
        PdsaCycleState handed = JSON.readValue(events.get(1).value(), PdsaCycleState.class);
        assertThat(handed.owner().email()).isEqualTo("b.okafor@nhs.net");
        assertThat(handed.previousOwner().name()).isEqualTo("Dr A Patel");
        assertThat(handed.version()).isEqualTo(2);
    }

    @Test
    void shouldAnswer503AndRecordNothingWhenFindingsIsSlowOrFailing() {
        String id = newCycle("ward-4");
        post("/api/v1/pdsa-cycles/" + id + "/do", "\"1\"", Map.of("changeDate", "2026-03-02", "whatWasDone", "x"))
                .then().statusCode(200);
        String series = "nhfd/surgery-within-36h/" + org + "/ward-4";
        FindingsStub.answer(series, new FindingsStub.Answer(200, chart("2026-02:0.6", "2026-03:0.7"), 4_000));
        long started = System.nanoTime();
        post("/api/v1/pdsa-cycles/" + id + "/study", "\"2\"", Map.of("comparison", "c", "learning", "l")).then()
                .statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("https://pdsa.nhs.uk/problems/findings-unavailable"))
                .body("detail", containsString("Nothing was recorded"));
        assertThat((System.nanoTime() - started) / 1_000_000).as("answered after the 1.5 s read timeout, not 4 s").isLessThan(3_500);

        FindingsStub.answer(series, new FindingsStub.Answer(500, "{\"status\":500}", 0));
        post("/api/v1/pdsa-cycles/" + id + "/study", "\"2\"", Map.of("comparison", "c", "learning", "l")).then()
                .statusCode(503).body("detail", containsString("answered 500"));
        given().get("/api/v1/pdsa-cycles/" + id).then().body("stage", equalTo("do")).body("version", equalTo(2))
                .body("study", nullValue());

        FindingsStub.answer(series, new FindingsStub.Answer(200, chart("2026-02:0.6", "2026-03:0.7"), 0));
        post("/api/v1/pdsa-cycles/" + id + "/study", "\"2\"", Map.of("comparison", "c", "learning", "l")).then()
                .statusCode(200).body("study.evidence[0].before[0].period", equalTo("2026-02"))
                .body("study.evidence[0].after[0].period", equalTo("2026-03"));
    }

    @Test
    void shouldStudyASeriesFindingsDoesNotKnowAsUnavailable() {
        String id = newCycle("ward-unknown");
        post("/api/v1/pdsa-cycles/" + id + "/do", "\"1\"", Map.of("changeDate", "2026-03-02", "whatWasDone", "x"));
        post("/api/v1/pdsa-cycles/" + id + "/study", "\"2\"", Map.of("comparison", "No data yet", "learning", "Wait"))
                .then().statusCode(200).body("study.evidence[0].available", equalTo(false))
                .body("study.evidence[0].note", equalTo("findings holds no results for this series"))
                .body("suggestedScore", equalTo(2.5f));
    }

    @Test
    void shouldListEveryInvalidFieldOfAPlanAndCreateNothing() {
        given().contentType("application/json").body("{\"measures\": [{\"audit\": \"nhfd\"}], \"owner\": {\"name\": \"X\", \"email\": \"not-mail\"},"
                + " \"plannedStart\": \"2026-05-01\", \"plannedEnd\": \"2026-04-01\"}")
                .post("/api/v1/pdsa-cycles").then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", containsInAnyOrder("/title", "/objective", "/changeIdea", "/predictions",
                        "/measures/0/metric", "/measures/0/organisation", "/dataCollection/who", "/dataCollection/what",
                        "/dataCollection/when", "/dataCollection/where", "/owner/email", "/plannedEnd", "/needId"));
        post("/api/v1/pdsa-cycles", null, plan(org, "ward-5", "For no need", Map.of(), START, END)).then().statusCode(400)
                .body("errors.pointer", contains("/needId"));
        var other = plan(org, "ward-5", "Mixed", Map.of("needId", need(org, "ward-5")), START, END);
        other.put("measures", List.of(Map.of("audit", "nhfd", "metric", "m", "organisation", org),
                Map.of("audit", "nhfd", "metric", "m", "organisation", "ZZZ")));
        post("/api/v1/pdsa-cycles", null, other).then().statusCode(400).body("errors[0].pointer", equalTo("/measures/1/organisation"));
        post("/api/v1/pdsa-cycles", null, plan(org, "ward-5", "Unknown need",
                Map.of("needId", "00000000-0000-0000-0000-000000000000"), START, END)).then().statusCode(400)
                .body("errors[0].pointer", equalTo("/needId"));
        given().contentType("application/json").body("{\"title\": ").post("/api/v1/pdsa-cycles").then().statusCode(400)
                .contentType("application/problem+json");
        assertThat(cycleEvents(org)).as("no cycle planned").isEmpty();
    }

    @Test
    void shouldPutTheNeedBackToOpenWhenItsCycleIsAbandonedAndForbidFollowingIt() {
        concern(org, "ward-6");
        String needId = needId(org, "ward-6");
        String id = post("/api/v1/pdsa-cycles", null, plan(org, "ward-6", "Try it", Map.of("needId", needId), START, END))
                .then().statusCode(201).extract().path("id");
        findingsAnswers(org, "ward-6", chart("2026-02:0.6", "2026-03:0.55"));
        PdsaRampTest.completeCycle(id, "2026-03-02", "abandon", 2.5f);
        given().get("/api/v1/improvement-needs/" + needId).then().body("status", equalTo("open")).body("answer", nullValue());
        post("/api/v1/pdsa-cycles", null, plan(org, "ward-6", "Next", Map.of("follows", id), START, END)).then()
                .statusCode(409).body("detail", containsString("adopt or adapt"));
        put("/api/v1/pdsa-cycles/" + id + "/owner", "\"4\"", Map.of("owner", Map.of("name", "Late"))).then().statusCode(409)
                .body("detail", containsString("nothing can be recorded after Act"));
        post("/api/v1/pdsa-cycles/" + id + "/act", "\"4\"", Map.of("decision", "adopt", "rationale", "r")).then().statusCode(409);
        assertThat(types(events(org))).endsWith("nhs.pdsa.pdsa-cycle.completed.v1", "nhs.pdsa.improvement-need.reopened.v1");
    }

    @Test
    void shouldMarkTheNeedImprovedWhenImprovementFollowsAnAdoptedCycle() {
        concern(org, "ward-8");
        String needId = needId(org, "ward-8");
        String id = post("/api/v1/pdsa-cycles", null, plan(org, "ward-8", "Adopt early", Map.of("needId", needId), START, END))
                .then().statusCode(201).extract().path("id");
        findingsAnswers(org, "ward-8", chart("2026-02:0.6", "2026-03:0.6"));
        PdsaRampTest.completeCycle(id, "2026-03-02", "adopt", 2.5f);
        given().get("/api/v1/improvement-needs/" + needId).then().body("status", equalTo("in-progress"));

        // Months later findings raises special cause improvement on the ward's series: the adopted change worked.
        publish(EventType.FINDING_RAISED, TestFindings.specialCause(org, "ward-8", "2026-06", "special-cause-improvement", 0.95, 0.8));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/improvement-needs/" + needId)
                .then().body("status", equalTo("improved")).body("improvedAt", notNullValue()));
        assertThat(types(events(org))).endsWith("nhs.pdsa.improvement-need.improved.v1");
        given().get("/api/v1/improvement-needs/" + needId + "/history").then()
                .body("action", hasItem("improved"));
    }

    @Test
    void shouldChangeTheTeamWithItsHistoryAndRefuseABadMember() {
        String id = newCycle("ward-8");
        put("/api/v1/pdsa-cycles/" + id + "/team", "\"1\"", Map.of("team", List.of(Map.of("name", "Sister J Jones",
                "role", "ward manager"), Map.of("name", " ", "email", "not-an-address")))).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.pointer", containsInAnyOrder("/team/1/name", "/team/1/email"));
        put("/api/v1/pdsa-cycles/" + id + "/team", "\"1\"", Map.of("reason", "no list")).then().statusCode(400)
                .body("errors[0].pointer", equalTo("/team"));
        given().get("/api/v1/pdsa-cycles/" + id).then().body("version", equalTo(1));
        put("/api/v1/pdsa-cycles/" + id + "/team", "\"1\"", Map.of("team", List.of(Map.of("name", "Sister J Jones",
                "role", "ward manager"), Map.of("name", "Mr K Shah", "role", "theatre coordinator")),
                "reason", "The theatre coordinator joins")).then().statusCode(200).header("ETag", "\"2\"")
                .body("plan.team.name", contains("Sister J Jones", "Mr K Shah")).body("plan.owner.name", equalTo("Dr A Patel"))
                .body("stage", equalTo("plan"));
        put("/api/v1/pdsa-cycles/" + id + "/team", "\"1\"", Map.of("team", List.of())).then().statusCode(412);
        put("/api/v1/pdsa-cycles/" + id + "/owner", "\"2\"", Map.of("owner", Map.of("name", "Dr B Okafor"), "reason", "Rotation"))
                .then().statusCode(200).header("ETag", "\"3\"");
        put("/api/v1/pdsa-cycles/" + id + "/team", "\"3\"", Map.of("team", List.of(Map.of("name", "Sister J Jones",
                "role", "ward manager")))).then().statusCode(200).header("ETag", "\"4\"");
        given().get("/api/v1/pdsa-cycles/" + id + "/history").then().body("action", contains("planned", "team-changed", "owner-changed", "team-changed"))
                .body("[1].details.to.name", contains("Sister J Jones", "Mr K Shah"))
                .body("[1].details.reason", equalTo("The theatre coordinator joins"));
        assertThat(types(cycleEvents(org))).as("the team is not in the cycle's event: its change is history only")
                .containsExactly("nhs.pdsa.pdsa-cycle.planned.v1", "nhs.pdsa.pdsa-cycle.owner-changed.v1");
    }

    @Test
    void shouldCheckActAndScoreValues() {
        String id = newCycle("ward-7");
        put("/api/v1/pdsa-cycles/" + id + "/progress-score", "\"1\"", Map.of("score", 3.2)).then().statusCode(400)
                .body("errors[0].pointer", equalTo("/score"));
        put("/api/v1/pdsa-cycles/" + id + "/progress-score", "\"1\"", Map.of("score", 2.0, "note", "Under way"))
                .then().statusCode(200).body("teamScore", equalTo(2.0f)).body("suggestedScore", equalTo(1.5f));
        post("/api/v1/pdsa-cycles/" + id + "/do", "\"2\"", Map.of("changeDate", "2026-03-02", "whatWasDone", "x"));
        findingsAnswers(org, "ward-7", chart("2026-02:0.6"));
        post("/api/v1/pdsa-cycles/" + id + "/study", "\"3\"", Map.of("comparison", "c", "learning", "l")).then().statusCode(200);
        post("/api/v1/pdsa-cycles/" + id + "/act", "\"4\"", Map.of("decision", "maybe", "rationale", "")).then().statusCode(400)
                .body("errors.pointer", containsInAnyOrder("/decision", "/rationale"));
        given().get("/api/v1/pdsa-cycles/" + id).then().body("stage", equalTo("study"));
        given().get("/api/v1/pdsa-cycles/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
