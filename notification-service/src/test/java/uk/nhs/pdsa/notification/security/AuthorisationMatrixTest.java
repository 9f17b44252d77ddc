package uk.nhs.pdsa.notification.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.nhs.pdsa.testing.AuthorisationMatrix.rule;

import java.time.Duration;
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
import uk.nhs.pdsa.testing.AuthorisationMatrix;
import uk.nhs.pdsa.testing.AuthorisationMatrix.Scope;
import uk.nhs.pdsa.testing.TestTokens;

/** Every operation of this service's OpenAPI document x role x own/other organisation x bad tokens. */
@QuarkusTest
class AuthorisationMatrixTest {
    private static final String[] PUBLIC_READERS = { "viewer", "improvement-lead", "college", "patient-group", "admin" };
    private static final String[] NOTIFICATION_READERS = { "viewer", "improvement-lead", "trust-admin", "admin" };
    /** The platform's admin (every organisation) and a trust's admin (its own). */
    private static final String[] CONTACT_ADMINS = { "admin", "trust-admin" };
    @Inject
    ObjectMapper json;

    @Test
    void shouldLeakNothingToAnyRoleOrOrganisation() throws Exception {
        String own = TestOrganisations.unique("M");
        String other = TestOrganisations.unique("N");
        String email = "lead." + own.toLowerCase(Locale.ROOT) + "@trust.nhs.test";
        String contactBody = json.writeValueAsString(Map.of("organisation", own, "name", "Clinical lead of " + own,
                "role", "clinical-lead", "email", email));
        String contact = TestTokens.admin().contentType(ContentType.JSON).body(contactBody).post("/api/v1/contacts").then()
                .statusCode(201).extract().path("id");
        FindingState outlier = TestFindings.lowOutlier(own, "2025-12", "alert", 0.6, 0.78);
        new EventProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))
                .send(EventType.FINDING_RAISED, outlier.key(), outlier.key(), json.writeValueAsString(outlier));
        String notification = await().atMost(Duration.ofSeconds(20)).until(() -> TestTokens.as(own, "viewer")
                .get("/api/v1/notifications").then().statusCode(200).extract().<String>path("items[0].id"), id -> id != null);
        // The matrix reads the notification back around every refused request: its delivery must be over first.
        await().atMost(Duration.ofSeconds(30)).until(() -> TestTokens.as(own, "viewer").get("/api/v1/notifications/"
                + notification).then().statusCode(200).extract().<String>path("status"),
                status -> "delivered".equals(status) || String.valueOf(status).endsWith("-failure") && !"temporary-failure".equals(status));
        String finding = outlier.findingId().toString();
        String publish = "{\"findingId\": \"" + finding + "\"}";
        TestTokens.admin().contentType(ContentType.JSON).body(publish).post("/api/v1/publications").then().statusCode(201);
        String document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();

        AuthorisationMatrix.Report report = new AuthorisationMatrix("notification-service", document)
                .callers(own, other, TestOrganisations.unique("R"), TestOrganisations.unique("R"), "HWENG")
                .markers(notification, email)
                .readBack("/api/v1/notifications/" + notification)
                .rule("GET /api/v1/contacts", rule(Scope.LIST, CONTACT_ADMINS))
                .rule("GET /api/v1/contacts/{id}", rule(Scope.OBJECT, CONTACT_ADMINS).path("id", contact))
                .rule("POST /api/v1/contacts", rule(Scope.OBJECT, CONTACT_ADMINS).deniedToOthersAs(403).body(json.writeValueAsString(Map.of(
                        "organisation", own, "name", "Medical director", "role", "medical-director",
                        "email", "md." + own.toLowerCase(Locale.ROOT) + "@trust.nhs.test"))))
                .rule("PUT /api/v1/contacts/{id}", rule(Scope.OBJECT, CONTACT_ADMINS).path("id", contact).body(contactBody))
                .rule("POST /api/v1/contacts/{id}/test-message", rule(Scope.OBJECT, CONTACT_ADMINS).path("id", contact))
                .rule("DELETE /api/v1/contacts/{id}", rule(Scope.OBJECT, CONTACT_ADMINS).path("id", contact))
                .rule("GET /api/v1/notifications", rule(Scope.LIST, NOTIFICATION_READERS))
                .rule("GET /api/v1/notifications/{id}", rule(Scope.OBJECT, NOTIFICATION_READERS).path("id", notification))
                .rule("POST /api/v1/notifications/{id}/retry", rule(Scope.GLOBAL, "admin").path("id", notification))
                .rule("GET /api/v1/publications", rule(Scope.GLOBAL, PUBLIC_READERS))
                .rule("GET /api/v1/publications/{findingId}", rule(Scope.GLOBAL, PUBLIC_READERS).path("findingId", finding))
                .rule("POST /api/v1/publications", rule(Scope.GLOBAL, "admin").body(publish))
                .rule("DELETE /api/v1/publications/{findingId}", rule(Scope.GLOBAL, "admin").path("findingId", finding))
                .rule("GET /api/v1/templates", rule(Scope.GLOBAL, CONTACT_ADMINS))
                .rule("GET /api/v1/templates/{audience}/{name}/preview", rule(Scope.GLOBAL, CONTACT_ADMINS)
                        .path("audience", "trust").path("name", "finding").query("format", "text"))
                .rule("GET /api/v1/audit-trail", rule(Scope.GLOBAL, "admin"))
                .also(m -> uk.nhs.pdsa.testing.RejectedEventFixture.rules(m,
                        io.quarkus.arc.Arc.container().instance(javax.sql.DataSource.class).get()))
                .run();

        assertThat(report.failures()).isEmpty();
        assertThat(report.leaks()).isEmpty();
        // Withdrawn: no longer published, so gone for everyone but admins.
        TestTokens.as("HWENG", "patient-group").get("/api/v1/publications/" + finding).then().statusCode(404);
        TestTokens.admin().get("/api/v1/publications/" + finding).then().statusCode(200);
    }
}
