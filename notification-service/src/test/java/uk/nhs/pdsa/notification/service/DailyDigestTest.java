package uk.nhs.pdsa.notification.service;

import uk.nhs.pdsa.testing.TestTokens;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.events.TestFindings;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.Mailbox;

/** A contact who chose a daily digest gets one email gathering the day's messages, and nothing in between. */
@QuarkusTest
class DailyDigestTest {
    @org.junit.jupiter.api.BeforeEach
    void actAsAdmin() {
        TestTokens.actAs(TestTokens.NATIONAL); // the platform's admin, with every trust role too
    }

    private final EventProbe probe = new EventProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    @Inject
    ObjectMapper json;
    @Inject
    DailyDigest digest;

    @Test
    void shouldGatherTheDaysMessagesIntoOneEmail() throws Exception {
        String organisation = TestOrganisations.unique("G");
        String lead = "digest." + organisation.toLowerCase(Locale.ROOT) + "@trust.test";
        given().contentType(ContentType.JSON).body(Map.of("organisation", organisation, "name", "Dr Digest", "role",
                "clinical-lead", "email", lead, "delivery", "daily-digest")).post("/api/v1/contacts").then().statusCode(201);
        for (String ward : new String[] {"ward-1", "ward-2"}) {
            FindingState f = TestFindings.specialCause(organisation, ward, "2025-09", "special-cause-concern", 0.6, 0.8);
            probe.send(EventType.FINDING_RAISED, f.key(), "finding", json.writeValueAsString(f));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/v1/notifications?organisation=" + organisation).then().body("total", equalTo(2))
                .body("items.status", everyItem(equalTo("created"))));
        Thread.sleep(1500); // the delivery worker polls every 0.5 s in tests: nothing may go out before the digest
        assertThat(Mailbox.messages(lead)).isEmpty();

        assertThat(digest.run(Instant.now())).isGreaterThanOrEqualTo(1);
        assertThat(digest.run(Instant.now())).isZero();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Mailbox.messages(lead)).hasSize(1));
        String mail = Mailbox.messages(lead).get(0);
        assertThat(mail).contains("Subject: Your daily summary for", ": 2 messages",
                "Concern: surgery-within-36h at ward-1 (" + organisation + ") in 2025-09",
                "Concern: surgery-within-36h at ward-2 (" + organisation + ") in 2025-09");
        given().get("/api/v1/notifications?organisation=" + organisation + "&status=delivered").then()
                .body("total", equalTo(3)).body("items.findAll { it.eventType != 'digest' }.reason",
                        everyItem(startsWith("sent in the daily digest ")));
    }
}
