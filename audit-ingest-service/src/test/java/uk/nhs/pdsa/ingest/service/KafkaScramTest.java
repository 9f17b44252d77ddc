package uk.nhs.pdsa.ingest.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import uk.nhs.pdsa.events.CloudEventHeaders;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.Topics;
import uk.nhs.pdsa.ingest.support.IngestFixtures;
import uk.nhs.pdsa.testing.ScramListener;

/**
 * A broker that demands SCRAM-SHA-512, as a deployed cluster does: the local stack's second listener (user
 * pdsa-local). Given the settings a deployment gives (KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_JAAS_CONFIG), the service's
 * own clients sign in: the readiness check reaches the broker and the outbox relay publishes an accepted result. The
 * listener refuses a wrong password, so the sign-in is real.
 */
@QuarkusTest
@TestProfile(ScramListener.Profile.class)
class KafkaScramTest {
    private static final String PLAIN = ScramListener.PLAIN;
    private static final String SCRAM = ScramListener.ADDRESS;

    @Test
    void shouldPublishThroughAListenerThatDemandsScram() throws Exception {
        assertThat(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class)).isEqualTo(SCRAM);
        given().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("Kafka broker"))
                .body("checks.find { it.name == 'Kafka broker' }.status", equalTo("UP"));
        IngestFixtures.hipFractureAudit();
        String organisation = IngestFixtures.trust("S", "ward-1");
        String id = given().contentType(ContentType.JSON)
                .body(IngestFixtures.proportion(organisation, "ward-1", "2025-02", 30, 40))
                .post("/api/v1/audit-results").then().statusCode(201).extract().path("id");
        // Read back on the plain listener: the event is on the topic, published by the relay signed in with SCRAM.
        EventProbe probe = new EventProbe(PLAIN);
        assertThat(probe.find(Topics.AUDIT_RESULTS, r -> String.valueOf(EventProbe.header(r, CloudEventHeaders.SUBJECT))
                .contains("/" + organisation + "/"), Duration.ofSeconds(20)))
                .as("result " + id + " published").isPresent();
    }

    @Test
    void shouldRefuseAWrongPassword() {
        Map<String, Object> wrong = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SCRAM,
                AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", ScramListener.login("not-the-password"),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(wrong)) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(org.apache.kafka.common.errors.SaslAuthenticationException.class);
        }
    }
}
