package uk.nhs.pdsa.findings.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import uk.nhs.pdsa.events.AuditResultRecorded;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.metrics.MetricType;
import uk.nhs.pdsa.testing.ScramListener;
import uk.nhs.pdsa.testing.TestTokens;

/**
 * The messaging channels sign in too: with the settings a deployment gives, findings consumes audit results from the
 * local stack's SCRAM-SHA-512 listener (user pdsa-local) and charts them. The results are sent on the plain listener.
 */
@QuarkusTest
@TestProfile(ScramListener.Profile.class)
class KafkaScramTest {
    private static final String PLAIN = ScramListener.PLAIN;
    private static final String SCRAM = ScramListener.ADDRESS;

    @Inject
    ObjectMapper json;

    @Test
    void shouldConsumeAndChartThroughAListenerThatDemandsScram() throws Exception {
        String trust = TestOrganisations.unique("K");
        TestTokens.actAs(trust);
        String metric = "scram-" + trust.toLowerCase(Locale.ROOT);
        EventProbe probe = new EventProbe(PLAIN);
        for (int month = 1; month <= 3; month++) {
            AuditResultRecorded event = new AuditResultRecorded(UUID.randomUUID(), 1, "nhfd", metric, MetricType.PROPORTION,
                    "higher-is-better", new BigDecimal("0.75"), trust, "ward-1", String.format("2024-%02d", month), 30L,
                    40L, null, Instant.now());
            probe.send(EventType.AUDIT_RESULT_RECORDED, UUID.randomUUID().toString(), "nhfd/" + metric,
                    event.seriesKey().withPeriod(event.period()), json.writeValueAsString(event));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/api/v1/spc?audit=nhfd&metric=" + metric + "&organisation=" + trust + "&microsystem=ward-1")
                .then().statusCode(200).body("points", hasSize(3)));
        // The consumers' lag, which the alert rules watch, is among the metrics (Micrometer's Kafka client metrics).
        org.assertj.core.api.Assertions.assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("kafka_consumer_fetch_manager_records_lag_max{");
    }
}
