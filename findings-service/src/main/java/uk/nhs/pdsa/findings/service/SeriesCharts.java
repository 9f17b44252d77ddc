package uk.nhs.pdsa.findings.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.pdsa.events.Period;
import uk.nhs.pdsa.events.SeriesKey;
import uk.nhs.pdsa.findings.MetricSettings;
import uk.nhs.pdsa.findings.SeriesPoint;
import uk.nhs.pdsa.findings.funnel.FunnelPlot;
import uk.nhs.pdsa.findings.model.FunnelChart;
import uk.nhs.pdsa.findings.model.SeriesSummary;
import uk.nhs.pdsa.findings.model.SpcChart;
import uk.nhs.pdsa.findings.repository.PlaceNames;
import uk.nhs.pdsa.findings.repository.SeriesRepository;
import uk.nhs.pdsa.findings.spc.SpcAnalysis;
import uk.nhs.pdsa.findings.spc.Variation;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;
import uk.nhs.pdsa.runtime.rest.PageView;

/**
 * The one read model of stored charts: a series as an SPC chart (a microsystem's points, or a trust's own results
 * or the sum of its microsystems), an organisation's series as a list, and a period's funnel across trusts.
 */
@ApplicationScoped
public class SeriesCharts {
    private final SeriesRepository repository;
    private final PlaceNames places;

    public SeriesCharts(SeriesRepository repository, PlaceNames places) {
        this.repository = repository;
        this.places = places;
    }

    /** The address of a stored chart, as lists and messages link to it. */
    public static String address(SeriesKey series) {
        return "/api/v1/spc?audit=" + query(series.audit()) + "&metric=" + query(series.metric()) + "&organisation="
                + query(series.organisation()) + (series.microsystem() == null ? "" : "&microsystem="
                        + query(series.microsystem()));
    }

    /** @throws ProblemException 400 when a part of the key is missing, 404 when the series has no points */
    public SpcChart spc(String audit, String metric, String organisation, String microsystem) {
        List<FieldError> errors = new ArrayList<>();
        required(audit, "audit", errors);
        required(metric, "metric", errors);
        required(organisation, "organisation", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.validation("audit, metric and organisation are required", errors);
        }
        SeriesKey series = new SeriesKey(audit, metric, organisation, microsystem);
        List<SeriesPoint> points = repository.series(List.of(series)).getOrDefault(series.asText(), List.of());
        if (points.isEmpty()) {
            throw ProblemException.notFound("No series " + series.asText());
        }
        List<Long> numerators = new ArrayList<>();
        List<Long> denominators = new ArrayList<>();
        for (SeriesPoint p : points) {
            numerators.add(p.numerator());
            denominators.add(p.denominator());
        }
        Optional<MetricSettings> settings = MetricSettings.of(audit, metric);
        String metricTitle = settings.map(s -> s.metricTitle).orElse(metric);
        String auditTitle = settings.map(s -> s.auditTitle).orElse(audit);
        String title = metricTitle + " (" + auditTitle + "), " + places.of(organisation, microsystem);
        SpcChart.Subject subject = new SpcChart.Subject(series, metricTitle, points.get(0).metricType().code());
        List<Double> expected = points.get(0).metricType().standardised()
                ? points.stream().map(p -> p.expected() == null ? null : p.expected().doubleValue()).toList() : null;
        return SpcChart.of(title, subject, SeriesAnalyser.analyse(points, settings,
                uk.nhs.pdsa.findings.SeriesRebase.activePeriods(List.of(series)).getOrDefault(series.asText(), List.of())),
                numerators, denominators, expected);
    }

