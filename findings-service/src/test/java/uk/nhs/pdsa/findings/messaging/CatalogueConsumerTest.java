package uk.nhs.pdsa.findings.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import uk.nhs.pdsa.metrics.MetricType;
import uk.nhs.pdsa.events.AuditDefined;
import uk.nhs.pdsa.events.AuditResultRecorded;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventSchemas;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.OrganisationDefined;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.TestTokens;
import uk.nhs.pdsa.findings.support.TestColleges;
import uk.nhs.pdsa.findings.MetricSettings;

/** A metric's SPC settings arrive on the catalogue topic and change how its series are read. */
@QuarkusTest
class CatalogueConsumerTest {
    private final EventProbe probe = new EventProbe(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    @Inject
    ObjectMapper json;

    /**
     * A token acts only for an organisation the catalogue holds: refused with 403 (and recorded with the code it named)
     * until the organisation's event arrives, then accepted. Its token is made without the test kit's shortcut that
     * writes every minted token's organisation into known_organisation.
     */
    @Test
    void shouldAcceptATokenOnlyOnceTheCatalogueHoldsItsOrganisation() throws Exception {
        String trust = TestOrganisations.unique("K");
        String token = TestTokens.withClaims(trust, List.of("viewer"), java.util.Map.of());
        given().auth().oauth2(token).get("/api/v1/findings").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pdsa.nhs.uk/problems/unknown-organisation"))
                .body("detail", org.hamcrest.Matchers.containsString(trust));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> TestTokens.admin().queryParam("organisation", trust)
                .get("/api/v1/audit-trail").then().statusCode(200).body("items.status", org.hamcrest.Matchers.contains(403))
                .body("items.path", org.hamcrest.Matchers.contains("/api/v1/findings")));
        probe.send(EventType.ORGANISATION_DEFINED, OrganisationDefined.key(trust), OrganisationDefined.key(trust),
                json.writeValueAsString(new OrganisationDefined(trust, 1, "New Trust", "trust", List.of(), List.of(),
                        Instant.now())));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token).get("/api/v1/findings")
                .then().statusCode(200).body("total", equalTo(0)));
    }

    @Test
    void shouldReadASixPointShiftWhenTheCatalogueAsksForIt() throws Exception {
        String audit = "cat-" + TestOrganisations.unique("a").toLowerCase(Locale.ROOT);
        String trust = TestOrganisations.unique("C");
        TestTokens.actAs(trust);
        AuditDefined definition = new AuditDefined(audit, 2, "Catalogue test", "orthopaedics", List.of(
                new AuditDefined.Metric("six", "Six-point rules", MetricType.PROPORTION, "higher-is-better", new BigDecimal("0.8"),
                        null, "https://pdsa.nhs.uk/fhir/Measure/" + audit + "-six",
                        new AuditDefined.SpcSettings("p", 6, 6, null, null, null, null)),
                new AuditDefined.Metric("seven", "Default rules", MetricType.PROPORTION, "higher-is-better", null, null,
                        "https://pdsa.nhs.uk/fhir/Measure/" + audit + "-seven", null)), Instant.now());
        String payload = json.writeValueAsString(definition);
        org.assertj.core.api.Assertions.assertThat(EventSchemas.violations(EventType.AUDIT_DEFINED, payload)).isEmpty();
        probe.send(EventType.AUDIT_DEFINED, AuditDefined.key(audit), AuditDefined.key(audit), payload);
        // An older version arriving later must not undo the newer one; the catalogue topic has one partition, so
        // once a later event for another audit is applied, the older one has been read.
        AuditDefined older = new AuditDefined(audit, 1, "Catalogue test", "orthopaedics", List.of(
                new AuditDefined.Metric("six", "Six-point rules", MetricType.PROPORTION, "higher-is-better", null, null,
                        "https://pdsa.nhs.uk/fhir/Measure/" + audit + "-six", null)), Instant.now());
        probe.send(EventType.AUDIT_DEFINED, AuditDefined.key(audit), AuditDefined.key(audit), json.writeValueAsString(older));
        // The trust's name, then an older version of it: chart titles read the newer name, not the code.
        for (int version : new int[] {2, 1}) {
            OrganisationDefined named = new OrganisationDefined(trust, version, version == 2 ? "Catalogue Test Trust"
                    : "Old name", "trust", List.of(), List.of(), Instant.now());
            probe.send(EventType.ORGANISATION_DEFINED, OrganisationDefined.key(trust), OrganisationDefined.key(trust),
                    json.writeValueAsString(named));
        }
        String marker = audit + "-marker";
        probe.send(EventType.AUDIT_DEFINED, AuditDefined.key(marker), AuditDefined.key(marker), json.writeValueAsString(
                new AuditDefined(marker, 1, "Marker", "orthopaedics", List.of(new AuditDefined.Metric("m", "M", MetricType.VALUE,
                        "neutral", null, null, "https://pdsa.nhs.uk/fhir/Measure/" + marker + "-m", null)), Instant.now())));
        await().atMost(Duration.ofSeconds(30)).until(() -> settings(marker, "m") != null);
        MetricSettings six = settings(audit, "six");
        org.assertj.core.api.Assertions.assertThat(six.auditVersion).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(six.spc.shiftLength()).isEqualTo(6);

        // 14 steady months around 83 %, then 6 months at 78 %: within the limits, a shift of 6 but not of 7.
        for (int month = 1; month <= 20; month++) {
            long numerator = month > 14 ? 39 : month % 2 == 0 ? 41 : 42;
            publish(audit, "six", trust, month, numerator);
            publish(audit, "seven", trust, month, numerator);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/api/v1/spc?audit=" + audit + "&metric=six&organisation=" + trust).then().statusCode(200)
                .body("points", hasSize(20)).body("chart", equalTo("p"))
                .body("variation", equalTo("special-cause-concern"))
                .body("signals.rule", org.hamcrest.Matchers.hasItem("shift")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/api/v1/findings?organisation=" + trust + "&metric=six").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].period", equalTo("2024-08"))
                .body("items[0].specialCause.signals.rule", org.hamcrest.Matchers.hasItem("shift")));
        given().get("/api/v1/spc?audit=" + audit + "&metric=six&organisation=" + trust).then()
                .body("title", equalTo("Six-point rules (Catalogue test), Catalogue Test Trust"));
        given().get("/api/v1/spc?audit=" + audit + "&metric=seven&organisation=" + trust).then().statusCode(200)
                .body("points", hasSize(20)).body("chart", equalTo("p")).body("variation", equalTo("common-cause"));
        given().get("/api/v1/findings?organisation=" + trust + "&metric=seven").then().body("total", equalTo(0));

        // The catalogue moves "seven" to six-point rules too: its series is recomputed without any new result.
        AuditDefined newer = new AuditDefined(audit, 3, "Catalogue test", "orthopaedics", List.of(
                definition.metrics().get(0),
                new AuditDefined.Metric("seven", "Now six-point rules", MetricType.PROPORTION, "higher-is-better", null, null,
                        "https://pdsa.nhs.uk/fhir/Measure/" + audit + "-seven",
                        new AuditDefined.SpcSettings("p", 6, 6, null, null, null, null))), Instant.now());
        probe.send(EventType.AUDIT_DEFINED, AuditDefined.key(audit), AuditDefined.key(audit), json.writeValueAsString(newer));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/api/v1/findings?organisation=" + trust + "&metric=seven").then()
                .body("total", equalTo(1)).body("items[0].status", equalTo("open"))
                .body("items[0].specialCause.signals.rule", org.hamcrest.Matchers.hasItem("shift")));
        // "six" did not change: its finding is untouched (still version 1).
        given().get("/api/v1/findings?organisation=" + trust + "&metric=six").then()
                .body("total", equalTo(1)).body("items[0].version", equalTo(1));
    }

    private static MetricSettings settings(String audit, String metric) {
        return QuarkusTransaction.requiringNew().call(() -> MetricSettings.of(audit, metric).orElse(null));
    }

    private void publish(String audit, String metric, String trust, int month, long numerator) throws Exception {
        String period = String.format("%d-%02d", 2023 + (month - 1) / 12, (month - 1) % 12 + 1);
        AuditResultRecorded event = new AuditResultRecorded(UUID.randomUUID(), 1, audit, metric, MetricType.PROPORTION,
                "higher-is-better", null, trust, null, period, numerator, 50L, null, Instant.now());
        probe.send(EventType.AUDIT_RESULT_RECORDED, UUID.randomUUID().toString(), audit + "/" + metric,
                event.seriesKey().withPeriod(period), json.writeValueAsString(event));
    }
}
