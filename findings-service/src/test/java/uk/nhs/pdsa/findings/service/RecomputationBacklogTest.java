package uk.nhs.pdsa.findings.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import uk.nhs.pdsa.events.AuditResultRecorded;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.metrics.MetricType;
import uk.nhs.pdsa.testing.TestTokens;

/**
 * Rounds side by side through a backlog: with the backlog threshold at one due series and one metric per round, every
 * round runs beside two others, each on metrics it alone has locked. The findings must be exactly those one worker
 * finds (the concern worked out in {@code AuditResultConsumerTest}), for every metric, and rounds must really have
 * run beside the worker's own.
 */
@QuarkusTest
@TestProfile(RecomputationBacklogTest.Profile.class)
class RecomputationBacklogTest {
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pdsa.findings.worker.backlog-units", "1", "pdsa.findings.worker.backlog-threads", "3",
                    "pdsa.findings.worker.round-units", "1");
        }
    }

    private static final int METRICS = 6;

    @Inject
    ObjectMapper json;

    @Test
    void shouldFindInRoundsSideBySideWhatOneWorkerFinds() throws Exception {
        String trust = TestOrganisations.unique("B");
        TestTokens.actAs(trust);
        double before = roundsBeside();
        EventProbe probe = new EventProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        List<String> metrics = IntStream.rangeClosed(1, METRICS)
                .mapToObj(i -> "backlog-" + i + "-" + trust.toLowerCase(Locale.ROOT)).toList();
        // Each metric's ward: 14 stable months around 80 % (38/50 and 42/50 in turn), then 7 at 60 %: one concern from
        // 2024-03 on the ward and on its trust (the sum of that one ward), as AuditResultConsumerTest works out.
        for (int month = 1; month <= 21; month++) {
            String period = String.format("%d-%02d", 2023 + (month - 1) / 12, (month - 1) % 12 + 1);
            long numerator = month > 14 ? 30 : month % 2 == 0 ? 38 : 42;
            for (String metric : metrics) {
                AuditResultRecorded event = new AuditResultRecorded(UUID.randomUUID(), 1, "nhfd", metric,
                        MetricType.PROPORTION, "higher-is-better", new BigDecimal("0.85"), trust, "ward-7", period,
                        numerator, 50L, null, Instant.now());
                probe.send(EventType.AUDIT_RESULT_RECORDED, UUID.randomUUID().toString(), "nhfd/" + metric,
                        event.seriesKey().withPeriod(period), json.writeValueAsString(event));
            }
        }
        for (String metric : metrics) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                    .get("/api/v1/findings?kind=special-cause&organisation=" + trust + "&metric=" + metric)
                    .then().statusCode(200)
                    .body("total", equalTo(2))
                    .body("items.status", everyItem(equalTo("open")))
                    .body("items.period", everyItem(equalTo("2024-09")))
                    .body("items.specialCause.variation", everyItem(equalTo("special-cause-concern")))
                    .body("items.specialCause.firstPeriod", everyItem(equalTo("2024-03")))
                    .body("items.microsystem", containsInAnyOrder("ward-7", null))
                    .body("items[0].specialCause.signals.rule", contains("shift", "two-of-three")));
        }
        assertThat(roundsBeside()).as("rounds that ran beside the worker's own").isGreaterThan(before);
    }

    private static double roundsBeside() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith("pdsa_findings_backlog_rounds_total")).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(0.0);
    }
}
