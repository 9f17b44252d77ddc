package uk.nhs.pdsa.findings.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import uk.nhs.pdsa.events.AuditDefined;
import uk.nhs.pdsa.events.AuditResultRecorded;
import uk.nhs.pdsa.events.EventProbe;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.metrics.MetricType;
import uk.nhs.pdsa.testing.TestTokens;

/**
 * An audit that compares metric {@code m} (lower is better) on closed calendar quarters, closing at once, and a
 * metric {@code n} with the same data outside its policy; each trust's deaths over January to March 2019, of 100
 * patients a month.
 */
public final class OutlierFixture {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    public final String audit = "out-" + TestOrganisations.unique("o").toLowerCase(Locale.ROOT);
    private final EventProbe probe = new EventProbe(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    private final int trusts;

    /** The trusts and their deaths over the quarter, in order. */
    public OutlierFixture(List<String> organisations, int[] deaths) {
        this.trusts = organisations.size();
        AuditDefined definition = new AuditDefined(audit, 1, "Outlier audit", "specialty-" + audit, List.of(
                metric("m"), metric("n")), Instant.now(),
                new AuditDefined.Outliers("calendar-quarter", 0, List.of("m"), new AuditDefined.Timescales(10, 25, 5, 10, 5)));
        probe.send(EventType.AUDIT_DEFINED, AuditDefined.key(audit), AuditDefined.key(audit), write(definition));
        for (int i = 0; i < organisations.size(); i++) {
            submit("m", organisations.get(i), deaths[i], 1);
            submit("n", organisations.get(i), deaths[i], 1);
        }
    }

    /** The first trust's case, once the quarter is charted and analysed. */
    public String caseOf(String organisation, double value) {
        awaitQuarter(organisation, value);
        TestTokens.as(TestTokens.NATIONAL, "national").queryParam("audit", audit).post("/api/v1/outlier-analyses")
                .then().statusCode(200);
        return TestTokens.as(TestTokens.NATIONAL, "national").queryParam("audit", audit)
                .queryParam("organisation", organisation).get("/api/v1/outlier-cases").then().statusCode(200)
                .extract().path("[0].id");
    }

    private AuditDefined.Metric metric(String code) {
        return new AuditDefined.Metric(code, code.toUpperCase(Locale.ROOT), MetricType.PROPORTION, "lower-is-better", null,
                null, "https://pdsa.nhs.uk/fhir/Measure/" + audit + "-" + code, null);
    }

    /** The trust's quarter of {@code metric}, {@code deaths} spread over the months, as this revision of its results. */
    public void submit(String metric, String organisation, int deaths, int revision) {
        for (int month = 1; month <= 3; month++) {
            long d = deaths / 3 + (month <= deaths % 3 ? 1 : 0);
            String period = String.format("2019-%02d", month);
            UUID id = UUID.nameUUIDFromBytes((audit + metric + organisation + period).getBytes());
            AuditResultRecorded event = new AuditResultRecorded(id, revision, audit, metric, MetricType.PROPORTION,
                    "lower-is-better", null, organisation, null, period, d, 100L, null, Instant.now());
            probe.send(EventType.AUDIT_RESULT_RECORDED, UUID.randomUUID().toString(), audit + "/" + metric,
                    event.seriesKey().withPeriod(period), write(event));
        }
    }

    /** Until each month's funnel of metric m holds every trust, {@code organisation} at about {@code value}. */
    public void awaitQuarter(String organisation, double value) {
        for (String period : List.of("2019-01", "2019-02", "2019-03")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                var funnel = TestTokens.as(organisation, "viewer").queryParam("audit", audit).queryParam("metric", "m")
                        .queryParam("period", period).get("/api/v1/funnel").then().extract().jsonPath();
                List<Object> units = funnel.getList("units");
                Float own = funnel.get("units.find { it.id == '" + organisation + "' }.value");
                return units != null && units.size() == trusts && own != null && Math.abs(own - value) < 0.02;
            });
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
