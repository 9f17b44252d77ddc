package uk.nhs.pdsa.findings.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import uk.nhs.pdsa.events.AuditResultRecorded;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.metrics.MetricType;
import uk.nhs.pdsa.testing.TestTokens;

/**
 * A ward team rebases its own chart when a change is adopted: the new level gets its own centre and limits, the
 * improvement it made stops being "special cause" against the old level, and undoing it restores the old chart.
 */
@QuarkusTest
class RebaseTest {
    private final EventProbe probe = new EventProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    @Inject
    ObjectMapper json;

    @Test
    void shouldGiveTheAdoptedChangesLevelItsOwnLimitsAndUndoIt() throws Exception {
        String trust = TestOrganisations.unique("B");
        String metric = "rebase-" + trust.toLowerCase();
        // 14 months near 60 %, then 8 near 85 % after the change adopted in month 15 (2024-03).
        for (int month = 1; month <= 22; month++) {
            int within = month <= 14 ? new int[] {29, 31, 30, 32, 28}[month % 5] : new int[] {42, 43, 41, 44}[month % 4];
            send(trust, metric, month, within, 50);
        }
        String series = "/api/v1/spc?audit=nhfd&metric=" + metric + "&organisation=" + trust + "&microsystem=ward-1";
        var lead = TestTokens.as(trust, "viewer", "improvement-lead");
        await().atMost(Duration.ofSeconds(30)).until(() -> TestTokens.as(trust, "viewer").get(series).statusCode() == 200
                && TestTokens.as(trust, "viewer").get(series).jsonPath().getList("points").size() == 22);
        assertThat(latest(trust, series)).isEqualTo("special-cause-improvement");
        await().atMost(Duration.ofSeconds(30)).until(() -> improvementFinding(trust, metric) != null);

        // Refused: no reason, the first period, a period not in the series, another trust's chart.
        rebase(trust, metric, "2024-03", " ").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/reason"));
        rebase(trust, metric, "2023-01", "x").then().statusCode(400).body("errors[0].pointer", equalTo("/period"));
        rebase(trust, metric, "2030-01", "x").then().statusCode(400).body("errors[0].pointer", equalTo("/period"));
        TestTokens.as(TestOrganisations.unique("B"), "improvement-lead").contentType(ContentType.JSON)
                .body(body(trust, metric, "2024-03", "x")).post("/api/v1/rebases").then().statusCode(403);
        TestTokens.as(trust, "viewer").contentType(ContentType.JSON).body(body(trust, metric, "2024-03", "x"))
                .post("/api/v1/rebases").then().statusCode(403);
        assertThat(TestTokens.as(trust, "viewer").get("/api/v1/rebases?audit=nhfd&metric=" + metric
                + "&microsystem=ward-1").jsonPath().getList("$")).isEmpty();

        String id = rebase(trust, metric, "2024-03", "Weekend review adopted as standard practice").then().statusCode(201)
                .body("createdBy", equalTo("test-" + String.join("-", List.of("viewer", "improvement-lead")) + "@" + trust))
                .extract().path("id");
        rebase(trust, metric, "2024-03", "again").then().statusCode(409);
        JsonPath rebased = TestTokens.as(trust, "viewer").get(series).jsonPath();
        assertThat(rebased.getList("points.segment", Integer.class)).containsOnly(0, 1);
        assertThat(rebased.getInt("points[14].segment")).isEqualTo(1);
        assertThat(rebased.getInt("points[13].segment")).isZero();
        assertThat(latest(trust, series)).isEqualTo("common-cause");
        assertThat(TestTokens.as(trust, "viewer").get("/api/v1/rebases?audit=nhfd&metric=" + metric + "&microsystem=ward-1")
                .jsonPath().getString("[0].reason")).isEqualTo("Weekend review adopted as standard practice");
        // The improvement judged against the old level resolves once the series is computed again.
        await().atMost(Duration.ofSeconds(30)).until(() -> improvementFinding(trust, metric) == null);

        TestTokens.as(TestOrganisations.unique("B"), "improvement-lead").delete("/api/v1/rebases/" + id).then().statusCode(404);
        lead.delete("/api/v1/rebases/" + id).then().statusCode(204);
        assertThat(TestTokens.as(trust, "viewer").get(series).jsonPath().getList("points.segment", Integer.class)).containsOnly(0);
        assertThat(TestTokens.as(trust, "viewer").get("/api/v1/rebases?audit=nhfd&metric=" + metric + "&microsystem=ward-1")
                .jsonPath().getString("[0].removedBy")).endsWith("@" + trust);
        await().atMost(Duration.ofSeconds(30)).until(() -> improvementFinding(trust, metric) != null);
    }

    private static String latest(String trust, String series) {
        List<String> types = TestTokens.as(trust, "viewer").get(series).jsonPath().getList("points.pointType");
        return types.get(types.size() - 1);
    }

    private static String improvementFinding(String trust, String metric) {
        return TestTokens.as(trust, "viewer").get("/api/v1/findings?organisation=" + trust + "&status=open&kind=special-cause")
                .then().statusCode(200).extract().<String>path("items.find { it.metric == '" + metric
                        + "' && it.microsystem == 'ward-1' && it.orientation == 'improvement' }.findingId");
    }

    private static io.restassured.response.Response rebase(String trust, String metric, String period, String reason) {
        return TestTokens.as(trust, "viewer", "improvement-lead").contentType(ContentType.JSON)
                .body(body(trust, metric, period, reason)).post("/api/v1/rebases");
    }

    private static Map<String, Object> body(String trust, String metric, String period, String reason) {
        return Map.of("audit", "nhfd", "metric", metric, "organisation", trust, "microsystem", "ward-1", "period", period,
                "reason", reason, "cycleId", UUID.randomUUID().toString());
    }

    private void send(String trust, String metric, int month, long numerator, long denominator) throws Exception {
        String period = String.format("%d-%02d", 2023 + (month - 1) / 12, (month - 1) % 12 + 1);
        AuditResultRecorded event = new AuditResultRecorded(UUID.randomUUID(), 1, "nhfd", metric, MetricType.PROPORTION,
                "higher-is-better", new BigDecimal("0.75"), trust, "ward-1", period, numerator, denominator, null,
                Instant.now());
        probe.send(EventType.AUDIT_RESULT_RECORDED, UUID.randomUUID().toString(), "nhfd/" + metric,
                event.seriesKey().withPeriod(period), json.writeValueAsString(event));
    }
}
