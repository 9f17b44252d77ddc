package uk.nhs.pdsa.notification.service;

import uk.nhs.pdsa.metrics.MetricType;
import uk.nhs.pdsa.testing.TestTokens;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import uk.nhs.pdsa.events.AuditDefined;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.events.ImprovementNeedState;
import uk.nhs.pdsa.events.PdsaCycleState;
import uk.nhs.pdsa.events.TestNeeds;
import uk.nhs.pdsa.events.OrganisationDefined;
import uk.nhs.pdsa.events.OutlierCaseState;
import uk.nhs.pdsa.events.TestOutlierCases;
import uk.nhs.pdsa.events.TestFindings;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.Mailbox;

/**
 * Staged disclosure with the real broker, database and mail server: the trust first; the college covering the
 * audit's specialty after the delay (14 days), one summary per audit, concerns only, each finding once;
 * patient groups only trust-level findings, once published (28-day embargo, or by hand).
 */
@QuarkusTest
class DisclosureTest {
    @org.junit.jupiter.api.BeforeEach
    void actAsAdmin() {
        TestTokens.actAs(TestTokens.NATIONAL); // the platform's admin, with every trust role too
    }

    private final EventProbe probe = new EventProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    @Inject
    ObjectMapper json;
    @Inject
    DisclosureWatch watch;

    @Test
    void shouldTellTheCollegeAfterTheDelayAndPatientsOnlyWhatIsPublished() throws Exception {
        String trust = TestOrganisations.unique("D");
        String college = TestOrganisations.unique("C");
        String patients = TestOrganisations.unique("P");
        String audit = "aud-" + trust.toLowerCase(Locale.ROOT);
        String specialty = "specialty-" + trust.toLowerCase(Locale.ROOT);
        Instant now = Instant.now();
        send(EventType.AUDIT_DEFINED, AuditDefined.key(audit), new AuditDefined(audit, 1, "Test Audit of " + trust, specialty,
                List.of(new AuditDefined.Metric("within-36h", "Surgery within 36 hours", MetricType.PROPORTION, "higher-is-better",
                        null, null, "https://pdsa.nhs.uk/fhir/Measure/x", null),
                        new AuditDefined.Metric("mortality", "Death within 30 days, against expected",
                                MetricType.STANDARDISED_RATIO, "lower-is-better", null, null, null, null)), now));
        send(EventType.ORGANISATION_DEFINED, OrganisationDefined.key(trust), new OrganisationDefined(trust, 1,
                "Test Hospital " + trust, "trust", List.of(), List.of(), now));
        send(EventType.ORGANISATION_DEFINED, OrganisationDefined.key(college), new OrganisationDefined(college, 1,
                "Royal College " + college, "college", List.of(specialty), List.of(), now));
        // The catalogue keeps each metric's type, so a standardised ratio is disclosed as observed against expected.
        await().atMost(Duration.ofSeconds(20)).until(() -> io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> uk.nhs.pdsa.notification.CatalogueEntry.audit(audit)
                        .map(e -> e.standardised("mortality") && !e.standardised("within-36h")).orElse(false)));
        send(EventType.ORGANISATION_DEFINED, OrganisationDefined.key(patients), new OrganisationDefined(patients, 1,
                "Healthwatch " + patients, "patient-group", List.of(), List.of(), now));
        String collegeLead = "audit." + college.toLowerCase(Locale.ROOT) + "@college.test";
        String representative = "rep." + patients.toLowerCase(Locale.ROOT) + "@healthwatch.test";
        contact(trust, "clinical-lead", "lead." + trust.toLowerCase(Locale.ROOT) + "@trust.test");
        contact(college, "college-audit-lead", collegeLead);
        contact(patients, "patient-representative", representative);

