package uk.nhs.pdsa.notification.service;

import uk.nhs.pdsa.testing.TestTokens;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.Mailbox;

/** A message whose template cannot render is kept as a technical failure, not lost, and an admin can retry it. */
@QuarkusTest
class TechnicalFailureTest {
    @org.junit.jupiter.api.BeforeEach
    void actAsAdmin() {
        TestTokens.actAs(TestTokens.NATIONAL); // the platform's admin, with every trust role too
    }

    @Inject
    DeliveryLog log;

    @Test
    void shouldKeepAMessageWhoseTemplateFailsForAnAdminToRetry() {
        String organisation = TestOrganisations.unique("T");
        String lead = "lead." + organisation.toLowerCase(Locale.ROOT) + "@trust.test";
        given().contentType(ContentType.JSON).body(Map.of("organisation", organisation, "name", "Lead", "role",
                "clinical-lead", "email", lead)).post("/api/v1/contacts").then().statusCode(201);
        Message broken = new Message(organisation, Message.TRUST, "clinical-lead", "Concern: a test", "Plain words.")
                .withTemplate("trust/missing");
        QuarkusTransaction.requiringNew().run(() -> log.record("test:" + UUID.randomUUID(), "nhs.pdsa.finding.raised.v1",
                "nhfd", List.of(broken)));

        String id = given().get("/api/v1/notifications?organisation=" + organisation + "&status=technical-failure").then()
                .body("total", equalTo(1)).body("items[0].reason", startsWith("template trust/missing failed"))
                .extract().path("items[0].id");
        assertThat(Mailbox.messages(lead)).isEmpty();
        given().post("/api/v1/notifications/" + id + "/retry").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Mailbox.messages(lead)).singleElement()
                .satisfies(m -> assertThat(m).contains("Subject: Concern: a test", "Plain words.")));
        given().get("/api/v1/notifications/" + id).then().body("status", equalTo("delivered"));
    }
}
