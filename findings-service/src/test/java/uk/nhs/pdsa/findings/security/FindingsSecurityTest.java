package uk.nhs.pdsa.findings.security;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.IntStream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import uk.nhs.pdsa.events.AuditDefined;
import uk.nhs.pdsa.events.AuditResultRecorded;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.OrganisationDefined;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.TestTokens;

/**
 * Who reads which findings, through the real catalogue path: a college reads every trust's findings of the
 * audits of its specialties and nothing else; a trust reads its own only and sees other trusts in a funnel
 * plot anonymised; a patient group reads none here (publications are in notification-service).
 */
@QuarkusTest
class FindingsSecurityTest {
    private final EventProbe probe = new EventProbe(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    @Inject
    ObjectMapper json;

    @Test
    void shouldScopeCollegesBySpecialtyAndTrustsToThemselves() throws Exception {
        String tag = TestOrganisations.unique("s").toLowerCase(Locale.ROOT);
        String audit = "sec-" + tag;
        String specialty = "specialty-" + tag;
        String college = TestOrganisations.unique("R");
        String otherCollege = TestOrganisations.unique("R");
        catalogue(EventType.ORGANISATION_DEFINED, OrganisationDefined.key(college), new OrganisationDefined(college, 1,
                "Royal College", "college", List.of(specialty), List.of(), Instant.now()));
        catalogue(EventType.ORGANISATION_DEFINED, OrganisationDefined.key(otherCollege), new OrganisationDefined(
                otherCollege, 1, "Another college", "college", List.of("another-" + tag), List.of(), Instant.now()));
        catalogue(EventType.AUDIT_DEFINED, AuditDefined.key(audit), new AuditDefined(audit, 1, "Security audit", specialty,
                List.of(new AuditDefined.Metric("m", "M", "proportion", "higher-is-better", null, null,
                        "https://pdsa.nhs.uk/fhir/Measure/" + audit + "-m", null)), Instant.now()));
        // Ten trusts, the first far below the others: an alarm-low outlier (a concern) in the funnel of 2025-06.
        String prefix = TestOrganisations.unique("Q");
        List<String> trusts = IntStream.range(0, 10).mapToObj(i -> prefix + i).toList();
        for (int i = 0; i < 10; i++) {
            publish(audit, trusts.get(i), i == 0 ? 50 : 80);
        }
        String low = trusts.get(0);
        String finding = await().atMost(Duration.ofSeconds(30)).until(() -> TestTokens.as(college, "college")
                .queryParam("audit", audit).get("/api/v1/findings").then().statusCode(200).extract()
                .<String>path("items.find { it.organisation == '" + low + "' }.findingId"), id -> id != null);

        // The college covering the specialty reads it; the other college does not even see it exists.
        TestTokens.as(college, "college").get("/api/v1/findings/" + finding).then().statusCode(200)
                .body("organisation", equalTo(low));
        TestTokens.as(otherCollege, "college").get("/api/v1/findings/" + finding).then().statusCode(404)
                .contentType("application/problem+json");
        TestTokens.as(otherCollege, "college").queryParam("audit", audit).get("/api/v1/findings").then()
                .statusCode(200).body("total", equalTo(0));

        // The trust itself reads it; another trust of the same funnel does not.
        TestTokens.as(low, "viewer").get("/api/v1/findings/" + finding).then().statusCode(200);
        String peer = trusts.get(5);
        TestTokens.as(peer, "viewer", "improvement-lead").get("/api/v1/findings/" + finding).then().statusCode(404);
        TestTokens.as(peer, "viewer").queryParam("audit", audit).get("/api/v1/findings").then().statusCode(200)
                .body("items.organisation", everyItem(equalTo(peer)));
        TestTokens.as(peer, "viewer").queryParam("audit", audit).queryParam("organisation", low).get("/api/v1/series")
                .then().statusCode(200).body("size()", equalTo(0));
        TestTokens.as(peer, "viewer").get("/api/v1/series/" + audit + "/m/" + low).then().statusCode(404);
        TestTokens.as(peer, "viewer").get("/api/v1/spc?audit=" + audit + "&metric=m&organisation=" + low).then().statusCode(404);
        TestTokens.as(peer, "viewer").get("/api/v1/spc.svg?audit=" + audit + "&metric=m&organisation=" + low).then()
                .statusCode(404);

        // In the funnel a trust sees itself named and its peers anonymised; the college sees every trust.
        String funnel = "/api/v1/funnel?audit=" + audit + "&metric=m&period=2025-06";
        String seenByPeer = TestTokens.as(peer, "viewer").get(funnel).then().statusCode(200)
                .body("units.id", hasItem(peer))
                .body("units.findAll { it.id != '" + peer + "' }.id", everyItem(startsWith("peer-")))
                .extract().asString();
        org.assertj.core.api.Assertions.assertThat(seenByPeer).doesNotContain(low);
        TestTokens.as(peer, "viewer").accept("image/svg+xml").get(funnel).then().statusCode(200)
                .body(not(org.hamcrest.Matchers.containsString(low)));
        TestTokens.as(college, "college").get(funnel).then().statusCode(200).body("units.id", hasItem(low));
        TestTokens.as(otherCollege, "college").get(funnel).then().statusCode(404);
        TestTokens.as(TestOrganisations.unique("Q"), "viewer").get(funnel).then().statusCode(404); // not in it
        TestTokens.as("HWENG", "patient-group").get(funnel).then().statusCode(403).contentType("application/problem+json");
        TestTokens.as(low, "submitter").get("/api/v1/findings").then().statusCode(403);
    }

    private void catalogue(EventType type, String key, Record payload) throws Exception {
        probe.send(type, key, key, json.writeValueAsString(payload));
    }

    private void publish(String audit, String trust, long numerator) throws Exception {
        AuditResultRecorded event = new AuditResultRecorded(UUID.randomUUID(), 1, audit, "m", "proportion",
                "higher-is-better", null, trust, null, "2025-06", numerator, 100L, null, Instant.now());
        probe.send(EventType.AUDIT_RESULT_RECORDED, UUID.randomUUID().toString(), audit + "/m",
                event.seriesKey().withPeriod("2025-06"), json.writeValueAsString(event));
    }

}
