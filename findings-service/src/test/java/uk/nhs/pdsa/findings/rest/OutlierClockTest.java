package uk.nhs.pdsa.findings.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.OutlierCaseState;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.events.Topics;
import uk.nhs.pdsa.findings.service.OutlierAnalysis;
import uk.nhs.pdsa.findings.support.OutlierFixture;
import uk.nhs.pdsa.findings.support.TestClock;
import uk.nhs.pdsa.testing.TestTokens;

/**
 * The clock of an outlier case (HQIP 2017), with time moved on: a review not done by its deadline is escalated to the
 * medical director, then the data are taken as submitted; an alarm the trust does not respond to is escalated, then
 * reported to the regulator, who can then read it. Every move is an event, by the platform.
 */
@QuarkusTest
class OutlierClockTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private final EventProbe probe = new EventProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    @Inject
    TestClock clock;

    @Inject
    OutlierAnalysis analysis;

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void shouldEscalateTakeTheDataAsSubmittedAndReportAnUnansweredAlarmToTheRegulator() throws Exception {
        String prefix = TestOrganisations.unique("K");
        List<String> trusts = IntStream.range(0, 10).mapToObj(i -> prefix + i).toList();
        OutlierFixture fixture = new OutlierFixture(trusts, new int[] {90, 30, 33, 27, 30, 36, 24, 30, 31, 29});
        String own = trusts.get(0);
        String caseId = fixture.caseOf(own, 0.3);
        step(caseId, "notify-clinical-lead");
        TestTokens.as(TestTokens.NATIONAL, "national").get("/api/v1/outlier-cases/" + caseId).then()
                .body("level", equalTo("alarm")).body("stage", equalTo("data-review")).body("overdue", equalTo(false));

        // Nobody reviews the data: escalated to the medical director, then (past the extra days) taken as submitted.
        clock.advance(Duration.ofDays(60));
        TestTokens.as(TestTokens.NATIONAL, "national").get("/api/v1/outlier-cases/" + caseId).then()
                .body("overdue", equalTo(true));
        analysis.tick();
        TestTokens.as(TestTokens.NATIONAL, "national").get("/api/v1/outlier-cases/" + caseId).then()
                .body("stage", equalTo("data-review")).body("escalated", equalTo(true));
        analysis.tick();
        TestTokens.as(TestTokens.NATIONAL, "national").get("/api/v1/outlier-cases/" + caseId).then()
                .body("stage", equalTo("confirmed"));
        TestTokens.as(TestTokens.REGULATOR, "regulator").get("/api/v1/outlier-cases/" + caseId).then().statusCode(404);

        // The board and the regulator are told; the trust does not respond: escalated, then reported.
        step(caseId, "inform");
        clock.advance(Duration.ofDays(60));
        analysis.tick();
        analysis.tick();
        analysis.tick(); // nothing more to do
        TestTokens.as(TestTokens.REGULATOR, "regulator").get("/api/v1/outlier-cases/" + caseId).then().statusCode(200)
                .body("stage", equalTo("informed")).body("reportedToRegulator", equalTo(true));

        List<OutlierCaseState> events = probe.upToEnd(Topics.FINDINGS,
                r -> r.key().startsWith("outlier-case/") && r.key().endsWith("/" + own)).stream()
                .map(r -> read(r.value())).toList();
        assertThat(events).extracting(OutlierCaseState::action).containsExactly("raised", "clinical-lead-notified",
                "escalated-to-medical-director", "data-taken-as-submitted", "board-and-regulator-informed",
                "escalated-to-medical-director", "no-response-reported-to-regulator");
        assertThat(events).extracting(OutlierCaseState::actedBy).containsExactly("analysis", "audit", "platform",
                "platform", "audit", "platform", "platform");
    }

    private static void step(String caseId, String action) {
        TestTokens.as(TestTokens.NATIONAL, "national").contentType("application/json")
                .body("{\"action\": \"" + action + "\"}").post("/api/v1/outlier-cases/" + caseId + "/steps")
                .then().statusCode(200);
    }

    private static OutlierCaseState read(String value) {
        try {
            return JSON.readValue(value, OutlierCaseState.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
