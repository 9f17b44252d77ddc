package uk.nhs.pdsa.findings.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.IntStream;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import uk.nhs.pdsa.metrics.MetricType;
import uk.nhs.pdsa.events.AuditDefined;
import uk.nhs.pdsa.events.AuditResultRecorded;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.OrganisationDefined;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.TestTokens;

/**
 * Through the real catalogue path: an audit of a specialty of its own, a college covering it and one that
 * does not, and ten trusts with six months of one metric, the first far below the others (an alarm-low
 * outlier, a concern, in the funnel of 2025-06).
 */
public final class ScopedFixture {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    public final String audit;
    public final String college;
    public final String otherCollege;
    public final List<String> trusts;
    /** The low trust's outlier finding. */
    public final String finding;

    public ScopedFixture() {
        String tag = TestOrganisations.unique("s").toLowerCase(Locale.ROOT);
        EventProbe probe = new EventProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        audit = "sec-" + tag;
        String specialty = "specialty-" + tag;
        college = TestOrganisations.unique("R");
        otherCollege = TestOrganisations.unique("R");
        send(probe, EventType.ORGANISATION_DEFINED, OrganisationDefined.key(college), new OrganisationDefined(college, 1,
                "Royal College", "college", List.of(specialty), List.of(), Instant.now()));
        send(probe, EventType.ORGANISATION_DEFINED, OrganisationDefined.key(otherCollege), new OrganisationDefined(
                otherCollege, 1, "Another college", "college", List.of("another-" + tag), List.of(), Instant.now()));
        send(probe, EventType.AUDIT_DEFINED, AuditDefined.key(audit), new AuditDefined(audit, 1, "Security audit", specialty,
                List.of(new AuditDefined.Metric("m", "M", MetricType.PROPORTION, "higher-is-better", null, null,
                        "https://pdsa.nhs.uk/fhir/Measure/" + audit + "-m", null)), Instant.now()));
        String prefix = TestOrganisations.unique("Q");
        trusts = IntStream.range(0, 10).mapToObj(i -> prefix + i).toList();
        for (int month = 1; month <= 6; month++) {
            String period = String.format("2025-%02d", month);
            for (int i = 0; i < 10; i++) {
                AuditResultRecorded event = new AuditResultRecorded(UUID.randomUUID(), 1, audit, "m", MetricType.PROPORTION,
                        "higher-is-better", null, trusts.get(i), null, period, i == 0 && month == 6 ? 50L : 80L, 100L, null,
                        Instant.now());
                probe.send(EventType.AUDIT_RESULT_RECORDED, UUID.randomUUID().toString(), audit + "/m",
                        event.seriesKey().withPeriod(period), write(event));
            }
        }
        String low = trusts.get(0);
        finding = await().atMost(Duration.ofSeconds(30)).until(() -> TestTokens.as(college, "college")
                .queryParam("audit", audit).queryParam("kind", "outlier").get("/api/v1/findings").then().statusCode(200)
                .extract().<String>path("items.find { it.organisation == '" + low + "' }.findingId"), id -> id != null);
    }

    /** Six months of a ward of {@code organisation} in the fixture's audit, once charted; the ward's code. */
    public String ward(String organisation) {
        EventProbe probe = new EventProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        for (int month = 1; month <= 6; month++) {
            String period = String.format("2025-%02d", month);
            AuditResultRecorded event = new AuditResultRecorded(UUID.randomUUID(), 1, audit, "m", MetricType.PROPORTION,
                    "higher-is-better", null, organisation, "ward-1", period, 40L + month, 50L, null, Instant.now());
            probe.send(EventType.AUDIT_RESULT_RECORDED, UUID.randomUUID().toString(), audit + "/m",
                    event.seriesKey().withPeriod(period), write(event));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> TestTokens.as(organisation, "viewer").queryParam("audit", audit)
                .queryParam("metric", "m").queryParam("organisation", organisation).queryParam("microsystem", "ward-1")
                .get("/api/v1/spc").then().extract().jsonPath().getList("points").size() == 6);
        return "ward-1";
    }

    private static void send(EventProbe probe, EventType type, String key, Record payload) {
        probe.send(type, key, key, write(payload));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