    /**
     * The series of an organisation (its own or summed trust series and its microsystems'), each where it stands.
     *
     * @param audits the audits the caller may read; null for every audit
     * @return the page {@code page} of {@code size} series, in the order of their keys (audit, metric, organisation,
     *         microsystem); only that page's series are analysed
     */
    public PageView<SeriesSummary> seriesOf(String organisation, String audit, String metric, Collection<String> audits,
            int page, int size) {
        if (organisation == null || organisation.isBlank()) {
            throw ProblemException.validation("organisation is required",
                    List.of(new FieldError("/organisation", "query parameter organisation is required")));
        }
        List<SeriesSummary> summaries = new ArrayList<>();
        Map<List<String>, Optional<MetricSettings>> settings = new HashMap<>();
        Map<String, List<SeriesPoint>> every = repository.seriesOf(organisation, audit, metric, audits);
        List<String> keys = every.keySet().stream().sorted().toList();
        PageView<String> onPage = PageView.of(keys, page, size);
        Map<String, List<SeriesPoint>> all = new java.util.LinkedHashMap<>();
        onPage.items().forEach(key -> all.put(key, every.get(key)));
        Map<String, List<String>> rebased = uk.nhs.pdsa.findings.SeriesRebase.activePeriods(all.values().stream()
                .map(points -> points.get(points.size() - 1))
                .map(p -> new SeriesKey(p.audit(), p.metric(), p.organisation(), p.microsystem())).toList());
        for (Map.Entry<String, List<SeriesPoint>> series : all.entrySet()) {
            List<SeriesPoint> points = series.getValue();
            SeriesPoint latest = points.get(points.size() - 1);
            // One settings read per metric, not per series (a trust has a series per ward for each metric).
            Optional<MetricSettings> metricSettings = settings.computeIfAbsent(List.of(latest.audit(), latest.metric()),
                    k -> MetricSettings.of(latest.audit(), latest.metric()));
            SpcAnalysis analysis = SeriesAnalyser.analyse(points, metricSettings, rebased.getOrDefault(
                    new SeriesKey(latest.audit(), latest.metric(), latest.organisation(), latest.microsystem()).asText(),
                    List.of()));
            summaries.add(new SeriesSummary(latest.audit(), latest.metric(), latest.organisation(), latest.microsystem(),
                    points.size(), latest.period(), analysis.points().get(analysis.points().size() - 1).value(),
                    analysis.latestVariation().map(Variation::code).orElse(null), analysis.assurance().code(),
                    analysis.target(), analysis.provisional(), address(new SeriesKey(latest.audit(), latest.metric(),
                            latest.organisation(), latest.microsystem()))));
        }
        return new PageView<>(page, size, onPage.total(), summaries);
    }

    public FunnelChart funnel(String audit, String metric, String period, String overdispersion) {
        List<FieldError> errors = new ArrayList<>();
        required(audit, "audit", errors);
        required(metric, "metric", errors);
        required(period, "period", errors);
        FunnelPlot.Method method = FunnelRequests.method(overdispersion, "/overdispersion", errors);
        if (period != null) {
            try {
                Period.parse(period);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("/period", "'" + period + "' is not a period: " + e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors.size() + " invalid parameter(s)", errors);
        }
        List<SeriesPoint> points = repository.funnels(List.of(List.of(audit, metric, period)))
                .getOrDefault(List.of(audit, metric, period), List.of());
        if (points.isEmpty()) {
            throw ProblemException.notFound("No results for " + audit + "/" + metric + " in " + period);
        }
        SeriesPoint first = points.get(0);
        FunnelPlot.Type type = FunnelPlot.Type.of(first.metricType()).orElseThrow(() -> ProblemException.validation(
                "a funnel plot needs a proportion or a rate; " + metric + " is a " + first.metricType().code(),
                List.of(new FieldError("/metric", "a " + first.metricType().code() + " metric"))));
        List<FunnelPlot.Unit> units = units(points);
        if (units.size() < 2) {
            throw ProblemException.validation("a funnel plot compares at least 2 organisations; " + period + " has "
                    + units.size(), List.of(new FieldError("/period", "one organisation")));
        }
        Optional<MetricSettings> settings = MetricSettings.of(audit, metric);
        String metricTitle = settings.map(s -> s.metricTitle).orElse(metric);
        return FunnelChart.of(metricTitle + " (" + settings.map(s -> s.auditTitle).orElse(audit) + ") by trust, " + period,
                metricTitle, FunnelPlot.compute(type, units, method));
    }

    /** The funnel units of one period's trust points (counted ones only; standardised ratios with their expected). */
    public static List<FunnelPlot.Unit> units(List<SeriesPoint> trustPoints) {
        return trustPoints.stream().filter(p -> p.numerator() != null)
                .filter(p -> !p.metricType().standardised() || p.standardised())
                .map(p -> p.standardised()
                        ? new FunnelPlot.Unit(p.organisation(), p.numerator(), p.denominator(), p.expected().doubleValue())
                        : new FunnelPlot.Unit(p.organisation(), p.numerator(), p.denominator())).toList();
    }

    private static void required(String value, String name, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError("/" + name, "query parameter " + name + " is required"));
        }
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
