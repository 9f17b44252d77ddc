package uk.nhs.pdsa.ingest.support;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.TestTokens;

/** The catalogue entries result tests submit against, written through the API. */
public final class IngestFixtures {
    public static final String AUDIT = "nhfd";
    public static final String PROPORTION = "surgery-within-36h";
    public static final String RATE = "falls-per-1000-bed-days";
    public static final String VALUE = "length-of-stay";
    public static final String MEASURE = "https://pdsa.nhs.uk/fhir/Measure/nhfd-surgery-within-36h";

    private IngestFixtures() {
    }

    /**
     * The hip fracture audit with one metric of each type (the proportion monthly, the rate quarterly, the value
     * yearly); the same definition every time, so it is idempotent.
     */
    public static void hipFractureAudit() {
        TestTokens.actAs(TestTokens.NATIONAL);
        given().contentType(ContentType.JSON)
                .body(Map.of("title", "National Hip Fracture Database", "specialty", "orthopaedics", "metrics", List.of(
                        Map.of("code", PROPORTION, "title", "Surgery within 36 hours", "type", "proportion",
                                "direction", "higher-is-better", "target", 0.85),
                        Map.of("code", RATE, "title", "Inpatient falls per 1,000 bed days", "type", "rate",
                                "direction", "lower-is-better", "unit", "per 1,000 bed days", "granularity", "quarter"),
                        Map.of("code", VALUE, "title", "Acute length of stay", "type", "value",
                                "direction", "lower-is-better", "unit", "days", "granularity", "year"))))
                .put("/api/v1/audits/" + AUDIT)
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    /** A new trust with a unique code and the given microsystems. */
    public static String trust(String prefix, String... microsystems) {
        String code = TestOrganisations.unique(prefix);
        TestTokens.actAs(TestTokens.NATIONAL);
        given().contentType(ContentType.JSON).body(Map.of("name", "Test trust " + code, "type", "trust"))
                .put("/api/v1/organisations/" + code).then().statusCode(201);
        for (String microsystem : microsystems) {
            given().contentType(ContentType.JSON).body(Map.of("name", "Team " + microsystem))
                    .put("/api/v1/organisations/" + code + "/microsystems/" + microsystem).then().statusCode(201);
        }
        TestTokens.actAs(code); // the test goes on as this trust's staff
        return code;
    }

    public static Map<String, Object> proportion(String organisation, String microsystem, String period, long numerator,
            long denominator) {
        Map<String, Object> item = new HashMap<>(Map.of("audit", AUDIT, "metric", PROPORTION, "organisation", organisation,
                "period", period, "numerator", numerator, "denominator", denominator));
        if (microsystem != null) {
            item.put("microsystem", microsystem);
        }
        return item;
    }
}
