package uk.nhs.pdsa.actionplan.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.JSON;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.concern;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.cycleEvents;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.events;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.need;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.needId;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.plan;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.post;
import static uk.nhs.pdsa.actionplan.support.ActionPlanFixture.types;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import uk.nhs.pdsa.actionplan.support.TestClock;
import uk.nhs.pdsa.events.ImprovementNeedState;
import uk.nhs.pdsa.events.PdsaCycleState;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.TestTokens;

/** Escalation of unanswered needs and overdue cycles, driven by a clock the test moves (default schedule 0/14/28 days). */
@QuarkusTest
class OverdueWatchTest {
    @Inject
    TestClock clock;
    @Inject
    OverdueWatch watch;
    private String org;

    @BeforeEach
    void organisation() {
        org = TestOrganisations.unique("E");
        TestTokens.actAs(org);
    }

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void shouldEscalateAnUnansweredNeedOncePerStepUpTheChain() throws Exception {
        concern(org, "ward-1");
        String id = needId(org, "ward-1");
        LocalDate due = LocalDate.parse(given().get("/api/v1/improvement-needs/" + id).path("dueBy"));
        assertThat(due).isEqualTo(LocalDate.now(ZoneId.of("Europe/London")).plusDays(30));

        watch.run();
        given().get("/api/v1/improvement-needs/" + id).then().body("escalation", nullValue());

        clock.advance(Duration.ofDays(31)); // the day after the due date
        watch.run();
        watch.run();
        given().get("/api/v1/improvement-needs/" + id).then().body("escalation.level", equalTo(1))
                .body("escalation.role", equalTo("owner")).body("escalation.daysOverdue", equalTo(0));
        clock.advance(Duration.ofDays(13));
        watch.run();
        given().get("/api/v1/improvement-needs/" + id).then().body("escalation.level", equalTo(1));
        clock.advance(Duration.ofDays(1));
        watch.run();
        given().get("/api/v1/improvement-needs/" + id).then().body("escalation.level", equalTo(2))
                .body("escalation.role", equalTo("clinical-lead")).body("escalation.daysOverdue", equalTo(14));
        clock.advance(Duration.ofDays(14));
        watch.run();
        clock.advance(Duration.ofDays(100));
        watch.run();
        given().get("/api/v1/improvement-needs/" + id).then().body("escalation.level", equalTo(3))
                .body("escalation.role", equalTo("medical-director"));

        List<ConsumerRecord<String, String>> events = events(org);
        assertThat(types(events)).containsExactly("nhs.pdsa.improvement-need.opened.v1",
                "nhs.pdsa.improvement-need.escalated.v1", "nhs.pdsa.improvement-need.escalated.v1",
                "nhs.pdsa.improvement-need.escalated.v1");
        assertThat(events.subList(1, 4)).extracting(e -> JSON.readValue(e.value(), ImprovementNeedState.class).escalation().role())
                .containsExactly("owner", "clinical-lead", "medical-director");
    }

    @Test
    void shouldStopEscalatingOnceACycleAnswersTheNeed() {
        concern(org, "ward-2");
        String id = needId(org, "ward-2");
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        post("/api/v1/pdsa-cycles", null, plan(org, "ward-2", "Answer in time", Map.of("needId", id), today, today.plusDays(20)))
                .then().statusCode(201);
        clock.advance(Duration.ofDays(90));
        watch.run();
        given().get("/api/v1/improvement-needs/" + id).then().body("status", equalTo("in-progress")).body("escalation", nullValue());
        assertThat(types(events(org))).doesNotContain("nhs.pdsa.improvement-need.escalated.v1");
    }

    @Test
    void shouldReportACyclePastItsPlannedEndOnce() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        String id = post("/api/v1/pdsa-cycles", null, plan(org, "ward-3", "Runs late", Map.of("needId", need(org, "ward-3")),
                today, today.plusDays(10)))
                .then().statusCode(201).extract().path("id");
        clock.advance(Duration.ofDays(10));
        watch.run();
        assertThat(types(cycleEvents(org))).containsExactly("nhs.pdsa.pdsa-cycle.planned.v1");
        clock.advance(Duration.ofDays(2));
        watch.run();
        watch.run();
        List<ConsumerRecord<String, String>> events = cycleEvents(org);
        assertThat(types(events)).containsExactly("nhs.pdsa.pdsa-cycle.planned.v1", "nhs.pdsa.pdsa-cycle.overdue.v1");
        PdsaCycleState overdue = JSON.readValue(events.get(1).value(), PdsaCycleState.class);
        assertThat(overdue.cycleId().toString()).isEqualTo(id);
        assertThat(overdue.stage()).isEqualTo("plan");
        given().get("/api/v1/pdsa-cycles/" + id + "/history").then().body("[1].action", equalTo("overdue"))
                .body("[1].actor", equalTo("action-plan-service"));
    }
}
