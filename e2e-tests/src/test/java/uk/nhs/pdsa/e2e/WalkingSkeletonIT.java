package uk.nhs.pdsa.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import uk.nhs.pdsa.events.CloudEventHeaders;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventSchemas;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.TestTokens;
import uk.nhs.pdsa.events.Topics;

/**
 * The four packaged services as separate processes against the real Kafka broker and PostgreSQL server
 * of the test stack, driven over HTTP only. Waits are bounded polls, never fixed sleeps.
 */
class WalkingSkeletonIT {
    private static final Duration HOP_TIMEOUT = Duration.ofSeconds(60);
    private static final String KAFKA = System.getProperty("pdsa.kafka", "127.0.0.1:19092");
    private static final EventProbe PROBE = new EventProbe(KAFKA);
    private static ServiceProcess ingest;
    private static ServiceProcess findings;
    private static ServiceProcess actionPlan;
    private static ServiceProcess notification;
    private static TraceCollector traces;

    private String organisation;

    @BeforeAll
    static void startServices() throws Exception {
        Path logs = Path.of(System.getProperty("pdsa.logs", "target/e2e-logs"));
        traces = new TraceCollector();
        ingest = service("audit-ingest-service", 18081, "e2e_ingest", logs);
        findings = service("findings-service", 18082, "e2e_findings", logs);
        actionPlan = service("action-plan-service", 18083, "e2e_actionplan", logs);
        notification = service("notification-service", 18084, "e2e_notification", logs);
        ServiceProcess.startAll(List.of(ingest, findings, actionPlan, notification));
        for (ServiceProcess s : List.of(ingest, findings, actionPlan, notification)) {
            System.out.printf("[e2e] %-22s ready in %5.1f s (the four started together), RSS %d MB%n", s.name(),
                    s.startTime().toMillis() / 1000.0, s.rssMegabytes());
        }
    }