        FindingState wardConcern = inAudit(TestFindings.specialCause(trust, "ward-1", "2025-11", "special-cause-concern", 0.6, 0.8), audit);
        FindingState trustOutlier = inAudit(TestFindings.lowOutlier(trust, "2025-12", "alarm", 0.52, 0.78), audit);
        FindingState wardImprovement = inAudit(TestFindings.specialCause(trust, "ward-2", "2025-12", "special-cause-improvement", 0.95, 0.8), audit);
        for (FindingState f : List.of(wardConcern, trustOutlier, wardImprovement)) {
            send(EventType.FINDING_RAISED, f.key(), f);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Mailbox.messages(
                "lead." + trust.toLowerCase(Locale.ROOT) + "@trust.test")).hasSize(3));
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/v1/contacts?organisation=" + patients).statusCode() == 200
                && catalogueKnows(college));

        // Before the delay: nothing for the college.
        watch.run(now.plus(Duration.ofDays(13)));
        Thread.sleep(1000);
        assertThat(Mailbox.messages(collegeLead)).isEmpty();
        // After it: one summary of the audit's two concerns; not the improvement; once.
        watch.run(now.plus(Duration.ofDays(15)));
        watch.run(now.plus(Duration.ofDays(16)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Mailbox.messages(collegeLead)).hasSize(1));
        String summary = Mailbox.messages(collegeLead).get(0);
        assertThat(summary).contains("Subject: Test Audit of " + trust + ": 2 findings for review", "Test Hospital " + trust,
                "ward-1", "special cause concern", "alarm low outlier").doesNotContain("ward-2");

        // Patients: nothing before the embargo, then the trust-level outlier only, in plain words.
        assertThat(Mailbox.messages(representative)).isEmpty();
        watch.run(now.plus(Duration.ofDays(29)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Mailbox.messages(representative))
                .anySatisfy(m -> assertThat(m).contains("Test Hospital " + trust, "52 in 100", "78 in 100")));
        assertThat(Mailbox.messages(representative)).noneSatisfy(m -> assertThat(m).contains("ward-"));
        given().get("/api/v1/publications/" + trustOutlier.findingId()).then().statusCode(200).body("how", equalTo("embargo"));

        // By hand: a microsystem finding is never published; a published one is not published twice.
        given().contentType(ContentType.JSON).body(Map.of("findingId", wardConcern.findingId().toString()))
                .post("/api/v1/publications").then().statusCode(400).body("errors[0].pointer", equalTo("/findingId"));
        given().contentType(ContentType.JSON).body(Map.of("findingId", trustOutlier.findingId().toString()))
                .post("/api/v1/publications").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("findingId", java.util.UUID.randomUUID().toString()))
                .post("/api/v1/publications").then().statusCode(404);
    }

    @Test
    void shouldPublishATrustLevelFindingByHandBeforeTheEmbargo() throws Exception {
        String trust = TestOrganisations.unique("D");
        String patients = TestOrganisations.unique("P");
        Instant now = Instant.now();
        send(EventType.ORGANISATION_DEFINED, OrganisationDefined.key(patients), new OrganisationDefined(patients, 1,
                "Healthwatch " + patients, "patient-group", List.of(), List.of(), now));
        String representative = "rep." + patients.toLowerCase(Locale.ROOT) + "@healthwatch.test";
        contact(patients, "patient-representative", representative);
        FindingState outlier = TestFindings.lowOutlier(trust, "2025-12", "alert", 0.6, 0.78);
        send(EventType.FINDING_RAISED, outlier.key(), outlier);
        await().atMost(Duration.ofSeconds(20)).until(() -> catalogueKnows(patients) && given().contentType(ContentType.JSON)
                .body(Map.of("findingId", outlier.findingId().toString())).post("/api/v1/publications").statusCode() == 201);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Mailbox.messages(representative))
                .anySatisfy(m -> assertThat(m).contains("60 in 100")));
        given().get("/api/v1/publications/" + outlier.findingId()).then().body("how", equalTo("explicit"));
        given().delete("/api/v1/publications/" + outlier.findingId()).then().statusCode(204);
        given().get("/api/v1/publications?organisation=" + trust).then().body("items[0].withdrawnAt", org.hamcrest.Matchers.notNullValue());
        given().contentType(ContentType.JSON).body(Map.of("findingId", outlier.findingId().toString()))
                .post("/api/v1/publications").then().statusCode(409);
    }

    /**
     * Beside a published finding, what the trust has done since the finding's period began: cycles on the same
     * measure (on any of its wards) started since, how they ended, and an improved need; other measures and earlier
     * cycles not.
     */
    @Test
    void shouldSayWhatTheTrustHasDoneSinceAPublishedFinding() throws Exception {
        String trust = TestOrganisations.unique("D");
        FindingState outlier = TestFindings.lowOutlier(trust, "2025-12", "alarm", 0.6, 0.78);
        Instant before = Instant.parse("2025-11-30T23:00:00Z"); // before December 2025, the finding's period
        cycleEvent(EventType.CYCLE_PLANNED, trust, "ward-1", "surgery-within-36h", 1, null, before);
        send(EventType.FINDING_RAISED, outlier.key(), outlier);
        await().atMost(Duration.ofSeconds(20)).until(() -> given().contentType(ContentType.JSON)
                .body(Map.of("findingId", outlier.findingId().toString())).post("/api/v1/publications").statusCode() == 201);
        given().get("/api/v1/publications/" + outlier.findingId()).then().body("since.testsStarted", equalTo(0))
                .body("since.improvedAt", org.hamcrest.Matchers.nullValue());

        Instant later = Instant.now().plusSeconds(5);
        java.util.UUID first = cycleEvent(EventType.CYCLE_PLANNED, trust, "ward-1", "surgery-within-36h", 1, null, later);
        cycleEvent(EventType.CYCLE_COMPLETED, trust, "ward-1", "surgery-within-36h", 4, "adapt", later.plusSeconds(60), first);
        java.util.UUID second = cycleEvent(EventType.CYCLE_PLANNED, trust, "ward-2", "surgery-within-36h", 1, null, later.plusSeconds(120));
        cycleEvent(EventType.CYCLE_COMPLETED, trust, "ward-2", "surgery-within-36h", 4, "adopt", later.plusSeconds(180), second);
        // Started in the finding's month, before the trust-level finding reached the trust: counted.
        cycleEvent(EventType.CYCLE_PLANNED, trust, "ward-3", "surgery-within-36h", 1, null, Instant.parse("2025-12-15T10:00:00Z"));
        cycleEvent(EventType.CYCLE_PLANNED, trust, "ward-1", "another-metric", 1, null, later);
        ImprovementNeedState opened = TestNeeds.opened(trust, "ward-2", outlier.findingId(), "2025-12", java.time.LocalDate.now());
        ImprovementNeedState improved = new ImprovementNeedState(opened.needId(), 5, ImprovementNeedState.IMPROVED,
                trust, "ward-2", opened.audit(), opened.metric(), opened.openingFindingId(), opened.evidence(), opened.openedAt(),
                opened.dueBy(), null, null, null, later.plusSeconds(240), later.plusSeconds(240));
        send(EventType.NEED_IMPROVED, trust, improved);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/publications/" + outlier.findingId())
                .then().body("since.testsStarted", equalTo(3)).body("since.testsFinished", equalTo(2))
                .body("since.adopted", equalTo(1)).body("since.adapted", equalTo(1)).body("since.abandoned", equalTo(0))
                .body("since.improvedAt", org.hamcrest.Matchers.notNullValue()));
        TestTokens.as("HWX", "patient-group").get("/api/v1/publications?organisation=" + trust).then().statusCode(200)
                .body("items[0].since.testsStarted", equalTo(3));
    }

    /**
     * An outlier case: its confirmed alarm reaches the medical director, the chief executive and the regulator;
     * patient groups hear nothing until the audit publishes, and then read what the trust did.
     */
    @Test
    void shouldTellTheRegulatorOfAConfirmedAlarmAndPatientsOnlyAtTheCasesPublication() throws Exception {
        String trust = TestOrganisations.unique("D");
        String regulator = TestOrganisations.unique("R");
        String patients = TestOrganisations.unique("P");
        Instant now = Instant.now();
        send(EventType.ORGANISATION_DEFINED, OrganisationDefined.key(regulator), new OrganisationDefined(regulator, 1,
                "Care Quality Commission", "regulator", List.of(), List.of(), now));
        send(EventType.ORGANISATION_DEFINED, OrganisationDefined.key(patients), new OrganisationDefined(patients, 1,
                "Healthwatch " + patients, "patient-group", List.of(), List.of(), now));
        String inspector = "inspector." + regulator.toLowerCase(Locale.ROOT) + "@cqc.test";
        String director = "md." + trust.toLowerCase(Locale.ROOT) + "@trust.nhs.test";
        String chief = "ceo." + trust.toLowerCase(Locale.ROOT) + "@trust.nhs.test";
        String representative = "rep." + patients.toLowerCase(Locale.ROOT) + "@healthwatch.test";
        contact(regulator, "regulator-lead", inspector);
        contact(trust, "medical-director", director);
        contact(trust, "chief-executive", chief);
        contact(patients, "patient-representative", representative);
        await().atMost(Duration.ofSeconds(20)).until(() -> catalogueKnows(regulator) && catalogueKnows(patients));

        java.util.UUID caseId = java.util.UUID.randomUUID();
        java.time.LocalDate due = java.time.LocalDate.now().plusDays(14);
        OutlierCaseState informed = TestOutlierCases.at(caseId, 5, trust, "alarm", "informed",
                "board-and-regulator-informed", "audit", "trust", due, null);
        send(EventType.OUTLIER_CASE_MOVED, informed.subject(), informed);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(Mailbox.messages(inspector)).anySatisfy(m -> assertThat(m).contains("Confirmed outlier alarm", trust));
            assertThat(Mailbox.messages(director)).anySatisfy(m -> assertThat(m).contains("Confirmed outlier"));
            assertThat(Mailbox.messages(chief)).anySatisfy(m -> assertThat(m).contains("Please respond by"));
        });
        Thread.sleep(1000);
        assertThat(Mailbox.messages(representative)).isEmpty();

        OutlierCaseState published = TestOutlierCases.at(caseId, 7, trust, "alarm", "published", "published", "audit",
                "nobody", null, new OutlierCaseState.Response("cycle", java.util.UUID.randomUUID(),
                        java.util.UUID.randomUUID(), Instant.parse("2026-06-20T10:00:00Z")));
        send(EventType.OUTLIER_CASE_MOVED, published.subject(), published);
        send(EventType.OUTLIER_CASE_MOVED, published.subject(), published); // a replay sends nothing more
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Mailbox.messages(representative))
                .anySatisfy(m -> assertThat(m).contains("April 2025 to March 2026", "14 in 100",
                        "On 20 June 2026 its staff started testing a change")));
        Thread.sleep(1000);
        assertThat(Mailbox.messages(representative)).hasSize(1);
        assertThat(Mailbox.messages(inspector)).hasSize(1);
        // Listed with the published findings from now on, for patient groups' pages.
        TestTokens.as(patients, "patient-group").get("/api/v1/publications/" + caseId).then().statusCode(200)
                .body("kind", equalTo("outlier-case")).body("period", equalTo("2025-26"))
                .body("how", equalTo("outlier-case")).body("since.testsStarted", equalTo(0));
        TestTokens.as(patients, "patient-group").get("/api/v1/publications?organisation=" + trust).then().statusCode(200)
                .body("items.findingId", org.hamcrest.Matchers.contains(caseId.toString()));
    }

    private java.util.UUID cycleEvent(EventType type, String trust, String ward, String metric, int version, String decision,
            Instant at, java.util.UUID... id) throws Exception {
        java.util.UUID cycleId = id.length > 0 ? id[0] : java.util.UUID.randomUUID();
        PdsaCycleState c = new PdsaCycleState(cycleId, version, decision == null ? "plan" : "act", null, cycleId, null, 1,
                trust, ward, "A test of change", List.of(new PdsaCycleState.Measure("nhfd", metric, trust, ward)),
                new PdsaCycleState.Person("Dr A Patel", "a.patel@nhs.net", null), null, java.time.LocalDate.now(),
                java.time.LocalDate.now().plusMonths(2), null, decision, 1.5, null, at);
        send(type, trust, c);
        return cycleId;
    }

    private boolean catalogueKnows(String organisation) {
        return ((Number) io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                uk.nhs.pdsa.notification.CatalogueEntry.organisation(organisation).isPresent() ? 1 : 0)).intValue() == 1;
    }

    private void contact(String organisation, String role, String email) {
        given().contentType(ContentType.JSON).body(Map.of("organisation", organisation, "name", role, "role", role,
                "email", email)).post("/api/v1/contacts").then().statusCode(201);
    }

    private void send(EventType type, String key, Record payload) throws Exception {
        probe.send(type, key, key, json.writeValueAsString(payload));
    }

    private static FindingState inAudit(FindingState f, String audit) {
        return new FindingState(f.findingId(), f.kind(), f.status(), f.version(), f.orientation(), audit, f.metric(),
                f.direction(), f.organisation(), f.microsystem(), f.period(), f.value(), f.specialCause(), f.outlier(),
                f.raisedAt(), f.updatedAt(), f.resolvedAt());
    }
}
