package uk.nhs.pdsa.notification.delivery;

import uk.nhs.pdsa.testing.TestTokens;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.events.TestFindings;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.notification.support.WebhookReceiver;
import uk.nhs.pdsa.notification.support.WithWebhookReceiver;

/** Signed webhooks to a real local receiver: retries under one webhook-id, dead letter, 410 disabling (retries 1s,1s,1s in tests). */
@QuarkusTest
class WebhookDeliveryTest extends WithWebhookReceiver {
    @org.junit.jupiter.api.BeforeEach
    void actAsAdmin() {
        TestTokens.actAs(TestTokens.NATIONAL); // the platform's admin, with every trust role too
    }

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final EventProbe probe = new EventProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    /** A trust whose clinical lead is a webhook at {@code path}; a concern is raised for it. Returns the organisation. */
    private String concernFor(String path) throws Exception {
        return concernFor(path, null);
    }

    /** As above, the concern's event written in the trace {@code traceparent} names. */
    private String concernFor(String path, String traceparent) throws Exception {
        String organisation = TestOrganisations.unique("W");
        given().contentType(ContentType.JSON).body(Map.of("organisation", organisation, "name", "Trust system",
                "role", "clinical-lead", "webhookUrl", receiver.url(path), "webhookSecret", SECRET))
                .post("/api/v1/contacts").then().statusCode(201);
        FindingState concern = TestFindings.specialCause(organisation, "ward-1", "2025-09", "special-cause-concern", 0.6, 0.79);
        probe.send(EventType.FINDING_RAISED, java.util.UUID.randomUUID().toString(), concern.key(), "finding",
                JSON.writeValueAsString(concern), traceparent);
        return organisation;
    }

    private static JsonNode notification(String organisation) {
        return given().get("/api/v1/notifications?organisation=" + organisation).then().extract().jsonPath()
                .getList("items", Map.class).stream().findFirst().map(m -> JSON.valueToTree(m)).map(JsonNode.class::cast)
                .orElse(JSON.missingNode());
    }

    @Test
    void shouldDeliverASignedWebhookToAReceiverThatVerifiesIt() throws Exception {
        String organisation = concernFor("/ok/a");
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received("/ok/a").size() == 1);
        WebhookReceiver.Received r = receiver.received("/ok/a").get(0);
        assertThat(r.signatureValid()).isTrue();
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("type").asText()).isEqualTo("nhs.pdsa.finding.raised.v1");
        assertThat(body.path("data").path("subject").asText()).startsWith("Concern: surgery-within-36h at ward-1 (" + organisation);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(notification(organisation).path("status").asText())
                .isEqualTo("delivered"));
        assertThat(r.id()).isEqualTo(notification(organisation).path("id").asText());
    }

    /**
     * A pass sends its batch at once: receivers that each take half a second are held together, and every
     * notification is recorded delivered after one attempt.
     */
    @Test
    void shouldSendTheDueNotificationsAtOnceAndRecordEachOutcome() throws Exception {
        List<String> organisations = new java.util.ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            organisations.add(concernFor("/slow/" + i));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(organisations)
                .allSatisfy(o -> assertThat(notification(o).path("status").asText()).isEqualTo("delivered")));
        assertThat(receiver.mostHeldAtOnce()).isGreaterThan(1);
        for (String organisation : organisations) {
            given().get("/api/v1/notifications/" + notification(organisation).path("id").asText()).then()
                    .body("attempts", equalTo(1)).body("history.status", contains("delivered"));
        }
        for (int i = 1; i <= 6; i++) {
            assertThat(receiver.received("/slow/" + i)).singleElement().satisfies(r -> assertThat(r.answered()).isEqualTo(204));
        }
    }

    /**
     * The delivery joins the trace of the finding's event: every attempt is a span of that trace, and the receiver is
     * handed its context (W3C traceparent) to continue it.
     */
    @Test
    void shouldDeliverInTheTraceOfTheEventThatCausedIt() throws Exception {
        String finding = EventProbe.newTraceparent();
        concernFor("/flaky-1/t", finding);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received("/flaky-1/t").size() == 2);
        List<String> attempts = receiver.received("/flaky-1/t").stream().map(WebhookReceiver.Received::traceparent).toList();
        assertThat(attempts).allSatisfy(t -> assertThat(t).matches("00-" + EventProbe.traceId(finding) + "-[0-9a-f]{16}-01"))
                .doesNotContain(finding).doesNotHaveDuplicates();
    }

    @Test
    void shouldRetryAFailingReceiverUnderTheSameWebhookIdUntilItAccepts() throws Exception {
        String organisation = concernFor("/flaky-2/b");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(notification(organisation).path("status").asText())
                .isEqualTo("delivered"));
        List<WebhookReceiver.Received> requests = receiver.received("/flaky-2/b");
        assertThat(requests).extracting(WebhookReceiver.Received::answered).containsExactly(503, 503, 204);
        assertThat(requests).extracting(WebhookReceiver.Received::id).containsOnly(requests.get(0).id());
        assertThat(requests).allMatch(WebhookReceiver.Received::signatureValid);
        String id = notification(organisation).path("id").asText();
        given().get("/api/v1/notifications/" + id).then().body("attempts", equalTo(3))
                .body("history.status", contains("temporary-failure", "temporary-failure", "delivered"))
                .body("history[0].detail", equalTo("the endpoint answered 503"));
    }

    @Test
    void shouldDeadLetterAfterEveryRetryAndLetAnAdminRetryIt() throws Exception {
        String organisation = concernFor("/down/c");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(notification(organisation).path("status").asText())
                .isEqualTo("permanent-failure"));
        String id = notification(organisation).path("id").asText();
        given().get("/api/v1/notifications/" + id).then().body("attempts", equalTo(4))
                .body("reason", startsWith("dead letter: every retry used (4 attempts); last: the endpoint answered 500"));
        assertThat(receiver.received("/down/c")).hasSize(4);
        // The dead letter shows in the metrics the alert rules watch.
        Thread.sleep(5_100);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics.lines().filter(l -> l.startsWith("pdsa_notifications_failed ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))).hasValueSatisfying(v -> assertThat(v)
                        .isGreaterThanOrEqualTo(1));
        assertThat(metrics).contains("pdsa_notifications_retrying ", "pdsa_outbox_pending ");

        given().post("/api/v1/notifications/" + id + "/retry").then().statusCode(200).body("status", equalTo("created"));
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/down/c").size() == 5);
        assertThat(receiver.received("/down/c")).extracting(WebhookReceiver.Received::id).containsOnly(id);
        given().post("/api/v1/notifications/" + java.util.UUID.randomUUID() + "/retry").then().statusCode(404);
    }

    @Test
    void shouldDisableAnEndpointThatAnswers410() throws Exception {
        String organisation = concernFor("/gone/d");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(notification(organisation).path("status").asText())
                .isEqualTo("permanent-failure"));
        assertThat(receiver.received("/gone/d")).hasSize(1);
        given().get("/api/v1/contacts?organisation=" + organisation).then().body("items[0].webhookDisabledAt", notNullValue());
        // The next message finds no channel open for the lead: nothing more is posted.
        FindingState another = TestFindings.specialCause(organisation, "ward-7", "2025-10", "special-cause-concern", 0.6, 0.79);
        probe.send(EventType.FINDING_RAISED, another.key(), "finding", JSON.writeValueAsString(another));
        Thread.sleep(2000);
        assertThat(receiver.received("/gone/d")).hasSize(1);
    }
}
