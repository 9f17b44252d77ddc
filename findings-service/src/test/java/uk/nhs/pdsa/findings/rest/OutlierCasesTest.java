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
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;


import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import uk.nhs.pdsa.events.TestOrganisations;
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

        // The board (and, for an alarm, the regulator) told; the trust responds; the audit publishes.
        step(national(), highCase, "inform", null).statusCode(200).body("stage", equalTo("informed"))
                .body("history[4].action", equalTo("board-and-regulator-informed"));
        step(lead(other), highCase, "respond", null).statusCode(404);
        step(lead(high), highCase, "respond", null).statusCode(200).body("stage", equalTo("responded"));
        step(national(), highCase, "publish", null).statusCode(200).body("stage", equalTo("published"))
                .body("nextActor", equalTo("nobody"));
    }

    private static RequestSpecification national() {
        return TestTokens.as("X26", "national");
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
