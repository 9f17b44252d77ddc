package uk.nhs.pdsa.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import uk.nhs.pdsa.testing.TestTokens;

/** The catalogue the end-to-end stories need, written through ingest's API by the platform's administrator. */
final class E2eCatalogue {
    private E2eCatalogue() {
    }

    /**
     * The hip fracture audit (one proportion metric, target 85 %), a new trust and its wards; then waits until each
     * service of {@code knownBy} has read the trust from the catalogue topic (its tokens are 403 there until then).
     */
    static void hipFracture(String ingest, String trust, String trustName, List<String> wards, String... knownBy) {
        admin(ingest).body(Map.of("title", "National Hip Fracture Database", "specialty", "orthopaedics", "metrics", List.of(
                        Map.of("code", "surgery-within-36h", "title", "Surgery within 36 hours", "type", "proportion",
                                "direction", "higher-is-better", "target", 0.85))))
                .put("/api/v1/audits/nhfd").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        admin(ingest).body(Map.of("name", trustName, "type", "trust"))
                .put("/api/v1/organisations/" + trust).then().statusCode(201);
        for (String ward : wards) {
            admin(ingest).body(Map.of("name", ward))
                    .put("/api/v1/organisations/" + trust + "/microsystems/" + ward).then().statusCode(201);
        }
        awaitKnown(trust, knownBy);
    }

    /** The catalogue's writer: the national provider's administrator (a trust's own token cannot define it). */
    static RequestSpecification admin(String ingest) {
        return TestTokens.as(TestTokens.NATIONAL, "admin").baseUri(ingest).contentType(ContentType.JSON);
    }

    /** Waits until each service knows {@code organisation} from the catalogue: its tokens are no longer refused. */
    static void awaitKnown(String organisation, String... services) {
        awaitKnownWith(TestTokens.token(organisation, "admin"), services);
    }

    /**
     * Waits until each service accepts {@code token}'s organisation: any answer but 403 {@code unknown-organisation}
     * (the token's roles may still not allow the request asked). Up to a minute: a service just started reads the
     * whole catalogue topic first, thousands of records on the test stack after the module tests.
     */
    static void awaitKnownWith(String token, String... services) {
        for (String service : services) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                var answer = given().baseUri(service).auth().oauth2(token).get("/api/v1/audit-trail?size=1");
                return answer.statusCode() != 403 || !answer.asString().contains("unknown-organisation");
            });
        }
    }
}
