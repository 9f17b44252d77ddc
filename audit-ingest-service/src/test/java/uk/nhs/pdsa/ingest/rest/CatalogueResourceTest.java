package uk.nhs.pdsa.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import uk.nhs.pdsa.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.nhs.pdsa.events.CloudEventHeaders;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventSchemas;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.events.Topics;
import uk.nhs.pdsa.ingest.support.IngestFixtures;

/** The catalogue API and its events on the compacted catalogue topic, against the real stack. */
@QuarkusTest
class CatalogueResourceTest {
    @BeforeEach
    void actAsAdmin() {
        TestTokens.actAs(TestTokens.NATIONAL);
    }

    private static final String PROBLEM_JSON = "application/problem+json";
    private final EventProbe probe = new EventProbe(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    private static Map<String, Object> audit(String metricType, Map<String, Object> spc) {
        Map<String, Object> metric = new java.util.HashMap<>(Map.of("code", "door-to-needle", "title", "Door to needle",
                "type", metricType, "direction", "higher-is-better", "target", 0.9));
        if (spc != null) {
            metric.put("spc", spc);
        }
        return Map.of("title", "Stroke audit", "specialty", "stroke-medicine", "metrics", List.of(metric));
    }

    private List<ConsumerRecord<String, String>> catalogueEvents(String key, int atLeast) {
        return probe.all(Topics.CATALOGUE, r -> key.equals(r.key()), Duration.ofSeconds(atLeast == 0 ? 3 : 15), Math.max(atLeast, 1));
    }

    @Test
    void shouldVersionAnAuditAndPublishEachChangeOnce() {
        String code = TestOrganisations.unique("a").toLowerCase();
        given().contentType(ContentType.JSON).body(audit("proportion", null)).put("/api/v1/audits/" + code)
                .then().statusCode(201).header("Location", endsWith("/api/v1/audits/" + code))
                .body("version", equalTo(1))
                .body("metrics[0].fhirMeasure", equalTo("https://pdsa.nhs.uk/fhir/Measure/" + code + "-door-to-needle"));
        given().contentType(ContentType.JSON).body(audit("proportion", null)).put("/api/v1/audits/" + code)
                .then().statusCode(200).body("version", equalTo(1));
        given().contentType(ContentType.JSON).body(audit("proportion", Map.of("chart", "pp", "shiftLength", 6,
                        "rebaseAt", List.of("2025-04")))).put("/api/v1/audits/" + code)
                .then().statusCode(200).body("version", equalTo(2)).body("metrics[0].spc.chart", equalTo("pp"));

        given().get("/api/v1/audits/" + code).then().statusCode(200)
                .body("specialty", equalTo("stroke-medicine")).body("metrics[0].spc.shiftLength", equalTo(6));
        given().get("/api/v1/audits").then().statusCode(200).body("code", hasItem(code));

        List<ConsumerRecord<String, String>> events = catalogueEvents("audit/" + code, 2);
        assertThat(events).hasSize(2);
        assertThat(events).allSatisfy(e -> {
            assertThat(EventProbe.header(e, CloudEventHeaders.TYPE)).isEqualTo(EventType.AUDIT_DEFINED.ceType());
            assertThat(EventSchemas.violations(EventType.AUDIT_DEFINED, e.value())).isEmpty();
        });
        assertThat(events.get(1).value()).contains("\"version\":2", "\"chart\":\"pp\"");
    }

    @Test
    void shouldCreateAnAuditOnceWhenTheSamePutArrivesConcurrently() throws Exception {
        String code = TestOrganisations.unique("p").toLowerCase();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                statuses.add(pool.submit(() -> given().contentType(ContentType.JSON).body(audit("proportion", null))
                        .put("/api/v1/audits/" + code).then().extract().statusCode()));
            }
            List<Integer> codes = new java.util.ArrayList<>();
            for (var status : statuses) {
                codes.add(status.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(codes).containsOnlyOnce(201).doesNotContain(500).allMatch(c -> c == 200 || c == 201 || c == 409);
        } finally {
            pool.shutdown();
        }
        given().get("/api/v1/audits/" + code).then().statusCode(200).body("version", equalTo(1));
        assertThat(catalogueEvents("audit/" + code, 1)).hasSize(1);
    }

    @Test
    void shouldRefuseInvalidAuditsWithEveryFieldNamed() {
        given().contentType(ContentType.JSON)
                .body(Map.of("title", "", "specialty", "Stroke Medicine", "metrics", List.of(
                        Map.of("code", "x", "title", "X", "type", "ratio", "direction", "up"),
                        Map.of("code", "y", "title", "Y", "type", "value", "direction", "neutral",
                                "spc", Map.of("chart", "p", "trendLength", 3, "baselinePoints", 8, "rebaseAt", List.of("2025-13"))))))
                .put("/api/v1/audits/Bad_Code")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.pointer", contains("/code", "/title", "/specialty", "/metrics/0/type", "/metrics/0/direction",
                        "/metrics/1/spc/chart", "/metrics/1/spc/trendLength", "/metrics/1/spc/baselinePoints",
                        "/metrics/1/spc/rebaseAt/0"));
        given().get("/api/v1/audits/Bad_Code").then().statusCode(404).contentType(PROBLEM_JSON);
    }

    @Test
    void shouldKeepAnAuditsOutlierPolicyWithHqipTimescalesForThoseLeftOut() {
        String code = TestOrganisations.unique("o").toLowerCase();
        Map<String, Object> definition = new java.util.HashMap<>(audit("proportion", null));
        definition.put("outliers", Map.of("analysisPeriod", "financial-year", "submissionsCloseAfter", 20,
                "metrics", List.of("door-to-needle"), "timescales", Map.of("dataReview", 30)));
        given().contentType(ContentType.JSON).body(definition).put("/api/v1/audits/" + code)
                .then().statusCode(201).body("version", equalTo(1))
                .body("outliers.analysisPeriod", equalTo("financial-year"))
                .body("outliers.submissionsCloseAfter", equalTo(20))
                .body("outliers.metrics", contains("door-to-needle"))
                .body("outliers.timescales.providerAnalysis", equalTo(10))
                .body("outliers.timescales.dataReview", equalTo(30))
                .body("outliers.timescales.inform", equalTo(5))
                .body("outliers.timescales.response", equalTo(10))
                .body("outliers.timescales.escalation", equalTo(5));
        given().contentType(ContentType.JSON).body(definition).put("/api/v1/audits/" + code)
                .then().statusCode(200).body("version", equalTo(1));
        given().contentType(ContentType.JSON).body(audit("proportion", null)).put("/api/v1/audits/" + code)
                .then().statusCode(200).body("version", equalTo(2)).body("outliers", nullValue());

        List<ConsumerRecord<String, String>> events = catalogueEvents("audit/" + code, 2);
        assertThat(events).hasSize(2);
        assertThat(events).allSatisfy(e -> assertThat(EventSchemas.violations(EventType.AUDIT_DEFINED, e.value())).isEmpty());
        assertThat(events.get(0).value()).contains("\"dataReview\":30", "\"escalation\":5");
    }

    @Test
    void shouldRefuseAnOutlierPolicyThatCannotRunWithEveryFieldNamed() {
        String code = TestOrganisations.unique("o").toLowerCase();
        Map<String, Object> definition = new java.util.HashMap<>(Map.of("title", "Stroke audit", "specialty", "stroke-medicine",
                "metrics", List.of(Map.of("code", "door-to-needle", "title", "Door to needle", "type", "proportion",
                                "direction", "higher-is-better"),
                        Map.of("code", "minutes", "title", "Minutes", "type", "value", "direction", "lower-is-better"))));
        definition.put("outliers", Map.of("analysisPeriod", "monthly", "submissionsCloseAfter", 261,
                "metrics", List.of("minutes", "missing", "door-to-needle", "door-to-needle"),
                "timescales", Map.of("dataReview", 0, "response", 121)));
        given().contentType(ContentType.JSON).body(definition).put("/api/v1/audits/" + code)
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.pointer", contains("/outliers/analysisPeriod", "/outliers/submissionsCloseAfter",
                        "/outliers/metrics/0", "/outliers/metrics/1", "/outliers/metrics/3",
                        "/outliers/timescales/dataReview", "/outliers/timescales/response"))
                .body("errors.find { it.pointer == '/outliers/metrics/0' }.detail", containsString("proportions, rates and standardised ratios only"));
        given().get("/api/v1/audits/" + code).then().statusCode(404);
    }

    @Test
    void shouldStateEachMetricsPeriodsAndRefuseAnUnknownGranularity() {
        IngestFixtures.hipFractureAudit();
        given().get("/api/v1/audits/" + IngestFixtures.AUDIT).then().statusCode(200)
                .body("metrics.granularity", contains("month", "quarter", "year"));
        String code = "gr-" + TestOrganisations.unique("g").toLowerCase(java.util.Locale.ROOT);
        given().contentType(ContentType.JSON).body(Map.of("title", "Weekly audit", "specialty", "orthopaedics", "metrics",
                        List.of(Map.of("code", "m", "title", "M", "type", "proportion", "direction", "higher-is-better",
                                "granularity", "week"))))
                .put("/api/v1/audits/" + code).then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.pointer", contains("/metrics/0/granularity"));
    }

    @Test
    void shouldKeepAMetricWithResultsFromChangingTypeOrDisappearing() {
        IngestFixtures.hipFractureAudit();
        String trust = IngestFixtures.trust("C");
        given().contentType(ContentType.JSON).body(IngestFixtures.proportion(trust, null, "2025-01", 1, 2))
                .post("/api/v1/audit-results").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        given().contentType(ContentType.JSON).body(Map.of("audit", IngestFixtures.AUDIT, "metric", IngestFixtures.VALUE,
                        "organisation", trust, "period", "2025", "value", 21.5))
                .post("/api/v1/audit-results").then().statusCode(201);
        given().contentType(ContentType.JSON)
                .body(Map.of("title", "National Hip Fracture Database", "specialty", "orthopaedics", "metrics", List.of(
                        Map.of("code", IngestFixtures.PROPORTION, "title", "Surgery within 36 hours", "type", "value",
                                "direction", "higher-is-better"))))
                .put("/api/v1/audits/" + IngestFixtures.AUDIT)
                .then().statusCode(409).contentType(PROBLEM_JSON)
                .body("detail", containsString("metric surgery-within-36h has results as a proportion; its type cannot change"))
                .body("detail", containsString("metric length-of-stay"));
        given().get("/api/v1/audits/" + IngestFixtures.AUDIT).then().body("metrics[0].type", equalTo("proportion"));
    }

    @Test
    void shouldRefuseAFhirMeasureAlreadyNamingAnotherAuditsMetric() {
        IngestFixtures.hipFractureAudit();
        String code = TestOrganisations.unique("m").toLowerCase();
        given().contentType(ContentType.JSON).body(Map.of("title", "Copy", "specialty", "orthopaedics", "metrics", List.of(
                        Map.of("code", "copy", "title", "Copy", "type", "proportion", "direction", "neutral",
                                "fhirMeasure", IngestFixtures.MEASURE))))
                .put("/api/v1/audits/" + code)
                .then().statusCode(409).contentType(PROBLEM_JSON).body("detail", containsString("already names metric"));
    }

    @Test
    void shouldKeepTrustsWithTheirMicrosystemsAndPublishTheWholeOrganisation() {
        String trust = TestOrganisations.unique("O");
        // Its systems' tokens are refused (403, the catalogue does not hold it) until it is defined, then accepted.
        String system = TestTokens.withClaims(trust, List.of("submitter", "viewer"), Map.of());
        given().auth().oauth2(system).get("/api/v1/audit-results").then().statusCode(403).contentType(PROBLEM_JSON)
                .body("type", equalTo("https://pdsa.nhs.uk/problems/unknown-organisation"));
        given().contentType(ContentType.JSON).body(Map.of("name", "Test Hospitals NHS Trust", "type", "trust"))
                .put("/api/v1/organisations/" + trust).then().statusCode(201).body("version", equalTo(1));
        given().contentType(ContentType.JSON).body(Map.of("name", "Ward 9"))
                .put("/api/v1/organisations/" + trust + "/microsystems/ward-9").then().statusCode(201)
                .header("Location", endsWith("/api/v1/organisations/" + trust + "/microsystems/ward-9"));
        given().contentType(ContentType.JSON).body(Map.of("name", "Ward 9"))
                .put("/api/v1/organisations/" + trust + "/microsystems/ward-9").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("name", "Ward 9 (frailty)"))
                .put("/api/v1/organisations/" + trust + "/microsystems/ward-9").then().statusCode(200)
                .body("name", equalTo("Ward 9 (frailty)"));

        given().get("/api/v1/organisations/" + trust).then().statusCode(200)
                .body("version", equalTo(3)).body("microsystems.code", contains("ward-9"));
        given().auth().oauth2(system).get("/api/v1/audit-results").then().statusCode(200);
        given().get("/api/v1/organisations/" + trust + "/microsystems").then().statusCode(200).body("name", contains("Ward 9 (frailty)"));
        given().get("/api/v1/organisations/" + trust + "/microsystems/ward-9").then().statusCode(200);
        given().get("/api/v1/organisations/" + trust + "/microsystems/ward-10").then().statusCode(404).contentType(PROBLEM_JSON);
        given().get("/api/v1/organisations?type=trust").then().statusCode(200).body("code", hasItem(trust));
        given().get("/api/v1/organisations?type=college").then().statusCode(200).body("code", not(hasItem(trust)));

        List<ConsumerRecord<String, String>> events = catalogueEvents("organisation/" + trust, 3);
        assertThat(events).hasSize(3);
        assertThat(events).allSatisfy(e -> assertThat(EventSchemas.violations(EventType.ORGANISATION_DEFINED, e.value())).isEmpty());
        assertThat(events.get(2).value()).contains("\"version\":3", "\"name\":\"Ward 9 (frailty)\"");
    }

    @Test
    void shouldHoldCollegesToTheirRules() {
        String college = TestOrganisations.unique("R");
        given().contentType(ContentType.JSON).body(Map.of("name", "Royal College", "type", "college"))
                .put("/api/v1/organisations/" + college).then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.pointer", contains("/specialties"));
        given().contentType(ContentType.JSON).body(Map.of("name", "Royal College", "type", "college",
                        "specialties", List.of("orthopaedics", "general-surgery")))
                .put("/api/v1/organisations/" + college).then().statusCode(201)
                .body("specialties", contains("general-surgery", "orthopaedics"));
        given().contentType(ContentType.JSON).body(Map.of("name", "Theatre"))
                .put("/api/v1/organisations/" + college + "/microsystems/theatre").then().statusCode(409).contentType(PROBLEM_JSON);
        given().contentType(ContentType.JSON).body(Map.of("name", "Theatre"))
                .put("/api/v1/organisations/NOSUCH1/microsystems/theatre").then().statusCode(404).contentType(PROBLEM_JSON);
        given().contentType(ContentType.JSON).body(Map.of("name", "A trust", "type", "trust", "specialties", List.of("x")))
                .put("/api/v1/organisations/lower").then().statusCode(400)
                .body("errors.pointer", contains("/code", "/specialties"));
    }

    /** A commissioner (an integrated care board) lists the trusts it commissions, each a trust of the catalogue. */
    @Test
    void shouldHoldCommissionersToTheirMembers() {
        String trust = TestOrganisations.unique("O");
        String icb = TestOrganisations.unique("I");
        given().contentType(ContentType.JSON).body(Map.of("name", "Member Hospitals NHS Trust", "type", "trust"))
                .put("/api/v1/organisations/" + trust).then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("name", "NHS Test ICB", "type", "commissioner"))
                .put("/api/v1/organisations/" + icb).then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.pointer", contains("/members"));
        given().contentType(ContentType.JSON).body(Map.of("name", "NHS Test ICB", "type", "commissioner",
                        "members", List.of(trust, "NOSUCH9", "HWENG")))
                .put("/api/v1/organisations/" + icb).then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.pointer", contains("/members/1", "/members/2"))
                .body("errors.detail", contains("NOSUCH9 is not a trust of the catalogue", "HWENG is not a trust of the catalogue"));
        given().contentType(ContentType.JSON).body(Map.of("name", "NHS Test ICB", "type", "commissioner",
                        "members", List.of(trust, trust)))
                .put("/api/v1/organisations/" + icb).then().statusCode(400).body("errors.pointer", contains("/members/1"));
        given().contentType(ContentType.JSON).body(Map.of("name", "A trust", "type", "trust", "members", List.of(trust)))
                .put("/api/v1/organisations/" + TestOrganisations.unique("O")).then().statusCode(400)
                .body("errors.pointer", contains("/members"));
        given().contentType(ContentType.JSON).body(Map.of("name", "NHS Test ICB", "type", "commissioner",
                        "members", List.of(trust)))
                .put("/api/v1/organisations/" + icb).then().statusCode(201).body("members", contains(trust));
        given().get("/api/v1/organisations?type=commissioner").then().statusCode(200).body("code", hasItem(icb));
        List<ConsumerRecord<String, String>> events = catalogueEvents("organisation/" + icb, 1);
        assertThat(EventSchemas.violations(EventType.ORGANISATION_DEFINED, events.get(0).value())).isEmpty();
        assertThat(events.get(0).value()).contains("\"type\":\"commissioner\"", "\"members\":[\"" + trust + "\"]");
    }
}
