package uk.nhs.pdsa.notification.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.events.TestFindings;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.notification.support.HungMailServer;
import uk.nhs.pdsa.notification.support.WebhookReceiver;
import uk.nhs.pdsa.notification.support.WithWebhookReceiver;
import uk.nhs.pdsa.testing.TestTokens;

/**
 * A mail server that hangs holds only the sends it is given: a webhook to the same lead is delivered, and retried,
 * while the email to that lead is still waiting for the server's greeting (the mailer's timeout here is 40 s, the
 * webhook's retries 1 s apart).
 */
@QuarkusTest
@TestProfile(HungMailServerTest.MailServerHangs.class)
class HungMailServerTest extends WithWebhookReceiver {
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /**
     * The mailer points at {@link HungMailServer}; more senders than the emails earlier tests may have left due; the
     * application stops without waiting out the hung sends (their rows are due again after the lease).
     */
    public static class MailServerHangs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String port = String.valueOf(HungMailServer.get().port());
            return Map.of("quarkus.mailer.port", port, "%test.quarkus.mailer.port", port, "quarkus.mailer.timeout", "40s",
                    "pdsa.delivery.concurrency", "32", "pdsa.workers.shutdown-timeout", "1s");
        }
    }

    @BeforeEach
    void actAsAdmin() {
        TestTokens.actAs(TestTokens.NATIONAL);
    }

    @Test
    void shouldDeliverAndRetryAWebhookWhileAnEmailHangs() throws Exception {
        String organisation = TestOrganisations.unique("H");
        given().contentType(ContentType.JSON).body(Map.of("organisation", organisation, "name", "Clinical lead",
                "role", "clinical-lead", "email", "lead." + organisation.toLowerCase() + "@trust.test",
                "webhookUrl", receiver.url("/flaky-2/h"), "webhookSecret", SECRET))
                .post("/api/v1/contacts").then().statusCode(201);
        FindingState concern = TestFindings.specialCause(organisation, "ward-1", "2025-09", "special-cause-concern", 0.6, 0.79);
        new EventProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))
                .send(EventType.FINDING_RAISED, UUID.randomUUID().toString(), concern.key(), "finding",
                        JSON.writeValueAsString(concern), null);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(status(organisation, "webhook"))
                .isEqualTo("delivered"));
        assertThat(receiver.received("/flaky-2/h")).extracting(WebhookReceiver.Received::answered)
                .containsExactly(503, 503, 204);
        // The email was claimed with the webhook's first attempt and is still waiting on the server.
        assertThat(status(organisation, "email")).isEqualTo("sending");
        assertThat(HungMailServer.get().connections()).isPositive();
        String webhook = notification(organisation, "webhook").get("id").toString();
        given().get("/api/v1/notifications/" + webhook).then()
                .body("history.status", contains("temporary-failure", "temporary-failure", "delivered"));
    }

    private static String status(String organisation, String channel) {
        return String.valueOf(notification(organisation, channel).get("status"));
    }

    @SuppressWarnings("rawtypes")
    private static Map notification(String organisation, String channel) {
        List<Map> items = given().get("/api/v1/notifications?organisation=" + organisation).then().statusCode(200)
                .extract().jsonPath().getList("items", Map.class);
        return items.stream().filter(m -> channel.equals(m.get("channel"))).findFirst().orElse(Map.of());
    }
}
