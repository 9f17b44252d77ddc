package uk.nhs.pdsa.notification.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.notification.delivery.SecretResealing;
import uk.nhs.pdsa.testing.TestTokens;

/** A contact's webhook secret is stored sealed, never answered, and a secret stored in plain text is sealed at start. */
@QuarkusTest
class WebhookSecretAtRestTest {

    @Test
    void shouldStoreTheSecretSealedAndNeverAnswerIt() throws Exception {
        String org = TestOrganisations.unique("W");
        String secret = "whsec_" + Base64.getEncoder().encodeToString("a webhook secret of 32 bytes....".getBytes());
        String id = TestTokens.as(org, "trust-admin").contentType("application/json")
                .body(Map.of("organisation", org, "name", "Hook", "role", "clinical-lead",
                        "webhookUrl", "http://127.0.0.1:9/hook", "webhookSecret", secret))
                .post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        String stored = stored(id);
        assertThat(stored).startsWith("enc:v1:test:").doesNotContain(secret.substring(6));
        String answer = TestTokens.as(org, "trust-admin").get("/api/v1/contacts/" + id).then().statusCode(200)
                .extract().asString();
        assertThat(answer).doesNotContain(secret.substring(6)).doesNotContain(stored);

        // A secret stored before sealing existed is sealed when the service starts (the same step run again here).
        try (var c = database().getConnection(); var s = c.prepareStatement("update contact set webhook_secret = ? where cast(id as text) = ?")) {
            s.setString(1, secret);
            s.setString(2, id);
            s.executeUpdate();
        }
        Arc.container().instance(SecretResealing.class).get().resealNow();
        assertThat(stored(id)).startsWith("enc:v1:test:").isNotEqualTo(stored);
    }

    private static String stored(String id) throws Exception {
        try (var c = database().getConnection();
                var s = c.prepareStatement("select webhook_secret from contact where cast(id as text) = ?")) {
            s.setString(1, id);
            try (var r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    private static DataSource database() {
        return Arc.container().instance(DataSource.class).get();
    }
}
