package uk.nhs.pdsa.findings.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.pdsa.events.Period;
import uk.nhs.pdsa.events.SeriesKey;
import uk.nhs.pdsa.findings.SeriesPoint;
import uk.nhs.pdsa.findings.funnel.FunnelPlot;
import uk.nhs.pdsa.findings.rest.FunnelResponse;
import uk.nhs.pdsa.findings.rest.SpcResponse;
import uk.nhs.pdsa.findings.spc.SpcAnalysis;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;

/**
 * Charts of the stored series. A trust's own series is its trust-level results; a trust that submits per
 * microsystem only gets the sum of its microsystems per period (proportions and rates; values cannot be
 * summed). The funnel of a metric and period compares trusts the same way.
 */
@ApplicationScoped
public class StoredCharts {

    public SpcResponse spc(String audit, String metric, String organisation, String microsystem) {
        List<FieldError> errors = new ArrayList<>();
        required(audit, "audit", errors);
        required(metric, "metric", errors);
        required(organisation, "organisation", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.validation("audit, metric and organisation are required", errors);
        }
        String key = new SeriesKey(audit, metric, organisation, microsystem).asText();
        List<SeriesPoint> points = SeriesPoint.ofSeries(key);
        if (points.isEmpty() && microsystem == null) {
            points = summedMicrosystems(audit, metric, organisation);
        }
        if (points.isEmpty()) {
            throw ProblemException.notFound("No series " + key);
        }
        List<Long> numerators = new ArrayList<>();
        List<Long> denominators = new ArrayList<>();
        for (SeriesPoint p : points) {
            numerators.add(p.numerator);
            denominators.add(p.denominator);
        }
        SpcAnalysis analysis = SeriesAnalyser.analyse(points);
        String title = metric + " (" + audit + "), " + organisation + (microsystem == null ? "" : " " + microsystem);
        return SpcResponse.of(title, analysis, numerators, denominators);
    }

    /** Per period, the sum of the trust's microsystem results (counted metrics only). */
    private static List<SeriesPoint> summedMicrosystems(String audit, String metric, String organisation) {
        List<SeriesPoint> parts = SeriesPoint.list("audit = ?1 and metric = ?2 and organisation = ?3"
                + " and microsystem is not null order by periodStart, period", audit, metric, organisation);
        Map<String, SeriesPoint> byPeriod = new LinkedHashMap<>();
        for (SeriesPoint part : parts) {
            if (part.numerator == null) {
                return List.of();
            }
            SeriesPoint sum = byPeriod.computeIfAbsent(part.period, p -> copyWithoutMeasures(part));
            sum.numerator += part.numerator;
            sum.denominator += part.denominator;
        }
        return new ArrayList<>(byPeriod.values());
    }

    private static SeriesPoint copyWithoutMeasures(SeriesPoint part) {
        SeriesPoint sum = new SeriesPoint();
        sum.seriesKey = new SeriesKey(part.audit, part.metric, part.organisation, null).asText();
        sum.period = part.period;
        sum.periodStart = part.periodStart;
        sum.audit = part.audit;
        sum.metric = part.metric;
        sum.organisation = part.organisation;
        sum.metricType = part.metricType;
        sum.direction = part.direction;
        sum.target = part.target;
        sum.numerator = 0L;
        sum.denominator = 0L;
        return sum;
    }

    public FunnelResponse funnel(String audit, String metric, String period, String overdispersion) {
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
        List<SeriesPoint> points = SeriesPoint.list("audit = ?1 and metric = ?2 and period = ?3", audit, metric, period);
        if (points.isEmpty()) {
            throw ProblemException.notFound("No results for " + audit + "/" + metric + " in " + period);
        }
        String metricType = points.get(0).metricType;
        if (!"proportion".equals(metricType) && !"rate".equals(metricType)) {
            throw ProblemException.validation("a funnel plot needs a proportion or a rate; " + metric + " is a " + metricType,
                    List.of(new FieldError("/metric", "a " + metricType + " metric")));
        }
        Map<String, long[]> trustLevel = new TreeMap<>();
        Map<String, long[]> summed = new TreeMap<>();
        for (SeriesPoint p : points) {
            Map<String, long[]> into = p.microsystem == null ? trustLevel : summed;
            long[] totals = into.computeIfAbsent(p.organisation, o -> new long[2]);
            totals[0] += p.numerator;
            totals[1] += p.denominator;
        }
        summed.putAll(trustLevel);
        if (summed.size() < 2) {
            throw ProblemException.validation("a funnel plot compares at least 2 organisations; " + period + " has "
                    + summed.size(), List.of(new FieldError("/period", "one organisation")));
        }
        List<FunnelPlot.Unit> units = summed.entrySet().stream()
                .map(e -> new FunnelPlot.Unit(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
        FunnelPlot.Type type = "proportion".equals(metricType) ? FunnelPlot.Type.PROPORTION : FunnelPlot.Type.RATE;
        return FunnelResponse.of(metric + " (" + audit + ") by trust, " + period, FunnelPlot.compute(type, units, method));
    }

    private static void required(String value, String name, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError("/" + name, "query parameter " + name + " is required"));
        }
    }
}
