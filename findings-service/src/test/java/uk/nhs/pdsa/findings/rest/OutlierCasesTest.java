package uk.nhs.pdsa.findings.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;


import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.ImprovementNeedState;
import uk.nhs.pdsa.events.OutlierCaseState;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.events.Topics;
import uk.nhs.pdsa.findings.support.OutlierFixture;
import uk.nhs.pdsa.testing.TestTokens;

/**
 * Outliers as the audit's policy says (HQIP 2017): providers compared once on a closed quarter, not on each month;
 * the cases moved by the audit and the trust's clinical lead; corrected data re-run the analysis.
 */
@QuarkusTest
class OutlierCasesTest {
    /** Each trust's deaths over the quarter (of 300 patients, 100 a month): the first two far above the rest. */
    private static final int[] DEATHS = {90, 90, 30, 33, 27, 30, 36, 24, 30, 31, 29, 30};

    @Test
    void shouldRaiseOutliersOnlyForTheClosedPeriodAndMoveTheirCasesThroughThePolicy() {
        String prefix = TestOrganisations.unique("Q");
        List<String> trusts = IntStream.range(0, DEATHS.length).mapToObj(i -> prefix + i).toList();
        String high = trusts.get(0);
        String disputed = trusts.get(1);
        String other = trusts.get(5);
        OutlierFixture fixture = new OutlierFixture(trusts, DEATHS);
        String audit = fixture.audit;
        // The live monthly funnels of the metric not in the policy raise the high trust as before; the policy's don't.
        await().atMost(Duration.ofSeconds(60)).until(() -> outlierFindings(audit, "n", high) > 0);
        fixture.awaitQuarter(high, 0.3);
        assertThat(outlierFindings(audit, "m", high)).isZero();

        // The closed quarter is analysed once: both high trusts beyond the alert limit (overdispersion widens the rest).
        national().queryParam("audit", audit).post("/api/v1/outlier-analyses").then().statusCode(200)
                .body("analysed", equalTo(1)).body("casesOpened", equalTo(2))
                .body("analyses[0].period", equalTo("2019-Q1")).body("analyses[0].firstMonth", equalTo("2019-01"))
                .body("analyses[0].changes[0]", equalTo("12 providers compared: 0 beyond the alarm limit, 2 beyond the alert limit only"));
        national().queryParam("audit", audit).post("/api/v1/outlier-analyses").then().statusCode(200)
                .body("analysed", equalTo(0));
        national().queryParam("audit", audit).get("/api/v1/outlier-cases").then().statusCode(200)
                .body("organisation", contains(high, disputed)).body("stage", contains("provider-analysis", "provider-analysis"))
                .body("level", contains("alert", "alert")).body("nextActor", contains("audit", "audit"))
                .body("[0].numerator", equalTo(90)).body("[0].denominator", equalTo(300));
        String highCase = national().queryParam("audit", audit).queryParam("organisation", high).get("/api/v1/outlier-cases")
                .then().extract().path("[0].id");
        String disputedCase = national().queryParam("audit", audit).queryParam("organisation", disputed)
                .get("/api/v1/outlier-cases").then().extract().path("[0].id");

        // A trust sees its own case only; another trust cannot tell it exists.
        TestTokens.as(high, "viewer").queryParam("audit", audit).get("/api/v1/outlier-cases").then().statusCode(200)
                .body("id", contains(highCase));
        TestTokens.as(other, "viewer").queryParam("audit", audit).get("/api/v1/outlier-cases").then().statusCode(200)
                .body("$", hasSize(0));
        TestTokens.as(other, "improvement-lead").get("/api/v1/outlier-cases/" + highCase).then().statusCode(404);

        // Steps in their order, each by its people.
        step(lead(high), highCase, "confirm-data", null).statusCode(409)
                .body("detail", containsString("while the case is at provider analysis"));
        step(lead(high), highCase, "notify-clinical-lead", null).statusCode(403);
        step(national(), highCase, "teleport", null).statusCode(400).body("errors[0].pointer", equalTo("/action"));
        step(national(), highCase, "notify-clinical-lead", 0).statusCode(409);
        step(national(), highCase, "notify-clinical-lead", 1).statusCode(200)
                .body("stage", equalTo("data-review")).body("nextActor", equalTo("clinical-lead"))
                .body("dueBy", notNullValue()).body("version", equalTo(2));
        step(national(), disputedCase, "notify-clinical-lead", null).statusCode(200);
        step(lead(high), highCase, "confirm-data", null).statusCode(200).body("stage", equalTo("confirmed"))
                .body("history.action", contains("raised", "clinical-lead-notified", "data-confirmed"));

        // The disputed trust corrects its data by resubmitting: the period is analysed again and says what changed.
        fixture.submit("m", disputed, 30, 2);
        fixture.awaitQuarter(disputed, 0.1);
        national().queryParam("audit", audit).post("/api/v1/outlier-analyses").then().statusCode(200)
                .body("analysed", equalTo(1)).body("casesChanged", equalTo(2));
        national().queryParam("audit", audit).queryParam("metric", "m").get("/api/v1/outlier-analyses").then()
                .statusCode(200).body("[0].runs", equalTo(2)).body("[0].changes", hasItems(
                        disputed + " revised from 90 of 300 to 30 of 300", disputed + ": alert → within the limits",
                        high + ": alert → alarm"));
        national().get("/api/v1/outlier-cases/" + disputedCase).then().statusCode(200).body("stage", equalTo("closed"))
                .body("history.action", contains("raised", "clinical-lead-notified", "data-corrected",
                        "not-an-outlier-after-correction"))
                .body("history[2].actor", equalTo("resubmission"));
        national().get("/api/v1/outlier-cases/" + highCase).then().statusCode(200).body("stage", equalTo("confirmed"))
                .body("level", equalTo("alarm")).body("history[3].action", equalTo("revised-data-still-alarm"));

        // The regulator reads only what the national process told it of: nothing yet.
        regulator().queryParam("audit", audit).get("/api/v1/outlier-cases").then().statusCode(200).body("$", hasSize(0));
        regulator().get("/api/v1/outlier-cases/" + highCase).then().statusCode(404);

        // The board (and, for an alarm, the regulator) told; the trust responds; the audit publishes.
        step(national(), highCase, "inform", null).statusCode(200).body("stage", equalTo("informed"))
                .body("history[4].action", equalTo("board-and-regulator-informed"));
        regulator().queryParam("audit", audit).get("/api/v1/outlier-cases").then().statusCode(200)
                .body("id", contains(highCase)).body("[0].history.actor", contains("analysis", "audit", "clinical-lead",
                        "analysis", "audit"));
        regulator().get("/api/v1/outlier-cases/" + disputedCase).then().statusCode(404);
        step(regulator(), highCase, "publish", null).statusCode(403);
        step(lead(other), highCase, "respond", null).statusCode(404);
        step(national(), highCase, "publish", null).statusCode(409);
        // The trust responds in action-plan: its improvement need, opened by the case, answered by a PDSA cycle.
        UUID cycle = UUID.randomUUID();
        ImprovementNeedState answered = new ImprovementNeedState(UUID.randomUUID(), 3, ImprovementNeedState.IN_PROGRESS,
                high, null, audit, "m", UUID.fromString(highCase), List.of(new ImprovementNeedState.Evidence(
                        UUID.fromString(highCase), "outlier-case", "2019-Q1", "alarm", "open")),
                Instant.now(), LocalDate.now().plusDays(14),
                new ImprovementNeedState.Answer("cycle", cycle, null, "qi-lead", Instant.now()), null, null, null, Instant.now());
        PROBE.send(EventType.NEED_ANSWERED, high, "improvement-need/" + answered.needId(), write(answered));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> national().get("/api/v1/outlier-cases/" + highCase)
                .then().statusCode(200).body("stage", equalTo("responded"))
                .body("history[5].action", equalTo("responded")).body("history[5].actor", equalTo("trust")));
        step(national(), highCase, "publish", null).statusCode(200).body("stage", equalTo("published"))
                .body("nextActor", equalTo("nobody"));

