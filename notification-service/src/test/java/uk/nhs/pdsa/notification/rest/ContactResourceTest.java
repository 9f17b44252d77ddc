package uk.nhs.pdsa.notification.rest;

import uk.nhs.pdsa.testing.TestTokens;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.nhs.pdsa.events.TestOrganisations;

@QuarkusTest
class ContactResourceTest {
    @org.junit.jupiter.api.BeforeEach
    void actAsAdmin() {
        TestTokens.actAs(TestTokens.NATIONAL); // the platform's admin, with every trust role too
    }

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void shouldCreateReadReplaceAndDeleteAContact() {
        String org = TestOrganisations.unique("K");
        var created = given().contentType(ContentType.JSON).body(Map.of("organisation", org, "name", "Dr C Lead",
                        "role", "clinical-lead", "email", "c.lead@nhs.net", "audits", List.of("nhfd")))
                .post("/api/v1/contacts").then().statusCode(201).body("version", equalTo(1))
                .body("delivery", equalTo("immediate")).body("eventTypes", hasSize(0)).extract();
        String id = created.path("id");
        given().get("/api/v1/contacts/" + id).then().statusCode(200).body("audits", containsInAnyOrder("nhfd"));
        given().contentType(ContentType.JSON).body(Map.of("organisation", org, "name", "Dr C Lead", "role", "clinical-lead",
                        "webhookUrl", "https://trust.example/hooks/pdsa", "webhookSecret", SECRET,
                        "eventTypes", List.of("nhs.pdsa.finding.raised.v1")))
                .put("/api/v1/contacts/" + id).then().statusCode(200).body("version", equalTo(2))
                .body("email", nullValue()).body("webhookUrl", equalTo("https://trust.example/hooks/pdsa"))
                .body("$", not(hasKey("webhookSecret")));
        given().get("/api/v1/contacts?organisation=" + org).then().body("items", hasSize(1)).body("total", equalTo(1));
        given().delete("/api/v1/contacts/" + id).then().statusCode(204);
        given().get("/api/v1/contacts/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    /** Contacts are listed a page at a time, with links to the other pages; a page out of range is refused. */
    @Test
    void shouldPageContactsWithLinks() {
        String org = TestOrganisations.unique("P");
        for (String role : List.of("clinical-lead", "medical-director", "chief-executive")) {
            given().contentType(ContentType.JSON).body(Map.of("organisation", org, "name", "The " + role, "role", role,
                    "email", role + "@paged.nhs.test")).post("/api/v1/contacts").then().statusCode(201);
        }
        String link = given().get("/api/v1/contacts?organisation=" + org + "&size=2").then().statusCode(200)
                .body("total", equalTo(3)).body("items", hasSize(2)).extract().header("Link");
        assertThat(link).contains("page=1>; rel=\"next\"", "page=1>; rel=\"last\"").doesNotContain("rel=\"prev\"");
        given().get("/api/v1/contacts?organisation=" + org + "&size=2&page=1").then().statusCode(200)
                .body("items", hasSize(1));
        given().get("/api/v1/contacts?organisation=" + org + "&size=501").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].pointer", equalTo("/size"));
        given().get("/api/v1/contacts?organisation=" + org + "&page=-1").then().statusCode(400)
                .body("errors[0].pointer", equalTo("/page"));
        for (String list : java.util.List.of("/api/v1/contacts", "/api/v1/notifications", "/api/v1/publications")) {
            given().get(list + "?page=2147483647&size=100").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].pointer", equalTo("/page"));
        }
    }

