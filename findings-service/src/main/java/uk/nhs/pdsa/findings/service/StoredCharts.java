package uk.nhs.pdsa.findings.service;

import java.util.ArrayList;
import java.util.List;

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

/** Charts of the stored series and funnels, read as {@link SeriesReader} says. */
@ApplicationScoped
public class StoredCharts {
    private final SeriesReader reader;

    public StoredCharts(SeriesReader reader) {
        this.reader = reader;
    }

    public SpcResponse spc(String audit, String metric, String organisation, String microsystem) {
        List<FieldError> errors = new ArrayList<>();
        required(audit, "audit", errors);
        required(metric, "metric", errors);
        required(organisation, "organisation", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.validation("audit, metric and organisation are required", errors);
        }
        SeriesKey series = new SeriesKey(audit, metric, organisation, microsystem);
        String key = series.asText();
        List<SeriesPoint> points = reader.series(List.of(series)).getOrDefault(key, List.of());
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
        List<SeriesPoint> points = reader.funnels(List.of(List.of(audit, metric, period)))
                .getOrDefault(List.of(audit, metric, period), List.of());
        if (points.isEmpty()) {
            throw ProblemException.notFound("No results for " + audit + "/" + metric + " in " + period);
        }
        String metricType = points.get(0).metricType;
        FunnelPlot.Type type = SeriesReader.funnelType(metricType);
        if (type == null) {
            throw ProblemException.validation("a funnel plot needs a proportion or a rate; " + metric + " is a " + metricType,
                    List.of(new FieldError("/metric", "a " + metricType + " metric")));
        }
        List<FunnelPlot.Unit> units = SeriesReader.units(points);
        if (units.size() < 2) {
            throw ProblemException.validation("a funnel plot compares at least 2 organisations; " + period + " has "
                    + units.size(), List.of(new FieldError("/period", "one organisation")));
        }
        return FunnelResponse.of(metric + " (" + audit + ") by trust, " + period, FunnelPlot.compute(type, units, method));
    }

    private static void required(String value, String name, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError("/" + name, "query parameter " + name + " is required"));
        }
    }
}