        // Every step was announced on the findings topic, in order, by role (never a person), with the response.
        List<OutlierCaseState> events = PROBE.upToEnd(Topics.FINDINGS, r -> r.key().startsWith("outlier-case/" + audit + "/m/"))
                .stream().filter(r -> r.key().endsWith("/" + high)).map(r -> read(r.value())).toList();
        assertThat(events).extracting(OutlierCaseState::action).containsExactly("raised", "clinical-lead-notified",
                "data-confirmed", "revised-data-still-alarm", "board-and-regulator-informed", "responded", "published");
        assertThat(events).extracting(OutlierCaseState::actedBy).containsExactly("analysis", "audit", "clinical-lead",
                "analysis", "audit", "trust", "audit");
        assertThat(events).extracting(OutlierCaseState::version).containsExactly(1, 2, 3, 4, 5, 6, 7);
        OutlierCaseState published = events.get(events.size() - 1);
        assertThat(published.response().kind()).isEqualTo("cycle");
        assertThat(published.response().cycleId()).isEqualTo(cycle);
        assertThat(published.numerator()).isEqualTo(90L);
        assertThat(published.level()).isEqualTo("alarm");
    }

    private static final EventProbe PROBE = new EventProbe(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static OutlierCaseState read(String value) {
        try {
            return JSON.readValue(value, OutlierCaseState.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RequestSpecification national() {
        return TestTokens.as("X26", "national");
    }

    private static RequestSpecification regulator() {
        return TestTokens.as(TestTokens.REGULATOR, "regulator");
    }

    private static RequestSpecification lead(String organisation) {
        return TestTokens.as(organisation, "improvement-lead");
    }

    private static io.restassured.response.ValidatableResponse step(RequestSpecification as, String id, String action,
            Integer version) {
        String body = "{\"action\": \"" + action + "\"" + (version == null ? "" : ", \"version\": " + version) + "}";
        return as.contentType("application/json").body(body).post("/api/v1/outlier-cases/" + id + "/steps").then();
    }

    private static int outlierFindings(String audit, String metric, String organisation) {
        return TestTokens.as(organisation, "viewer").queryParam("audit", audit).queryParam("metric", metric)
                .queryParam("organisation", organisation).queryParam("kind", "outlier").get("/api/v1/findings")
                .then().statusCode(200).extract().jsonPath().getList("items").size();
    }
}
