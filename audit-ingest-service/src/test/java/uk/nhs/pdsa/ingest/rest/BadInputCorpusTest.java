package uk.nhs.pdsa.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import uk.nhs.pdsa.events.CloudEventHeaders;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.TestTokens;
import uk.nhs.pdsa.events.Topics;
import uk.nhs.pdsa.ingest.support.IngestFixtures;

/**
 * Every kind of bad submission the API must refuse: each gets a 4xx problem+json naming what is wrong (and
 * where, for field errors), and none stores or publishes anything for the corpus's trust.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORG = TestOrganisations.unique("B");
    private static final String COLLEGE = TestOrganisations.unique("K");
    private static final String MEASURE = IngestFixtures.MEASURE;
    private static boolean catalogueWritten;

    /** One bad request and the answer it must get; {@code pointer} null when the problem has no field errors. */
    record Case(String name, String contentType, byte[] body, int status, String type, String pointer, String detail,
            Map<String, String> headers) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeEach
    void catalogue() {
        if (!catalogueWritten) {
            IngestFixtures.hipFractureAudit();
            given().contentType("application/json").body(Map.of("name", "Corpus trust", "type", "trust"))
                    .put("/api/v1/organisations/" + ORG).then().statusCode(201);
            given().contentType("application/json").body(Map.of("name", "Ward 1"))
                    .put("/api/v1/organisations/" + ORG + "/microsystems/ward-1").then().statusCode(201);
            given().contentType("application/json").body(Map.of("name", "A college", "type", "college",
                    "specialties", List.of("orthopaedics"))).put("/api/v1/organisations/" + COLLEGE).then().statusCode(201);
            catalogueWritten = true;
        }
        TestTokens.actAs(ORG);
    }

    static Stream<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        // Catalogue and field rules, one JSON result each
        field(cases, "unknown audit", with("audit", "no-such-audit"), "/audit", "unknown audit no-such-audit");
        field(cases, "unknown metric", with("metric", "door-to-needle"), "/metric", "audit nhfd has no metric door-to-needle");
        field(cases, "organisation not in the catalogue", with("organisation", "ZZZ999"), "/organisation", "unknown organisation ZZZ999");
        field(cases, "organisation code in lower case", with("organisation", "rxh"), "/organisation", "ODS code");
        field(cases, "organisation that is not a trust", with("organisation", COLLEGE), "/organisation", "only trusts submit results");
        field(cases, "microsystem the trust does not have", with("microsystem", "ward-99"), "/microsystem", "has no microsystem ward-99");
        field(cases, "microsystem code with a space", with("microsystem", "ward 1"), "/microsystem", "letters, digits and hyphens");
        field(cases, "month 13", with("period", "2025-13"), "/period", "2025-13");
        field(cases, "quarter 5", with("period", "2025-Q5"), "/period", "2025-Q5");
        field(cases, "two-digit year", with("period", "25-03"), "/period", "25-03");
        field(cases, "period with a slash", with("period", "2025/03"), "/period", "2025/03");
        field(cases, "period as a number", with("period", 202503), "/period", "must be a non-empty string");
        field(cases, "negative numerator", with("numerator", -1), "/numerator", "must not be negative");
        field(cases, "zero denominator", with("denominator", 0), "/denominator", "at least 1");
        field(cases, "numerator above denominator", with("numerator", 53), "/numerator", "must not exceed denominator");
        field(cases, "proportion given a value", with("value", 0.8), "/value", "takes numerator and denominator, not value");
        field(cases, "proportion without numerator", without("numerator"), "/numerator", "numerator is required");
        field(cases, "proportion without denominator", without("denominator"), "/denominator", "denominator is required");
        field(cases, "value metric given counts", valueMetric(Map.of("numerator", 3)), "/numerator", "takes value, not numerator");
        field(cases, "value metric without value", valueMetric(Map.of()), "/value", "value is required");
        field(cases, "rate with negative events", rateMetric(-2, 1000), "/numerator", "must not be negative");
        field(cases, "rate with zero exposure", rateMetric(2, 0), "/denominator", "at least 1");
        field(cases, "numerator as text", with("numerator", "ten"), "/numerator", "whole number");
        field(cases, "numerator with a fraction", with("numerator", 4.5), "/numerator", "whole number");
        field(cases, "value as text", valueMetric(Map.of("value", "long")), "/value", "must be a number");
        field(cases, "unknown field", with("comment", "late data"), "/comment", "unknown field");
        field(cases, "audit missing", without("audit"), "/audit", "audit is required");
        field(cases, "audit empty", with("audit", ""), "/audit", "non-empty string");
        field(cases, "organisation null", with("organisation", null), "/organisation", "organisation is required");
        // Batches
        cases.add(json("duplicate natural key in a batch", List.of(good(), good()), 400, "validation", "/1", "duplicates item 0"));
        cases.add(json("empty batch", List.of(), 400, "validation", "/", "batch size 0"));
        cases.add(json("batch of strings", List.of("a result"), 400, "validation", "/0", "must be a JSON object"));
        cases.add(json("batch above 10,000 items", oversizeBatch(), 400, "validation", "/", "batch size 10001"));
        cases.add(json("a JSON string instead of an object", "a result", 400, "validation", "/", "a JSON string"));
        cases.add(json("invalid item among valid ones", List.of(good(), with("period", "2025-00")), 400, "validation",
                "/1/period", "2025-00"));
        // Unreadable bodies
        cases.add(raw("truncated JSON", "application/json", "{\"audit\": \"nhfd\",", 400, "malformed-body", null, "not valid JSON (line 1"));
        cases.add(raw("empty body", "application/json", "", 400, "validation", "/", "body is empty"));
        cases.add(new Case("bytes that are not UTF-8", "application/json", new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'},
                400, "malformed-body", null, "not UTF-8", Map.of()));
        // CSV
        String header = "audit,metric,organisation,microsystem,period,numerator,denominator\n";
        cases.add(raw("CSV with an unknown column", "text/csv", "audit,metric,org,period\nnhfd,x,RXH,2025-03\n", 400,
                "validation", "/header/org", "unknown column"));
        cases.add(raw("CSV without a period column", "text/csv", "audit,metric,organisation\nnhfd,x,RXH\n", 400,
                "validation", "/header/period", "column period is required"));
        cases.add(raw("CSV with a word for a count", "text/csv", header + "nhfd,surgery-within-36h," + ORG + ",ward-1,2025-03,forty,52\n",
                400, "validation", "/0/numerator", "not 'forty' (line 2)"));
        cases.add(raw("CSV with an unclosed quote", "text/csv", header + "\"nhfd,surgery-within-36h," + ORG + ",ward-1,2025-03,4,5\n",
                400, "malformed-body", null, "not valid CSV"));
        cases.add(raw("CSV row with too few fields", "text/csv", header + "nhfd,surgery-within-36h," + ORG + ",ward-1,2025-03,4\n",
                400, "validation", "/0", "has 6 fields; the header has 7"));
        cases.add(raw("CSV with a header and no rows", "text/csv", header, 400, "validation", "/", "no result rows"));
        cases.add(raw("CSV breaking a rule", "text/csv", header + "nhfd,surgery-within-36h," + ORG + ",ward-1,2025-03,60,52\n",
                400, "validation", "/0/numerator", "must not exceed denominator"));
        // FHIR
        String fhir = "application/fhir+json";
        cases.add(raw("FHIR with a wrong element type", fhir, "{\"resourceType\": \"MeasureReport\", \"status\": 7}", 400,
                "malformed-body", null, "not a valid FHIR R4 resource"));
        cases.add(raw("FHIR without resourceType", fhir, "{\"audit\": \"nhfd\"}", 400, "malformed-body", null, "FHIR"));
        cases.add(raw("FHIR resource that is not a MeasureReport", fhir, "{\"resourceType\": \"Patient\"}", 400,
                "validation", "/resourceType", "not a Patient"));
        cases.add(raw("FHIR MeasureReport for an unknown Measure", fhir, report("complete", "https://example.org/Measure/x",
                "2025-03-01", "2025-03-31"), 400, "validation", "/measure", "no metric in the catalogue has FHIR Measure"));
        cases.add(raw("FHIR MeasureReport still pending", fhir, report("pending", MEASURE, "2025-03-01", "2025-03-31"), 400,
                "validation", "/status", "only a complete MeasureReport"));
        cases.add(raw("FHIR period that is not a month, quarter or year", fhir, report("complete", MEASURE, "2025-03-05",
                "2025-04-04"), 400, "validation", "/period", "one calendar month, quarter or year"));
        cases.add(raw("FHIR Bundle holding a Patient", fhir, "{\"resourceType\": \"Bundle\", \"type\": \"collection\","
                + " \"entry\": [{\"resource\": {\"resourceType\": \"Patient\"}}]}", 400, "validation", "/entry/0/resource",
                "must be a MeasureReport"));
        // Content type, size and headers
        cases.add(raw("plain text", "text/plain", "nhfd 41/52", 415, "unsupported-media-type", null, "text/plain is not accepted"));
        cases.add(raw("XML", "application/xml", "<result/>", 415, "unsupported-media-type", null, "application/xml is not accepted"));
        cases.add(raw("no Content-Type", null, "{}", 415, "unsupported-media-type", null, "Content-Type is required"));
        byte[] large = ("[" + " ".repeat(4 * 1024 * 1024) + "]").getBytes(StandardCharsets.UTF_8);
        cases.add(new Case("body above the size limit", "application/json", large, 413, "payload-too-large", null,
                "larger than", Map.of()));
        cases.add(new Case("Idempotency-Key with a space", "application/json", bytes(good()), 400, "validation",
                "/headers/Idempotency-Key", "visible ASCII", Map.of("Idempotency-Key", "my key")));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    @Order(1)
    void shouldRefuseWithAPreciseProblemAndStoreNothing(Case c) {
        // The trust system named in a single result sends it, so the catalogue's checks (not the token's) answer.
        java.util.regex.Matcher named = java.util.regex.Pattern.compile("^\\{.*\"organisation\":\"([^\"]*)\"")
                .matcher(new String(c.body(), 0, Math.min(c.body().length, 10_000), StandardCharsets.UTF_8));
        // (A name that is no organisation code cannot be a token's organisation: such a token is refused first.)
        String sender = named.find() && named.group(1).matches("^[A-Z0-9]{3,10}$") ? named.group(1) : ORG;
        RequestSpecification request = TestTokens.as(sender, "submitter").body(c.body()).headers(c.headers());
        if (c.contentType() != null) {
            request.contentType(c.contentType());
        } else {
            request.noContentType();
        }
        ValidatableResponse response = request.post("/api/v1/audit-results").then()
                .statusCode(c.status())
                .contentType("application/problem+json")
                .body("type", equalTo("https://pdsa.nhs.uk/problems/" + c.type()))
                .body("status", equalTo(c.status()))
                .body("title", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
        if (c.pointer() == null) {
            response.body("detail", containsString(c.detail()));
        } else {
            response.body("errors.pointer", hasItem(c.pointer()))
                    .body("errors.find { it.pointer == '" + c.pointer() + "' }.detail", containsString(c.detail()));
        }
        given().get("/api/v1/audit-results?organisation=" + ORG).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    @Order(2)
    void shouldHaveCoveredAtLeastFortyDistinctBadInputsAndPublishedNothing() {
        assertThat(corpus().map(Case::name).distinct().count()).isGreaterThanOrEqualTo(40);
        EventProbe probe = new EventProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        assertThat(probe.upToEnd(Topics.AUDIT_RESULTS, r -> String.valueOf(EventProbe.header(r, CloudEventHeaders.SUBJECT))
                .contains("/" + ORG))).isEmpty();
    }

    private static Map<String, Object> good() {
        return IngestFixtures.proportion(ORG, "ward-1", "2025-03", 41, 52);
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> item = new HashMap<>(good());
        item.put(field, value);
        return item;
    }

    private static Map<String, Object> without(String field) {
        Map<String, Object> item = new HashMap<>(good());
        item.remove(field);
        return item;
    }

    private static Map<String, Object> valueMetric(Map<String, Object> extra) {
        Map<String, Object> item = without("numerator");
        item.remove("denominator");
        item.put("metric", IngestFixtures.VALUE);
        item.putAll(extra);
        return item;
    }

    private static Map<String, Object> rateMetric(long events, long exposure) {
        Map<String, Object> item = new HashMap<>(good());
        item.put("metric", IngestFixtures.RATE);
        item.put("numerator", events);
        item.put("denominator", exposure);
        return item;
    }

    private static List<Map<String, Object>> oversizeBatch() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            batch.add(Map.of("audit", "nhfd", "metric", "surgery-within-36h", "organisation", ORG,
                    "period", String.valueOf(1000 + i), "numerator", 1, "denominator", 2));
        }
        return batch;
    }

    private static String report(String status, String measure, String start, String end) {
        return """
                {"resourceType": "MeasureReport", "status": "%s", "type": "summary", "measure": "%s",
                 "reporter": {"reference": "Organization/%s"}, "period": {"start": "%s", "end": "%s"},
                 "group": [{"population": [
                   {"code": {"coding": [{"code": "numerator"}]}, "count": 4},
                   {"code": {"coding": [{"code": "denominator"}]}, "count": 5}]}]}""".formatted(status, measure, ORG, start, end);
    }

    private static void field(List<Case> cases, String name, Map<String, Object> item, String pointer, String detail) {
        cases.add(json(name, item, 400, "validation", pointer, detail));
    }

    private static Case json(String name, Object body, int status, String type, String pointer, String detail) {
        return new Case(name, "application/json", bytes(body), status, type, pointer, detail, Map.of());
    }

    private static Case raw(String name, String contentType, String body, int status, String type, String pointer,
            String detail) {
        return new Case(name, contentType, body.getBytes(StandardCharsets.UTF_8), status, type, pointer, detail, Map.of());
    }

    private static byte[] bytes(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
