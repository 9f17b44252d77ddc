package uk.nhs.pdsa.findings.security;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.pdsa.testing.TestTokens;

/** A body above the API's limit (1 MB here) is refused with problem+json before anything reads it. */
@QuarkusTest
class BodySizeLimitTest {

    @Test
    void shouldRefuseABodyAboveTheLimitWithAProblemAndTakeOneBelowIt() {
        String points = "{\"label\": \"a\", \"value\": 1},".repeat(40_000); // about 1.1 MB
        TestTokens.as(TestTokens.NATIONAL, "viewer").contentType("application/json")
                .body("{\"chart\": \"xmr\", \"points\": [" + points + "{\"label\": \"b\", \"value\": 2}]}")
                .post("/api/v1/spc/compute").then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://pdsa.nhs.uk/problems/payload-too-large"))
                .body("detail", containsString("larger than this service accepts (1048576 bytes)"));
        TestTokens.as(TestTokens.NATIONAL, "viewer").contentType("application/json")
                .body("{\"chart\": \"xmr\", \"points\": [" + java.util.stream.IntStream.range(0, 20)
                        .mapToObj(i -> "{\"label\": \"p" + i + "\", \"value\": " + i % 3 + "}")
                        .collect(java.util.stream.Collectors.joining(",")) + "]}")
                .post("/api/v1/spc/compute").then().statusCode(200);
    }
}