    private static ServiceProcess service(String name, int port, String database, Path logs) {
        // Spans to the tests' own collector, exported within a fifth of a second.
        return ServiceProcess.onTestStack(name, port, database, "http://127.0.0.1:18082", logs, Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint(),
                "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms"));
    }

    @AfterAll
    static void stopServices() throws Exception {
        ServiceProcess.stopAll(Arrays.asList(notification, actionPlan, findings, ingest));
        if (traces != null) {
            traces.close();
        }
    }

    @BeforeEach
    void catalogue() {
        organisation = TestOrganisations.unique("E");
        TestTokens.actAs(organisation);
        E2eCatalogue.hipFracture(ingest.url(), organisation, "E2E trust", List.of("ward-1", "ward-2", "ward-10"),
                findings.url(), actionPlan.url(), notification.url());
    }

    @Test
    void shouldCarryOneAuditResultThroughEveryService() {
        // 16 steady months, then 7 months well below: the shift is already established...
        List<Map<String, Object>> history = new ArrayList<>();
        for (int month = 1; month <= 23; month++) {
            history.add(result("ward-10", month, month > 16 ? 31 : month % 2 == 0 ? 41 : 45, 52));
        }
        given().baseUri(ingest.url()).contentType(ContentType.JSON).body(history).post("/api/v1/audit-results")
                .then().statusCode(200).body("created", equalTo(23));

        // The history has been analysed: the concern stands at 2024-11 (so the next result's work is its own).
        await().atMost(HOP_TIMEOUT).untilAsserted(() -> given().baseUri(findings.url())
                .get("/api/v1/findings?organisation=" + organisation + "&microsystem=ward-10")
                .then().statusCode(200).body("items.period", hasItem("2024-11")));

        // ...and this one result, for 2024-12, is the event followed through every hop, in the caller's trace.
        String trace = EventProbe.newTraceparent();
        String resultId = given().baseUri(ingest.url()).contentType(ContentType.JSON).header("traceparent", trace)
                .body(result("ward-10", 24, 30, 52)).post("/api/v1/audit-results")
                .then().statusCode(201).extract().path("id");
        String series = "nhfd/surgery-within-36h/" + organisation + "/ward-10";

        // Hop 1: ingest stored it and published it.
        given().baseUri(ingest.url()).get("/api/v1/audit-results/" + resultId).then().statusCode(200)
                .body("result.period", equalTo("2024-12")).body("revisions", hasSize(1));
        ConsumerRecord<String, String> recorded = PROBE.find(Topics.AUDIT_RESULTS,
                r -> "nhfd/surgery-within-36h".equals(r.key())
                        && (series + "@2024-12").equals(EventProbe.header(r, CloudEventHeaders.SUBJECT)),
                HOP_TIMEOUT).orElseThrow(() -> new AssertionError("no audit-result event for 2024-12"));
        assertThat(EventSchemas.violations(EventType.AUDIT_RESULT_RECORDED, recorded.value())).isEmpty();
        assertThat(EventProbe.traceId(EventProbe.header(recorded, CloudEventHeaders.TRACE_PARENT)))
                .isEqualTo(EventProbe.traceId(trace));

        // Hop 2: findings stored the point; the concern (raised from the history) now stands at 2024-12.
        await().atMost(HOP_TIMEOUT).untilAsserted(() -> given().baseUri(findings.url())
                .get("/api/v1/spc?audit=nhfd&metric=surgery-within-36h&organisation=" + organisation + "&microsystem=ward-10")
                .then().statusCode(200).body("points", hasSize(24)).body("variation", equalTo("special-cause-concern")));
        String findingId = await().atMost(HOP_TIMEOUT).until(() -> given().baseUri(findings.url())
                .get("/api/v1/findings?organisation=" + organisation + "&microsystem=ward-10")
                .then().statusCode(200).extract().<List<Map<String, Object>>>path("items").stream()
                .filter(f -> "2024-12".equals(f.get("period"))).map(f -> (String) f.get("findingId")).findFirst()
                .orElse(null), id -> id != null);

        // The finding's move to 2024-12 was published in the same trace (ce_traceparent), through the recomputation.
        ConsumerRecord<String, String> moved = PROBE.find(Topics.FINDINGS, r -> series.equals(r.key())
                        && String.valueOf(EventProbe.header(r, CloudEventHeaders.SUBJECT)).endsWith("@2024-12"), HOP_TIMEOUT)
                .orElseThrow(() -> new AssertionError("no finding event for 2024-12"));
        assertThat(EventProbe.traceId(EventProbe.header(moved, CloudEventHeaders.TRACE_PARENT)))
                .isEqualTo(EventProbe.traceId(trace));

        // Hop 3: action-plan holds an open improvement need for the microsystem with that finding as evidence.
        await().atMost(HOP_TIMEOUT).untilAsserted(() -> given().baseUri(actionPlan.url())
                .get("/api/v1/improvement-needs?organisation=" + organisation + "&microsystem=ward-10")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].status", equalTo("open"))
                .body("items[0].evidence.findingId", hasItem(findingId)));

        // Hop 4: notification logged messages addressed to the trust: the need, and the concern when it was raised
        // (a finding that goes on is one message, not one a month).
        await().atMost(HOP_TIMEOUT).untilAsserted(() -> given().baseUri(notification.url())
                .get("/api/v1/notifications?organisation=" + organisation).then().statusCode(200)
                .body("items.subject", hasItem(org.hamcrest.Matchers.startsWith(
                        "Concern: surgery-within-36h at ward-10 (" + organisation + ") in 2024-")))
                .body("items.subject", hasItem("Improvement need opened: surgery-within-36h at ward-10 (" + organisation + ")")));
    }

    /**
     * One result, submitted in the caller's trace, followed to the email it leads to: the spans every service exported
     * form one tree of that trace (ingest's request, findings' consumer and recomputation, action-plan's and
     * notification's consumers, notification's email delivery).
     */
    @Test
    void shouldFollowOneResultFromTheRequestToTheEmailInOneTrace() {
        String lead = "lead." + organisation.toLowerCase(java.util.Locale.ROOT) + "@e2e.nhs.test";
        TestTokens.as(TestTokens.NATIONAL, "admin").baseUri(notification.url()).contentType(ContentType.JSON)
                .body(Map.of("organisation", organisation, "name", "Clinical lead", "role", "clinical-lead", "email", lead))
                .post("/api/v1/contacts").then().statusCode(201);
        List<Map<String, Object>> steady = new ArrayList<>();
        for (int month = 1; month <= 20; month++) {
            steady.add(result("ward-2", month, month % 2 == 0 ? 41 : 45, 52));
        }
        given().baseUri(ingest.url()).contentType(ContentType.JSON).body(steady).post("/api/v1/audit-results")
                .then().statusCode(200).body("created", equalTo(20));
        await().atMost(HOP_TIMEOUT).untilAsserted(() -> given().baseUri(findings.url())
                .get("/api/v1/spc?audit=nhfd&metric=surgery-within-36h&organisation=" + organisation + "&microsystem=ward-2")
                .then().statusCode(200).body("points", hasSize(20)));

        String caller = EventProbe.newTraceparent();
        String trace = EventProbe.traceId(caller);
        given().baseUri(ingest.url()).contentType(ContentType.JSON).header("traceparent", caller)
                .body(result("ward-2", 21, 6, 52)).post("/api/v1/audit-results").then().statusCode(201);
        await().atMost(HOP_TIMEOUT).untilAsserted(() -> assertThat(uk.nhs.pdsa.testing.Mailbox.messages(lead))
                .anySatisfy(m -> assertThat(m).contains("Concern: surgery-within-36h at ward-2")));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(traces.trace(trace))
                .extracting(s -> s.service() + " " + s.kind() + " " + s.name())
                .contains("audit-ingest-service SPAN_KIND_SERVER POST /api/v1/audit-results",
                        "findings-service SPAN_KIND_CONSUMER pdsa.audit-results.v1 process",
                        "findings-service SPAN_KIND_INTERNAL findings recompute",
                        "action-plan-service SPAN_KIND_CONSUMER pdsa.findings.v1 process",
                        "notification-service SPAN_KIND_CONSUMER pdsa.findings.v1 process",
                        "notification-service SPAN_KIND_CLIENT email send"));
        List<TraceCollector.Span> spans = traces.trace(trace);
        java.util.Set<String> known = new java.util.HashSet<>(spans.stream().map(TraceCollector.Span::spanId).toList());
        known.add(caller.substring(36, 52));
        assertThat(spans).as("one tree: every span's parent is in the trace").allSatisfy(s -> assertThat(known)
                .contains(s.parentSpanId()));
        long start = spans.stream().mapToLong(TraceCollector.Span::startNanos).min().orElseThrow();
        System.out.printf("[e2e] trace %s, %d spans:%n", trace, spans.size());
        spans.stream().sorted(java.util.Comparator.comparingLong(TraceCollector.Span::startNanos)).forEach(s -> System.out
                .printf("[e2e]   +%6.0f ms %-22s %-18s %-40s %7.1f ms%n", (s.startNanos() - start) / 1e6, s.service(),
                        s.kind().replace("SPAN_KIND_", ""), s.name(), s.millis()));
    }

    @Test
    void shouldRejectAMalformedSubmissionWithProblemJsonAndPublishNothing() {
        given().baseUri(ingest.url()).contentType(ContentType.JSON)
                .body("{\"audit\":\"nhfd\",\"metric\":\"surgery-within-36h\",\"organisation\":\"" + organisation + "\",")
                .post("/api/v1/audit-results")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        given().baseUri(ingest.url()).contentType(ContentType.JSON).body(result(null, 3, 60, 52))
                .post("/api/v1/audit-results")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].pointer", equalTo("/numerator"));

        given().baseUri(ingest.url()).get("/api/v1/audit-results?organisation=" + organisation)
                .then().statusCode(200).body("total", equalTo(0));
        assertThat(PROBE.find(Topics.AUDIT_RESULTS, r -> String.valueOf(EventProbe.header(r, CloudEventHeaders.SUBJECT))
                .contains("/" + organisation + "@"), Duration.ofSeconds(5)))
                .isEmpty();
    }

    @Test
    void shouldLoseNothingWhenFindingsDiesAndComesBack() throws Exception {
        findings.kill();
        try {
            given().baseUri(ingest.url()).contentType(ContentType.JSON)
                    .body(List.of(result("ward-1", 1, 40, 50), result("ward-1", 2, 41, 50)))
                    .post("/api/v1/audit-results").then().statusCode(200).body("created", equalTo(2));
        } finally {
            findings.start();
        }
        await().atMost(HOP_TIMEOUT).untilAsserted(() -> given().baseUri(findings.url())
                .get("/api/v1/spc?audit=nhfd&metric=surgery-within-36h&organisation=" + organisation + "&microsystem=ward-1")
                .then().statusCode(200).body("points", hasSize(2)));
    }

    @Test
    void shouldKeepAcceptedResultsThroughABrokerOutageAndPublishThemAfterwards() throws Exception {
        TestStack.kafka("kafka-stop");
        try {
            given().baseUri(ingest.url()).contentType(ContentType.JSON)
                    .body(List.of(result("ward-2", 1, 40, 50), result("ward-2", 2, 41, 50), result("ward-2", 3, 39, 50)))
                    .post("/api/v1/audit-results").then().statusCode(200).body("created", equalTo(3));
            // Ingest stays ready (it keeps accepting) and says the broker is unreachable; findings is not ready.
            await().atMost(HOP_TIMEOUT).untilAsserted(() -> given().baseUri(ingest.url()).get("/q/health/ready")
                    .then().statusCode(200)
                    .body("checks.find { it.name == 'Kafka broker' }.data.broker", equalTo("unreachable")));
            await().atMost(HOP_TIMEOUT).untilAsserted(() -> given().baseUri(findings.url()).get("/q/health/ready")
                    .then().statusCode(503));
        } finally {
            TestStack.kafka("kafka-start");
        }
        await().atMost(HOP_TIMEOUT).untilAsserted(() -> given().baseUri(findings.url())
                .get("/api/v1/spc?audit=nhfd&metric=surgery-within-36h&organisation=" + organisation + "&microsystem=ward-2")
                .then().statusCode(200).body("points.label", org.hamcrest.Matchers.contains("2023-01", "2023-02", "2023-03")));
        await().atMost(HOP_TIMEOUT).untilAsserted(() -> given().baseUri(findings.url()).get("/q/health/ready")
                .then().statusCode(200));
    }

    /**
     * An outlier case through every service, as the national audits run it (HQIP 2017): twelve trusts submit a
     * quarter's deaths with the deaths their patients' risks predict (a standardised ratio, 30 expected each); no monthly funnel raises anything for the policy's metric; the closed quarter's analysis
     * opens two alert cases; the audit asks both clinical leads to review their data; one confirms, the other
     * corrects by resubmitting, so the analysis runs again (the corrected trust is within the limits, the other now
     * an alarm); the board and the regulator are told; action-plan opens the trust's need and the team answers it with
     * a PDSA cycle, which findings takes as the trust's response; only at publication does the patient group hear,
     * in words that say what the trust did. Prints how long each hop took.
     */
    @Test
    void shouldRunAnOutlierCaseFromTheClosedPeriodsAnalysisToPublication() {
        int[] deaths = {90, 90, 30, 33, 27, 30, 36, 24, 30, 31, 29, 30};
        String prefix = TestOrganisations.unique("O");
        List<String> trusts = new ArrayList<>();
        for (int i = 0; i < deaths.length; i++) {
            trusts.add(prefix + i);
        }
        String high = trusts.get(0);
        String disputed = trusts.get(1);
        String audit = "oc-" + prefix.toLowerCase(java.util.Locale.ROOT);
        String regulator = prefix + "R";
        String patients = prefix + "P";
        var admin = TestTokens.as(TestTokens.NATIONAL, "admin");
        admin.baseUri(ingest.url()).contentType(ContentType.JSON).body(Map.of("title", "Outlier audit " + prefix,
                "specialty", "orthopaedics", "metrics", List.of(Map.of("code", "mortality", "title", "Death within 30 days",
                        "type", "standardised-ratio", "direction", "lower-is-better")),
                "outliers", Map.of("analysisPeriod", "calendar-quarter", "submissionsCloseAfter", 0,
                        "metrics", List.of("mortality"))))
                .put("/api/v1/audits/" + audit).then().statusCode(201);
        for (String trust : trusts) {
            TestTokens.as(TestTokens.NATIONAL, "admin").baseUri(ingest.url()).contentType(ContentType.JSON)
                    .body(Map.of("name", "Trust " + trust, "type", "trust")).put("/api/v1/organisations/" + trust)
                    .then().statusCode(201);
        }
        TestTokens.as(TestTokens.NATIONAL, "admin").baseUri(ingest.url()).contentType(ContentType.JSON)
                .body(Map.of("name", "Care Quality Commission", "type", "regulator"))
                .put("/api/v1/organisations/" + regulator).then().statusCode(201);
        TestTokens.as(TestTokens.NATIONAL, "admin").baseUri(ingest.url()).contentType(ContentType.JSON)
                .body(Map.of("name", "Healthwatch " + prefix, "type", "patient-group"))
                .put("/api/v1/organisations/" + patients).then().statusCode(201);
        for (String known : List.of(high, disputed, regulator, patients)) {
            E2eCatalogue.awaitKnown(known, findings.url(), actionPlan.url(), notification.url());
        }
        Map<String, String> mail = new java.util.LinkedHashMap<>();
        mail.put(high + "/clinical-lead", "lead");
        mail.put(high + "/medical-director", "md");
        mail.put(high + "/chief-executive", "ceo");
        mail.put(disputed + "/clinical-lead", "lead");
        mail.put(regulator + "/regulator-lead", "inspector");
        mail.put(patients + "/patient-representative", "rep");
        Map<String, String> address = new HashMap<>();
        mail.forEach((who, local) -> {
            String[] parts = who.split("/");
            String email = local + "." + parts[0].toLowerCase(java.util.Locale.ROOT) + "@e2e.nhs.test";
            address.put(who, email);
            TestTokens.as(TestTokens.NATIONAL, "admin").baseUri(notification.url()).contentType(ContentType.JSON)
                    .body(Map.of("organisation", parts[0], "name", parts[1], "role", parts[1], "email", email))
                    .post("/api/v1/contacts").then().statusCode(201);
        });

        long start = System.nanoTime();
        for (int i = 0; i < trusts.size(); i++) {
            submitQuarter(audit, trusts.get(i), deaths[i]);
        }
        await().atMost(HOP_TIMEOUT).until(() -> quarterCharted(audit, high, 3.0, trusts.size()));
        long charted = System.nanoTime();
        // The live monthly funnels are information only for the policy's metric: RJ1-like trust raised nothing.
        given().baseUri(findings.url()).header("Authorization", "Bearer " + TestTokens.token(high, "viewer"))
                .queryParam("organisation", high).queryParam("kind", "outlier").get("/api/v1/findings")
                .then().statusCode(200).body("items", hasSize(0));

        national().queryParam("audit", audit).post("/api/v1/outlier-analyses").then().statusCode(200)
                .body("analysed", equalTo(1)).body("casesOpened", equalTo(2));
        long analysed = System.nanoTime();
        String highCase = caseOf(audit, high);
        String disputedCase = caseOf(audit, disputed);
        step(TestTokens.NATIONAL, "national", highCase, "notify-clinical-lead").statusCode(200);
        step(TestTokens.NATIONAL, "national", disputedCase, "notify-clinical-lead").statusCode(200);
        await().atMost(HOP_TIMEOUT).untilAsserted(() -> assertThat(uk.nhs.pdsa.testing.Mailbox.messages(
                address.get(high + "/clinical-lead"))).anySatisfy(m -> assertThat(m).contains("Please review your data")));
        long leadTold = System.nanoTime();

        // One clinical lead confirms; the other corrects the data by resubmitting, and the analysis runs again.
        step(high, "improvement-lead", highCase, "confirm-data").statusCode(200).body("stage", equalTo("confirmed"));
        step(disputed, "improvement-lead", disputedCase, "correct-data").statusCode(200).body("stage", equalTo("reanalysis"));
        submitQuarter(audit, disputed, 30);
        await().atMost(HOP_TIMEOUT).until(() -> quarterCharted(audit, disputed, 1.0, trusts.size()));
        national().queryParam("audit", audit).post("/api/v1/outlier-analyses").then().statusCode(200)
                .body("analysed", equalTo(1));
        long reanalysed = System.nanoTime();
        national().get("/api/v1/outlier-cases/" + disputedCase).then().body("stage", equalTo("closed"));
        national().get("/api/v1/outlier-cases/" + highCase).then().body("stage", equalTo("confirmed"))
                .body("level", equalTo("alarm"));
        await().atMost(HOP_TIMEOUT).untilAsserted(() -> assertThat(uk.nhs.pdsa.testing.Mailbox.messages(
                address.get(disputed + "/clinical-lead"))).anySatisfy(m -> assertThat(m).contains("Within the limits after correction")));

        // The board and the regulator are told; action-plan opens the trust's need for the metric.
        step(TestTokens.NATIONAL, "national", highCase, "inform").statusCode(200);
        long informed = System.nanoTime();
        await().atMost(HOP_TIMEOUT).untilAsserted(() -> {
            assertThat(uk.nhs.pdsa.testing.Mailbox.messages(address.get(regulator + "/regulator-lead")))
                    .anySatisfy(m -> assertThat(m).contains("Confirmed outlier alarm"));
            assertThat(uk.nhs.pdsa.testing.Mailbox.messages(address.get(high + "/chief-executive")))
                    .anySatisfy(m -> assertThat(m).contains("Please respond by"));
        });
        long boardTold = System.nanoTime();
        var lead = TestTokens.as(high, "improvement-lead", "viewer").baseUri(actionPlan.url());
        String needId = await().atMost(HOP_TIMEOUT).until(() -> TestTokens.as(high, "viewer").baseUri(actionPlan.url())
                .get("/api/v1/improvement-needs?organisation=" + high).then().statusCode(200)
                .extract().<String>path("items[0].id"), id -> id != null);
        long needOpened = System.nanoTime();
        assertThat(uk.nhs.pdsa.testing.Mailbox.messages(address.get(patients + "/patient-representative"))).isEmpty();

        // The team answers the need with a PDSA cycle: findings records it as the trust's response.
        Map<String, Object> plan = new HashMap<>(Map.of("needId", needId, "title", "Senior review within 12 hours",
                "objective", "Fewer deaths within 30 days", "changeIdea", "Orthogeriatrician review on admission",
                "predictions", List.of(Map.of("question", "Fewer deaths?", "prediction", "Back to what is expected within 6 months")),
                "measures", List.of(Map.of("audit", audit, "metric", "mortality", "organisation", high)),
                "dataCollection", Map.of("who", "Audit clerk", "what", "Deaths", "when", "Monthly", "where", "PAS"),
                "owner", Map.of("name", "Dr B Okafor", "email", "b.okafor@e2e.nhs.test"),
                "plannedStart", java.time.LocalDate.now().toString(),
                "plannedEnd", java.time.LocalDate.now().plusMonths(3).toString()));
        lead.contentType(ContentType.JSON).body(plan).post("/api/v1/pdsa-cycles").then().statusCode(201);
        long planned = System.nanoTime();
        await().atMost(HOP_TIMEOUT).untilAsserted(() -> national().get("/api/v1/outlier-cases/" + highCase).then()
                .body("stage", equalTo("responded")));
        long responded = System.nanoTime();

        step(TestTokens.NATIONAL, "national", highCase, "publish").statusCode(200).body("stage", equalTo("published"));
        long published = System.nanoTime();
        await().atMost(HOP_TIMEOUT).untilAsserted(() -> assertThat(uk.nhs.pdsa.testing.Mailbox.messages(
                address.get(patients + "/patient-representative"))).anySatisfy(m -> assertThat(m)
                        .contains("January to March 2019", "was 90 for 300 patients. For patients like these, about 30"
                                + " would be usual.", "its staff started testing a change")));
        long patientsTold = System.nanoTime();
        given().baseUri(findings.url()).header("Authorization", "Bearer " + TestTokens.token(high, "viewer"))
                .get("/api/v1/outlier-cases/" + highCase).then().statusCode(200)
                .body("history.action", org.hamcrest.Matchers.contains("raised", "clinical-lead-notified", "data-confirmed",
                        "revised-data-still-alarm", "board-and-regulator-informed", "responded", "published"));

        System.out.printf("[e2e] outlier case: results submitted to quarter charted %d ms; analysis run %d ms;"
                        + " clinical lead notified to email %d ms; correction to re-analysis %d ms; board informed to"
                        + " regulator and chief executive emails %d ms, to need opened %d ms; cycle planned to case"
                        + " responded %d ms; published to patient group email %d ms%n",
                ms(start, charted), ms(charted, analysed), ms(analysed, leadTold), ms(leadTold, reanalysed),
                ms(informed, boardTold), ms(informed, needOpened), ms(planned, responded), ms(published, patientsTold));
    }

    private static io.restassured.specification.RequestSpecification national() {
        return TestTokens.as(TestTokens.NATIONAL, "national").baseUri(findings.url());
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private void submitQuarter(String audit, String trust, int deaths) {
        List<Map<String, Object>> quarter = new ArrayList<>();
        for (int month = 1; month <= 3; month++) {
            quarter.add(Map.of("audit", audit, "metric", "mortality", "organisation", trust,
                    "period", String.format("2019-%02d", month),
                    "numerator", deaths / 3 + (month <= deaths % 3 ? 1 : 0), "denominator", 100, "expected", 10.0));
        }
        TestTokens.as(trust, "submitter").baseUri(ingest.url()).contentType(ContentType.JSON).body(quarter)
                .post("/api/v1/audit-results").then().statusCode(200);
    }

    private boolean quarterCharted(String audit, String trust, double value, int units) {
        for (String period : List.of("2019-01", "2019-02", "2019-03")) {
            var funnel = TestTokens.as(trust, "viewer").baseUri(findings.url()).queryParam("audit", audit)
                    .queryParam("metric", "mortality").queryParam("period", period).get("/api/v1/funnel")
                    .then().extract().jsonPath();
            List<Object> all = funnel.getList("units");
            Float own = funnel.get("units.find { it.id == '" + trust + "' }.value");
            if (all == null || all.size() != units || own == null || Math.abs(own - value) > 0.02) {
                return false;
            }
        }
        return true;
    }

    private String caseOf(String audit, String trust) {
        return TestTokens.as(TestTokens.NATIONAL, "national").baseUri(findings.url()).queryParam("audit", audit)
                .queryParam("organisation", trust).get("/api/v1/outlier-cases").then().statusCode(200)
                .extract().path("[0].id");
    }

    private io.restassured.response.ValidatableResponse step(String organisation, String role, String caseId,
            String action) {
        return TestTokens.as(organisation, role).baseUri(findings.url()).contentType(ContentType.JSON)
                .body(Map.of("action", action)).post("/api/v1/outlier-cases/" + caseId + "/steps").then();
    }

    @Test
    void shouldStudyACycleWithTheSeriesFromTheRunningFindingsService() {
        // 16 good months, then 4 poor ones: a special cause concern opens a need for ward-1.
        List<Map<String, Object>> history = new ArrayList<>();
        for (int month = 1; month <= 20; month++) {
            history.add(result("ward-1", month, month > 16 ? 120 : 172, 200));
        }
        given().baseUri(ingest.url()).contentType(ContentType.JSON).body(history).post("/api/v1/audit-results")
                .then().statusCode(200).body("created", equalTo(20));
        String needId = await().atMost(HOP_TIMEOUT).until(() -> given().baseUri(actionPlan.url())
                .get("/api/v1/improvement-needs?organisation=" + organisation + "&microsystem=ward-1")
                .then().statusCode(200).extract().<String>path("items[0].id"), id -> id != null);

        // The team plans a change, makes it on 2 September 2024 and four better months follow.
        Map<String, Object> plan = new HashMap<>(Map.of("needId", needId, "title", "Theatre slot held",
                "objective", "More patients in theatre within 36 h", "changeIdea", "Hold the first trauma slot",
                "predictions", List.of(Map.of("question", "More within 36 h?", "prediction", "Over 90% within 3 months")),
                "measures", List.of(Map.of("audit", "nhfd", "metric", "surgery-within-36h", "organisation", organisation,
                        "microsystem", "ward-1")),
                "dataCollection", Map.of("who", "Clerk", "what", "Times", "when", "Daily", "where", "Theatre system"),
                "owner", Map.of("name", "Dr A Patel", "email", "a.patel@nhs.net"),
                "plannedStart", "2024-09-01", "plannedEnd", "2024-12-31"));
        var planned = given().baseUri(actionPlan.url()).contentType(ContentType.JSON).body(plan)
                .post("/api/v1/pdsa-cycles").then().statusCode(201).extract();
        String cycle = "/api/v1/pdsa-cycles/" + planned.path("id");
        String etag = given().baseUri(actionPlan.url()).contentType(ContentType.JSON).header("If-Match", planned.header("ETag"))
                .body(Map.of("changeDate", "2024-09-02", "whatWasDone", "Slot held from 2 September"))
                .post(cycle + "/do").then().statusCode(200).extract().header("ETag");
        List<Map<String, Object>> after = new ArrayList<>();
        for (int month = 21; month <= 24; month++) {
            after.add(result("ward-1", month, 194, 200));
        }
        given().baseUri(ingest.url()).contentType(ContentType.JSON).body(after).post("/api/v1/audit-results")
                .then().statusCode(200).body("created", equalTo(4));
        await().atMost(HOP_TIMEOUT).untilAsserted(() -> given().baseUri(findings.url())
                .get("/api/v1/spc?audit=nhfd&metric=surgery-within-36h&organisation=" + organisation + "&microsystem=ward-1")
                .then().statusCode(200).body("points", hasSize(24)));

        // Study reads the series from findings: 20 points before the change, 4 since, special cause improvement.
        given().baseUri(actionPlan.url()).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("comparison", "97% in each month since; predicted over 90%", "learning", "The slot works"))
                .post(cycle + "/study").then().statusCode(200)
                .body("study.evidence[0].available", equalTo(true))
                .body("study.evidence[0].chart", equalTo("p"))
                .body("study.evidence[0].before", hasSize(20))
                .body("study.evidence[0].after.period", org.hamcrest.Matchers.contains("2024-09", "2024-10", "2024-11", "2024-12"))
                .body("study.evidence[0].improvement.orientation", equalTo("improvement"))
                .body("study.evidence[0].improvement.firstPeriod", equalTo("2024-09"))
                .body("study.evidence[0].sustained", equalTo(true))
                .body("suggestedScore", equalTo(4.0f));
        given().baseUri(actionPlan.url()).contentType(ContentType.JSON).header("If-Match", "\"3\"")
                .body(Map.of("decision", "adopt", "rationale", "Sustained improvement; the slot becomes standard"))
                .post(cycle + "/act").then().statusCode(200).body("stage", equalTo("act"));
        given().baseUri(actionPlan.url()).get("/api/v1/improvement-needs/" + needId).then()
                .body("status", equalTo("improved"));
    }

    private Map<String, Object> result(String microsystem, int month, int numerator, int denominator) {
        Map<String, Object> item = new HashMap<>(Map.of("audit", "nhfd", "metric", "surgery-within-36h",
                "organisation", organisation, "period", String.format("%d-%02d", 2023 + (month - 1) / 12, (month - 1) % 12 + 1),
                "numerator", numerator, "denominator", denominator));
        if (microsystem != null) {
            item.put("microsystem", microsystem);
        }
        return item;
    }
}
