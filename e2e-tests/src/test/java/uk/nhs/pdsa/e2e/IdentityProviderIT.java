package uk.nhs.pdsa.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import uk.nhs.pdsa.testing.TestTokens;
import uk.nhs.pdsa.tokens.ProviderTokens;

/**
 * The packaged service trusts the real OpenID Connect provider of the test stack (Keycloak, realm pdsa imported
 * from local-stack/keycloak) by configuration alone: its JWKS address and issuer. A trust system signs in with
 * its own client (client credentials) and submits for its own trust only; people sign in with their realm
 * password and read their own organisation's results; a token the provider did not issue for this realm is 401.
 */
class IdentityProviderIT {
    private static final String PROVIDER = "http://localhost:" + System.getProperty("pdsa.keycloak.port", "18180");
    private static final ProviderTokens TOKENS = new ProviderTokens(PROVIDER);
    private static ServiceProcess ingest;

    @BeforeAll
    static void startIngest() throws Exception {
        ingest = new ServiceProcess("audit-ingest-service", 18095, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", System.getProperty("pdsa.kafka", "127.0.0.1:19092"),
                "DB_PORT", System.getProperty("pdsa.pg.port", "55433"),
                "DB_NAME", "e2e_identity",
                "JWT_PUBLIC_KEY_LOCATION", TOKENS.issuer() + "/protocol/openid-connect/certs",
                "JWT_ISSUER", TOKENS.issuer()), Path.of(System.getProperty("pdsa.logs", "target/e2e-logs"), "identity"));
        ingest.start();
    }

    @AfterAll
    static void stopIngest() throws Exception {
        if (ingest != null) {
            ingest.stop();
        }
    }

    private static RequestSpecification as(String token) {
        return given().baseUri(ingest.url()).header("Authorization", "Bearer " + token);
    }

    @Test
    void shouldTrustTheProvidersTokensForSystemsAndPeopleAndNothingElse() throws Exception {
        String audit = "idp-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        String admin = TOKENS.forClient("pdsa-sample-loader", "pdsa-sample-loader-local-secret");
        as(admin).contentType(ContentType.JSON).body(Map.of("title", "Provider check", "specialty", "orthopaedics",
                "metrics", List.of(Map.of("code", "within-36h", "title", "Surgery within 36 hours", "type", "proportion",
                        "direction", "higher-is-better")))).put("/api/v1/audits/" + audit).then().statusCode(201);
        for (String trust : List.of("RXH", "RJ1")) {
            as(admin).contentType(ContentType.JSON).body(Map.of("name", trust + " trust", "type", "trust"))
                    .put("/api/v1/organisations/" + trust).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        }

        // RXH's audit system: client credentials, role submitter, org RXH from its client.
        String system = TOKENS.forClient("rxh-system", "rxh-system-local-secret");
        String id = as(system).contentType(ContentType.JSON).body(result(audit, "RXH"))
                .post("/api/v1/audit-results").then().statusCode(201).extract().path("id");
        as(system).contentType(ContentType.JSON).body(result(audit, "RJ1")).post("/api/v1/audit-results").then()
                .statusCode(403).body("type", equalTo("https://pdsa.nhs.uk/problems/forbidden-organisation"));

        // People sign in with their realm password; the org claim comes from their organisation's group.
        as(TOKENS.signIn("rxh.clinical-lead")).get("/api/v1/audit-results?audit=" + audit).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].organisation", equalTo("RXH"));
        as(TOKENS.signIn("rj1.clinical-lead")).get("/api/v1/audit-results/" + id).then().statusCode(404);

        // ./platform token adds a person on demand: organisation from a group, roles as asked.
        String added = TOKENS.forPerson("token-e2e-rj1-submitter", "RJ1", List.of("submitter"),
                System.getProperty("pdsa.keycloak.admin-password", "admin"));
        as(added).contentType(ContentType.JSON).body(result(audit, "RJ1")).post("/api/v1/audit-results").then()
                .statusCode(201);
        as(added).contentType(ContentType.JSON).body(result(audit, "RXH")).post("/api/v1/audit-results").then()
                .statusCode(403);

        // Not this provider's realm, or not the provider at all: 401.
        as(TestTokens.token("RXH", "viewer")).get("/api/v1/audit-results/" + id).then().statusCode(401);
        as(TOKENS.providerAdmin(System.getProperty("pdsa.keycloak.admin-password", "admin"))).get("/api/v1/audit-results/" + id).then().statusCode(401);
    }

    private static Map<String, Object> result(String audit, String trust) {
        return Map.of("audit", audit, "metric", "within-36h", "organisation", trust, "period", "2026-01",
                "numerator", 41, "denominator", 52);
    }
}
