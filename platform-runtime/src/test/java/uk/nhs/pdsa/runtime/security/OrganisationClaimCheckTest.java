package uk.nhs.pdsa.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import jakarta.json.JsonObject;

/** A validly signed token is also checked to the letter: its claims must be the shapes the platform acts on. */
class OrganisationClaimCheckTest {
    private static final long NOW = 1_790_000_000L;

    @Test
    void shouldAcceptAWellFormedTokenAndRefuseEveryMisshapenClaim() {
        assertThat(refusal("{\"org\": \"RXH\", \"groups\": [\"viewer\"], \"iat\": " + NOW + "}")).isNull();
        assertThat(refusal("{\"org\": \"RXH\", \"groups\": [\"viewer\"], \"iat\": " + (NOW + 59) + "}")).isNull();
        assertThat(refusal("{\"org\": [\"RXH\", \"RJ1\"], \"groups\": [\"viewer\"]}")).contains("not a string");
        assertThat(refusal("{\"org\": {\"code\": \"RXH\"}, \"groups\": [\"viewer\"]}")).contains("not a string");
        assertThat(refusal("{\"org\": 42, \"groups\": [\"viewer\"]}")).contains("not a string");
        assertThat(refusal("{\"groups\": [\"viewer\"]}")).contains("missing");
        assertThat(refusal("{\"org\": \"not a code\", \"groups\": [\"viewer\"]}")).contains("not an organisation code");
        assertThat(refusal("{\"org\": \"RXH\", \"groups\": \"viewer admin\"}")).contains("groups claim");
        assertThat(refusal("{\"org\": \"RXH\", \"groups\": [\"viewer\", 7]}")).contains("groups claim");
        assertThat(refusal("{\"org\": \"RXH\", \"groups\": [\"viewer\"], \"iat\": " + (NOW + 86_400) + "}"))
                .contains("issued in the future");
    }

    private static String refusal(String payload) {
        String raw = "e30." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + ".sig";
        JsonObject claims = OrganisationClaimCheck.rawClaims(raw);
        long iat = claims.containsKey("iat") ? claims.getJsonNumber("iat").longValue() : NOW;
        return OrganisationClaimCheck.refusal(claims.get("org"), claims.get("groups"), iat, NOW);
    }
}
