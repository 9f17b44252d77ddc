package uk.nhs.pdsa.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import uk.nhs.pdsa.events.CloudEventHeaders;
import uk.nhs.pdsa.events.EventExamples;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.events.Topics;

/**
 * Rows committed by another replica (here: another connection, as another JVM would) reach the topic at once
 * through PostgreSQL NOTIFY; with the relay's poll pushed out of reach, a row committed without a NOTIFY stays put.
 */
@QuarkusTest
@TestProfile(OutboxListenerTest.SlowPoll.class)
class OutboxListenerTest {

    public static class SlowPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pdsa.outbox.poll-interval", "1h", "pdsa.outbox.poll-delay", "1h");
        }
    }

    @Test
    void shouldPublishRowsWrittenByAnotherReplicaWhenNotifiedAndOnlyThen() throws Exception {
        EventProbe probe = new EventProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        String silent = insertFromAnotherConnection(false);
        assertThat(probe.find(Topics.AUDIT_RESULTS, r -> silent.equals(EventProbe.header(r, CloudEventHeaders.ID)),
                Duration.ofSeconds(3))).as("no poll, no notification: not published yet").isEmpty();

        // The operator's view of it: the outbox holds an event that has waited (the alert rules watch these).
        Thread.sleep(1_000);
        String metrics = io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(gauge(metrics, "pdsa_outbox_pending")).isGreaterThanOrEqualTo(1);
        assertThat(gauge(metrics, "pdsa_outbox_oldest_age_seconds")).isGreaterThan(0.5);

        Instant committed = Instant.now();
        String notified = insertFromAnotherConnection(true);
        var record = probe.find(Topics.AUDIT_RESULTS, r -> notified.equals(EventProbe.header(r, CloudEventHeaders.ID)),
                Duration.ofSeconds(15));
        assertThat(record).isPresent();
        assertThat(Duration.between(committed, Instant.ofEpochMilli(record.get().timestamp()))).isLessThan(Duration.ofSeconds(5));
        // The relay took every pending row once woken, the silent one too.
        assertThat(probe.find(Topics.AUDIT_RESULTS, r -> silent.equals(EventProbe.header(r, CloudEventHeaders.ID)),
                Duration.ofSeconds(5))).isPresent();
    }

    /** A gauge's value in the Prometheus text format (its first sample line). */
    static double gauge(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{")).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElseThrow(
                        () -> new AssertionError(name + " is not among the metrics"));
    }

    private static String insertFromAnotherConnection(boolean notify) throws Exception {
        var config = ConfigProvider.getConfig();
        String subject = "nhfd/surgery-within-36h/" + TestOrganisations.unique("N") + "@2025-01";
        String eventId = UUID.randomUUID().toString();
        try (Connection other = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class))) {
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement("insert into outbox_event (event_id, topic, message_key,"
                    + " ce_type, subject, payload, occurred_at) values (cast(? as uuid), ?, 'nhfd/surgery-within-36h', ?, ?, ?, now())")) {
                insert.setString(1, eventId);
                insert.setString(2, Topics.AUDIT_RESULTS);
                insert.setString(3, EventType.AUDIT_RESULT_RECORDED.ceType());
                insert.setString(4, subject);
                insert.setString(5, EventExamples.first(EventType.AUDIT_RESULT_RECORDED));
                insert.executeUpdate();
            }
            if (notify) {
                other.createStatement().execute("select pg_notify('pdsa_outbox', '')");
            }
            other.commit();
        }
        return eventId;
    }
}
