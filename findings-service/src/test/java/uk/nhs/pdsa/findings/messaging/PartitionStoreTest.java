package uk.nhs.pdsa.findings.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.ProducerRecord;
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
 * Polls stored a partition at a time, side by side (here every poll of two records or more that spans partitions,
 * as a rebuild's polls of thousands do): each metric's wards, the trust's sums of them and revisions that arrive in
 * later polls come out as they do from one transaction a poll.
 */
@QuarkusTest
@TestProfile(PartitionStoreTest.SplitEveryPoll.class)
class PartitionStoreTest {
    public static class SplitEveryPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pdsa.findings.store.split-at", "2");
        }
    }

    private static final int METRICS = 8;
    private static final int WARDS = 3;
    private static final int MONTHS = 12;

    private final EventProbe probe = new EventProbe(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    @Inject
    ObjectMapper json;

    @Test
    void shouldStoreEachPartitionOfAPollInItsOwnTransactionAndSumTheTrustsAsOneWould() throws Exception {
        String trust = TestOrganisations.unique("P");
        TestTokens.actAs(trust);
        List<String> metrics = IntStream.range(0, METRICS).mapToObj(m -> "split-" + m + "-" + trust.toLowerCase(Locale.ROOT))
                .toList();
        double splitBefore = splitPolls();
        // Every metric's wards, all months, sent at once: the consumer's polls span the metrics' partitions.
        List<ProducerRecord<String, String>> first = new ArrayList<>();
        for (int month = 1; month <= MONTHS; month++) {
            for (String metric : metrics) {
                for (int ward = 1; ward <= WARDS; ward++) {
                    first.add(result(metric, trust, ward, month, 10 * ward + month, 1));
                }
            }
        }
        probe.sendRecords(first);
        // A second revision of ward 2's months in every metric, sent after: the sums take it.
        List<ProducerRecord<String, String>> revised = new ArrayList<>();
        for (String metric : metrics) {
            for (int month = 1; month <= MONTHS; month++) {
                revised.add(result(metric, trust, 2, month, 5, 2));
            }
        }
        probe.sendRecords(revised);
        for (String metric : metrics) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                    .get("/api/v1/spc?audit=nhfd&metric=" + metric + "&organisation=" + trust).then().statusCode(200)
                    .body("points", hasSize(MONTHS))
                    // The trust's month m: ward 1 (10 + m) + ward 2's revision (5) + ward 3 (30 + m), of 3 × 100.
                    .body("points.numerator", contains(IntStream.rangeClosed(1, MONTHS).map(m -> 45 + 2 * m).boxed()
                            .toArray()))
                    .body("points[0].denominator", equalTo(300)));
            given().get("/api/v1/spc?audit=nhfd&metric=" + metric + "&organisation=" + trust + "&microsystem=ward-2")
                    .then().statusCode(200).body("points.numerator", contains(IntStream.rangeClosed(1, MONTHS)
                            .map(m -> 5).boxed().toArray()));
        }
        assertThat(splitPolls()).as("polls stored a partition at a time").isGreaterThan(splitBefore);
    }

    private static double splitPolls() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("pdsa_findings_result_polls_split_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private ProducerRecord<String, String> result(String metric, String trust, int ward, int month, long numerator,
            int revision) throws Exception {
        String period = String.format("2024-%02d", month);
        String microsystem = "ward-" + ward;
        UUID resultId = UUID.nameUUIDFromBytes((metric + trust + microsystem + period).getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        AuditResultRecorded event = new AuditResultRecorded(resultId, revision, "nhfd", metric, MetricType.PROPORTION,
                "higher-is-better", new BigDecimal("0.75"), trust, microsystem, period, numerator, 100L, null,
                Instant.now());
        return EventProbe.cloudEvent(EventType.AUDIT_RESULT_RECORDED, UUID.randomUUID().toString(), "nhfd/" + metric,
                event.seriesKey().withPeriod(period), json.writeValueAsString(event), null);
    }
}
