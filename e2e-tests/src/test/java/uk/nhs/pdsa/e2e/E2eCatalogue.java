package uk.nhs.pdsa.e2e;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;

/** The catalogue the end-to-end stories need, written through ingest's API as the caller's token allows. */
final class E2eCatalogue {
    private E2eCatalogue() {
    }

    /** The hip fracture audit (one proportion metric, target 85 %), a new trust and its wards. */
    static void hipFracture(String ingest, String trust, String trustName, List<String> wards) {
        given().baseUri(ingest).contentType(ContentType.JSON)
                .body(Map.of("title", "National Hip Fracture Database", "specialty", "orthopaedics", "metrics", List.of(
                        Map.of("code", "surgery-within-36h", "title", "Surgery within 36 hours", "type", "proportion",
                                "direction", "higher-is-better", "target", 0.85))))
                .put("/api/v1/audits/nhfd").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        given().baseUri(ingest).contentType(ContentType.JSON).body(Map.of("name", trustName, "type", "trust"))
                .put("/api/v1/organisations/" + trust).then().statusCode(201);
        for (String ward : wards) {
            given().baseUri(ingest).contentType(ContentType.JSON).body(Map.of("name", ward))
                    .put("/api/v1/organisations/" + trust + "/microsystems/" + ward).then().statusCode(201);
        }
    }
}
