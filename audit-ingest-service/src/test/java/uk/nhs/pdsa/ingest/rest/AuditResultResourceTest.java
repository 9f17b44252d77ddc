package uk.nhs.pdsa.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.nhs.pdsa.events.CloudEventHeaders;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventSchemas;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.ingest.support.IngestFixtures;
import uk.nhs.pdsa.events.Topics;
import uk.nhs.pdsa.testing.TestTokens;

/** Against the real PostgreSQL and Kafka of the test stack. Each test uses its own organisation code. */
@QuarkusTest
class AuditResultResourceTest {
    private static final String PROBLEM_JSON = "application/problem+json";
    private final EventProbe probe = new EventProbe(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    private String organisation;

    @BeforeEach
    void catalogueAndOrganisation() {
        IngestFixtures.hipFractureAudit();
        organisation = IngestFixtures.trust("T", "ward-1", "ward-2", "ward-8", "ward-10");
    }

    private static java.util.function.Predicate<ConsumerRecord<String, String>> about(String seriesKey) {
        return r -> {
            String subject = EventProbe.header(r, CloudEventHeaders.SUBJECT);
            return subject != null && subject.startsWith(seriesKey + "@");
        };
    }

    @Test
    void shouldStoreAResultAndPublishItAsACloudEvent() {
        String id = given().contentType(ContentType.JSON)
                .body(result("ward-10", "2025-03", 41, 52))
                .post("/api/v1/audit-results")
                .then().statusCode(201)
                .header("Location", startsWith("http"))
                .body("revision", equalTo(1)).body("outcome", equalTo("created"))
                .extract().path("id");

        String key = "nhfd/surgery-within-36h/" + organisation + "/ward-10";
        ConsumerRecord<String, String> record = probe.find(Topics.AUDIT_RESULTS, about(key), Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("no event for " + key));
        assertThat(record.key()).isEqualTo("nhfd/surgery-within-36h");
        assertThat(EventProbe.header(record, CloudEventHeaders.TYPE)).isEqualTo("nhs.pdsa.audit-result.recorded.v1");
        assertThat(EventProbe.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/pdsa/audit-ingest-service");
        assertThat(EventProbe.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(key + "@2025-03");
        assertThat(EventProbe.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(EventProbe.header(record, CloudEventHeaders.ID)).isNotBlank();
        assertThat(EventSchemas.violations(EventType.AUDIT_RESULT_RECORDED, record.value())).isEmpty();
        assertThat(record.value()).contains("\"resultId\":\"" + id + "\"", "\"numerator\":41", "\"direction\":\"higher-is-better\"");
    }

    /** The event carries the caller's W3C trace context on (the CloudEvents traceparent extension), or a new one. */
    @Test
    void shouldCarryTheTraceOfTheSubmissionOnItsEvent() {
        String caller = EventProbe.newTraceparent();
        given().contentType(ContentType.JSON).header("traceparent", caller)
                .body(result("ward-2", "2025-04", 40, 50)).post("/api/v1/audit-results").then().statusCode(201);
        given().contentType(ContentType.JSON)
                .body(result("ward-2", "2025-05", 40, 50)).post("/api/v1/audit-results").then().statusCode(201);

        String key = "nhfd/surgery-within-36h/" + organisation + "/ward-2";
        String traced = EventProbe.header(probe.find(Topics.AUDIT_RESULTS, r -> (key + "@2025-04").equals(
                EventProbe.header(r, CloudEventHeaders.SUBJECT)), Duration.ofSeconds(20)).orElseThrow(),
                CloudEventHeaders.TRACE_PARENT);
        assertThat(traced).as("the request's server span, a child of the caller's")
                .matches("00-" + EventProbe.traceId(caller) + "-[0-9a-f]{16}-01").isNotEqualTo(caller);
        String untraced = EventProbe.header(probe.find(Topics.AUDIT_RESULTS, r -> (key + "@2025-05").equals(
                EventProbe.header(r, CloudEventHeaders.SUBJECT)), Duration.ofSeconds(20)).orElseThrow(),
                CloudEventHeaders.TRACE_PARENT);
        assertThat(untraced).as("a trace of its own, not sampled by default").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00")
                .doesNotContain(EventProbe.traceId(caller));
    }

    @Test
    void shouldKeepEveryRevisionAndPublishOnlyChanges() {
        String id = given().contentType(ContentType.JSON).body(result(null, "2025-04", 30, 40))
                .post("/api/v1/audit-results").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body(result(null, "2025-04", 30, 40))
                .post("/api/v1/audit-results").then().statusCode(200).body("outcome", equalTo("unchanged")).body("revision", equalTo(1));
        given().contentType(ContentType.JSON).body(result(null, "2025-04", 31, 40))
                .post("/api/v1/audit-results").then().statusCode(200).body("outcome", equalTo("revised")).body("revision", equalTo(2));

        given().get("/api/v1/audit-results/" + id).then().statusCode(200)
                .body("result.numerator", equalTo(31))
                .body("revisions.revision", contains(1, 2))
                .body("revisions.numerator", contains(30, 31));

        String key = "nhfd/surgery-within-36h/" + organisation;
        List<ConsumerRecord<String, String>> events = probe.all(Topics.AUDIT_RESULTS, about(key), Duration.ofSeconds(5), 3);
        assertThat(events).extracting(ConsumerRecord::value)
                .satisfiesExactly(first -> assertThat(first).contains("\"revision\":1"), second -> assertThat(second).contains("\"revision\":2"));
    }

    @Test
    void shouldWithdrawAWrongResultKeepItInTheHistoryAndBringItBackWhenSentAgain() {
        String id = given().contentType(ContentType.JSON).body(result("ward-2", "2025-05", 30, 40))
                .post("/api/v1/audit-results").then().statusCode(201).extract().path("id");
        given().delete("/api/v1/audit-results/" + id).then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].pointer", equalTo("/reason"));
        given().queryParam("reason", "Submitted against the wrong ward").delete("/api/v1/audit-results/" + id).then()
                .statusCode(200).body("revision", equalTo(2))
                .body("withdrawal.reason", equalTo("Submitted against the wrong ward"));
        given().queryParam("reason", "again").delete("/api/v1/audit-results/" + id).then().statusCode(200)
                .body("revision", equalTo(2));
        String other = IngestFixtures.trust("W");
        given().queryParam("reason", "not mine").delete("/api/v1/audit-results/" + id).then().statusCode(404);
        TestTokens.actAs(organisation);
        given().get("/api/v1/audit-results/" + id).then().statusCode(200)
                .body("revisions.withdrawnReason", contains(null, "Submitted against the wrong ward"))
                .body("revisions.numerator", contains(30, null));

        String key = "nhfd/surgery-within-36h/" + organisation + "/ward-2";
        List<ConsumerRecord<String, String>> events = probe.all(Topics.AUDIT_RESULTS, about(key), Duration.ofSeconds(5), 2);
        assertThat(events).hasSize(2);
        ConsumerRecord<String, String> withdrawal = events.get(1);
        assertThat(EventProbe.header(withdrawal, CloudEventHeaders.TYPE)).isEqualTo("nhs.pdsa.audit-result.withdrawn.v1");
        assertThat(EventSchemas.violations(EventType.AUDIT_RESULT_WITHDRAWN, withdrawal.value())).isEmpty();
        assertThat(withdrawal.value()).contains("\"revision\":2", "\"numerator\":null",
                "\"reason\":\"Submitted against the wrong ward\"");

        given().contentType(ContentType.JSON).body(result("ward-2", "2025-05", 30, 40)).post("/api/v1/audit-results")
                .then().statusCode(200).body("outcome", equalTo("revised")).body("revision", equalTo(3))
                .body("withdrawal", org.hamcrest.Matchers.nullValue());
        assertThat(other).isNotEqualTo(organisation);
    }

    @Test
    void shouldRefuseResultsForAPeriodThatHasNotBegun() {
        String next = java.time.YearMonth.now().plusMonths(1).toString();
        given().contentType(ContentType.JSON).body(result("ward-1", next, 10, 20)).post("/api/v1/audit-results")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors[0].pointer", equalTo("/period"))
                .body("errors[0].detail", startsWith("period " + next + " has not begun"));
        given().contentType(ContentType.JSON).body(result("ward-1", "2099-01", 10, 20)).post("/api/v1/audit-results")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/period"));
        given().get("/api/v1/audit-results?organisation=" + organisation + "&from=" + next).then().body("total", equalTo(0));
    }

    @Test
    void shouldRejectABatchAtomicallyListingEveryInvalidItem() {
        List<Map<String, Object>> batch = List.of(
                result("ward-1", "2025-01", 10, 20),
                result("ward-1", "2025-13", 10, 20),
                result("ward-1", "2025-02", 21, 20),
                result("ward-1", "2025-01", 10, 20));
        given().contentType(ContentType.JSON).body(batch).post("/api/v1/audit-results")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("https://pdsa.nhs.uk/problems/validation"))
                .body("errors.pointer", contains("/1/period", "/2/numerator", "/3"));

        given().get("/api/v1/audit-results?organisation=" + organisation).then().statusCode(200).body("total", equalTo(0));
        assertThat(probe.find(Topics.AUDIT_RESULTS, about("nhfd/surgery-within-36h/" + organisation + "/ward-1"),
                Duration.ofSeconds(3))).isEmpty();
    }

    @Test
    void shouldListReadingAndRuleErrorsOfEveryItemInOneAnswer() {
        Map<String, Object> unknownField = new java.util.HashMap<>(result("ward-1", "2025-01", 10, 20));
        unknownField.put("comment", "late data");
        Map<String, Object> wrongType = new java.util.HashMap<>(result("ward-1", "2025-02", 10, 20));
        wrongType.put("numerator", "ten");
        given().contentType(ContentType.JSON)
                .body(List.of(unknownField, wrongType, result("ward-1", "2025-03", 30, 20), "not an object"))
                .post("/api/v1/audit-results")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.pointer", contains("/0/comment", "/1/numerator", "/2/numerator", "/3"));
    }

    @Test
    void shouldAcceptAValidBatchAndListItNewestFirst() {
        given().contentType(ContentType.JSON)
                .body(List.of(result("ward-2", "2025-01", 10, 20), result("ward-2", "2025-02", 12, 20)))
                .post("/api/v1/audit-results")
                .then().statusCode(200).body("received", equalTo(2)).body("created", equalTo(2)).body("results", hasSize(2));
        given().get("/api/v1/audit-results?organisation=" + organisation + "&from=2025-02")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].period", equalTo("2025-02"));
    }

    /** A spreadsheet user's export: RFC 4180 CSV of the same page as the JSON, and RFC 8288 links to the others. */
    @Test
    void shouldExportResultsAsCsvAPageAtATimeWithLinksToTheOtherPages() {
        given().contentType(ContentType.JSON).body(List.of(result("ward-1", "2025-01", 10, 20),
                result("ward-1", "2025-02", 11, 20), result("ward-1", "2025-03", 12, 20))).post("/api/v1/audit-results")
                .then().statusCode(200).body("created", equalTo(3));
        var csv = given().accept("text/csv").get("/api/v1/audit-results?organisation=" + organisation + "&size=2")
                .then().statusCode(200).contentType("text/csv; charset=UTF-8; header=present").extract();
        List<String> lines = List.of(csv.asString().split("\r\n", -1));
        assertThat(lines).hasSize(4).last().isEqualTo(""); // header, two rows, and the CRLF that ends the last row
        assertThat(lines.get(0)).isEqualTo("id,audit,metric,organisation,microsystem,period,revision,numerator,denominator,"
                + "value,expected,updatedAt,outcome,withdrawal.reason,withdrawal.withdrawnAt");
        assertThat(lines.get(1)).contains(",nhfd,surgery-within-36h," + organisation + ",ward-1,2025-03,1,12,20,");
        assertThat(lines.get(2)).contains(",ward-1,2025-02,1,11,20,");
        String base = "/api/v1/audit-results?organisation=" + organisation + "&size=2";
        assertThat(csv.header("Link")).isEqualTo("<" + base + "&page=0>; rel=\"first\", <" + base
                + "&page=1>; rel=\"next\", <" + base + "&page=1>; rel=\"last\"");
        // The next page, as JSON (the default): the way back, and no next.
        String link = given().get(base + "&page=1").then().statusCode(200).contentType(ContentType.JSON)
                .body("items[0].period", equalTo("2025-01")).extract().header("Link");
        assertThat(link).contains("rel=\"prev\"").doesNotContain("rel=\"next\"");
    }

    @Test
    void shouldStoreOneRevisionWhenTheSameNewResultArrivesConcurrently() throws Exception {
        int requests = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(requests);
        try {
            List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < requests; i++) {
                statuses.add(pool.submit(() -> given().contentType(ContentType.JSON).body(result("ward-8", "2025-06", 7, 9))
                        .post("/api/v1/audit-results").then().extract().statusCode()));
            }
            List<Integer> codes = new java.util.ArrayList<>();
            for (var status : statuses) {
                codes.add(status.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(codes).containsOnly(200, 201).containsOnlyOnce(201);
        } finally {
            pool.shutdown();
        }
        given().get("/api/v1/audit-results?organisation=" + organisation).then()
                .body("total", equalTo(1)).body("items[0].revision", equalTo(1));
    }

    @Test
    void shouldRejectMalformedJsonAsProblemJson() {
        given().contentType(ContentType.JSON).body("{\"audit\": \"nhfd\",").post("/api/v1/audit-results")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("title", equalTo("Request body cannot be read")).body("status", equalTo(400))
                .body("detail", startsWith("the body is not valid JSON (line 1, column"));
    }

    @Test
    void shouldRejectAnUnsupportedContentType() {
        given().contentType(ContentType.XML).body("<result/>").post("/api/v1/audit-results")
                .then().statusCode(415).contentType(PROBLEM_JSON).body("status", equalTo(415));
    }

    @Test
    void shouldRejectResultForUnknownMetricWithItsPointer() {
        Map<String, Object> item = new java.util.HashMap<>(result(null, "2025-03", 1, 2));
        item.put("metric", "door-to-needle");
        given().contentType(ContentType.JSON).body(item).post("/api/v1/audit-results")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].pointer", equalTo("/metric"))
                .body("errors[0].detail", equalTo("audit nhfd has no metric door-to-needle"));
    }

    @Test
    void shouldAnswerAnUnknownResultWith404Problem() {
        given().get("/api/v1/audit-results/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM_JSON);
        given().get("/api/v1/no-such-thing").then().statusCode(404).contentType(PROBLEM_JSON);
    }

    @Test
    void shouldAnswerMalformedParametersWith400Problem() {
        given().get("/api/v1/audit-results/not-a-uuid").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("title", equalTo("Malformed parameter"));
        given().get("/api/v1/audit-results?page=abc").then().statusCode(400).contentType(PROBLEM_JSON);
        given().get("/api/v1/audit-results?size=5000").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].pointer", equalTo("/size"));
        // page x size past an int's reach: refused, not an overflow into the query
        given().get("/api/v1/audit-results?page=2147483647&size=100").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].pointer", equalTo("/page"));
    }

    private Map<String, Object> result(String microsystem, String period, int numerator, int denominator) {
        return IngestFixtures.proportion(organisation, microsystem, period, numerator, denominator);
    }
}