    /** A trust's administrator manages its own organisation's contacts, and sees no other's. */
    @Test
    void shouldLetATrustAdministratorManageItsOwnContactsOnly() {
        String own = TestOrganisations.unique("K");
        String other = TestOrganisations.unique("K");
        String theirs = given().contentType(ContentType.JSON).body(Map.of("organisation", other, "name", "Their lead",
                "role", "clinical-lead", "email", "lead@other.nhs.test")).post("/api/v1/contacts").then().statusCode(201)
                .extract().path("id");
        String mine = TestTokens.as(own, "trust-admin").contentType(ContentType.JSON).body(Map.of("organisation", own,
                "name", "Our lead", "role", "clinical-lead", "email", "lead@own.nhs.test")).post("/api/v1/contacts").then()
                .statusCode(201).extract().path("id");
        TestTokens.as(own, "trust-admin").get("/api/v1/contacts").then().statusCode(200).body("items.organisation", everyItem(equalTo(own)))
                .body("items.id", containsInAnyOrder(mine));
        TestTokens.as(own, "trust-admin").get("/api/v1/contacts?organisation=" + other).then().statusCode(200).body("items", hasSize(0));
        TestTokens.as(own, "trust-admin").get("/api/v1/contacts/" + theirs).then().statusCode(404)
                .contentType("application/problem+json");
        TestTokens.as(own, "trust-admin").contentType(ContentType.JSON).body(Map.of("organisation", other, "name", "Spy",
                "role", "clinical-lead", "email", "spy@own.nhs.test")).post("/api/v1/contacts").then().statusCode(403)
                .contentType("application/problem+json");
        // Moving its own contact to another organisation is refused, and changes nothing.
        TestTokens.as(own, "trust-admin").contentType(ContentType.JSON).body(Map.of("organisation", other, "name", "Our lead",
                "role", "clinical-lead", "email", "lead@own.nhs.test")).put("/api/v1/contacts/" + mine).then().statusCode(403);
        given().get("/api/v1/contacts/" + mine).then().body("organisation", equalTo(own)).body("version", equalTo(1));
        TestTokens.as(own, "trust-admin").delete("/api/v1/contacts/" + theirs).then().statusCode(404);
        given().get("/api/v1/contacts/" + theirs).then().statusCode(200);
        TestTokens.as(own, "trust-admin").delete("/api/v1/contacts/" + mine).then().statusCode(204);
    }

    @Test
    void shouldListEveryInvalidFieldAndStoreNothing() {
        String org = TestOrganisations.unique("K");
        Map<String, Object> bad = new HashMap<>();
        bad.put("organisation", org);
        bad.put("name", " ");
        bad.put("role", "ward-sister");
        bad.put("email", "not-an-address");
        bad.put("webhookUrl", "ftp://trust.example/hook");
        bad.put("webhookSecret", "secret");
        bad.put("eventTypes", List.of("nhs.pdsa.finding.raised.v1", "nhs.pdsa.unknown.v1"));
        bad.put("delivery", "weekly");
        given().contentType(ContentType.JSON).body(bad).post("/api/v1/contacts").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.pointer", containsInAnyOrder("/name", "/role", "/email", "/webhookUrl", "/webhookSecret",
                        "/eventTypes/1", "/delivery"));
        given().contentType(ContentType.JSON).body(Map.of("organisation", org, "name", "No channel", "role", "audit-lead"))
                .post("/api/v1/contacts").then().statusCode(400).body("errors[0].pointer", equalTo("/email"));
        given().contentType(ContentType.JSON).body(Map.of("organisation", org, "name", "Digest", "role", "audit-lead",
                        "email", "a@nhs.net", "delivery", "daily-digest"))
                .post("/api/v1/contacts").then().statusCode(201).body("delivery", equalTo("daily-digest"));
        given().get("/api/v1/contacts?organisation=" + org).then().body("items", hasSize(1)).body("total", equalTo(1));
    }

    /** A test message reaches the contact's email and webhook and is logged like any message. */
    @Test
    void shouldSendATestMessageOnEveryChannelOfAContact() throws Exception {
        try (uk.nhs.pdsa.notification.support.WebhookReceiver receiver =
                new uk.nhs.pdsa.notification.support.WebhookReceiver("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")) {
            String organisation = TestOrganisations.unique("M");
            String email = "test." + organisation.toLowerCase() + "@trust.nhs.test";
            String id = given().contentType(ContentType.JSON).body(Map.of("organisation", organisation, "name", "Audit lead",
                    "role", "audit-lead", "email", email, "webhookUrl", receiver.url("/ok"),
                    "webhookSecret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                    .post("/api/v1/contacts").then().statusCode(201).extract().path("id");
            List<String> sent = given().post("/api/v1/contacts/" + id + "/test-message").then().statusCode(202)
                    .body("notifications", hasSize(2)).extract().path("notifications");
            for (String notification : sent) {
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> given()
                        .get("/api/v1/notifications/" + notification).then().statusCode(200)
                        .body("status", equalTo("delivered")).body("eventType", equalTo("test")));
            }
            org.assertj.core.api.Assertions.assertThat(receiver.received("/ok")).singleElement()
                    .satisfies(r -> org.assertj.core.api.Assertions.assertThat(r.body()).contains("\"type\":\"test\""));
            org.assertj.core.api.Assertions.assertThat(uk.nhs.pdsa.testing.Mailbox.messages(email)).singleElement().asString()
                    .contains("Subject: Test message from the PDSA improvement platform");
            given().post("/api/v1/contacts/" + java.util.UUID.randomUUID() + "/test-message").then().statusCode(404);
        }
    }
}
