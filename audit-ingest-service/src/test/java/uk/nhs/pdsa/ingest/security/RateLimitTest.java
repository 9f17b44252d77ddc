package uk.nhs.pdsa.ingest.security;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import uk.nhs.pdsa.ingest.support.IngestFixtures;
import uk.nhs.pdsa.testing.TestTokens;

/** With a limit of 6 a minute and bursts of 3, the fourth quick submission of one organisation is 429. */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimit.class)
class RateLimitTest {

    public static class LowLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pdsa.ingest.rate-limit.per-minute", "6", "pdsa.ingest.rate-limit.burst", "3");
        }
    }

    @Test
    void shouldAnswer429WithRetryAfterOnceAnOrganisationSpentItsBurst() {
        IngestFixtures.hipFractureAudit();
        String other = IngestFixtures.trust("Z");
        String trust = IngestFixtures.trust("L");
        for (int month = 1; month <= 3; month++) {
            submit(trust, month).then().statusCode(oneOf(200, 201));
        }
        String retryAfter = submit(trust, 4).then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("https://pdsa.nhs.uk/problems/rate-limited"))
                .body("detail", containsString(trust)).extract().header("Retry-After");
        // One request every 10 s at 6 a minute: at most 10 s to wait, less if the burst took a while to send.
        org.assertj.core.api.Assertions.assertThat(Integer.parseInt(retryAfter)).isBetween(1, 10);
        TestTokens.as(trust, "viewer").queryParam("from", "2025-04").queryParam("to", "2025-04").get("/api/v1/audit-results").then()
                .body("total", equalTo(0));
        submit(other, 1).then().statusCode(201); // another organisation has its own bucket
    }

    private static io.restassured.response.Response submit(String trust, int month) {
        return TestTokens.as(trust, "submitter").contentType(ContentType.JSON)
                .body(IngestFixtures.proportion(trust, null, String.format("2025-%02d", month), 1, 2))
                .post("/api/v1/audit-results");
    }
}
