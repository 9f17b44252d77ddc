package uk.nhs.pdsa.findings.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import uk.nhs.pdsa.events.SeriesKey;

import uk.nhs.pdsa.findings.spc.ChartPoint;
import uk.nhs.pdsa.findings.spc.RunsAnalysis;
import uk.nhs.pdsa.findings.spc.Signal;
import uk.nhs.pdsa.findings.spc.SpcAnalysis;
import uk.nhs.pdsa.findings.spc.Variation;

/**
 * A chart as the API answers it, for a stored series (with the series it shows) or for posted data; limits are
 * null on a run chart, and on a provisional chart (fewer than 12 points) every point is common cause.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "SpcChart", example = """
        {"title": "surgery-within-36h (nhfd), RXH trauma-ward-2", "audit": "nhfd", "metric": "surgery-within-36h",
         "organisation": "RXH", "microsystem": "trauma-ward-2", "metricTitle": "Surgery within 36 hours of admission",
         "metricType": "proportion", "chart": "p", "direction": "higher-is-better",
         "variation": "special-cause-concern", "assurance": "consistently-failing", "provisional": false,
         "points": [{"label": "2025-12", "value": 0.62, "centre": 0.8, "lowerLimit": 0.64, "upperLimit": 0.96,
                     "lowerNear": 0.69, "upperNear": 0.91, "excluded": false, "segment": 0, "signals": ["beyond-limits", "shift"],
                     "pointType": "special-cause-concern"}],
         "signals": [{"rule": "shift", "from": "2025-04", "to": "2025-12", "side": "low"}]}""")
public record SpcChart(String title, String audit, String metric, String organisation, String microsystem,
        @Schema(description = "The metric's title in the catalogue") String metricTitle,
        @Schema(description = "proportion (values are fractions: 0.8 is 80 %), rate, value or standardised-ratio (values are observed over expected: 1 is as expected)") String metricType, String chart, String direction, Double target, String variation,
        String assurance, boolean provisional,
        @Schema(description = "Limits come from the first this many points of each segment (absent: from all points)") Integer baselinePoints,
        List<Point> points, List<SignalView> signals, Runs runs) implements uk.nhs.pdsa.runtime.rest.CsvTable {

    /** As CSV, a chart is its points: one row per period with its value, centre line, limits and signals. */
    @Override
    public List<?> csvRows() {
        return points;
    }

    @Override
    public Class<?> csvRowType() {
        return Point.class;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "SpcPoint", example = """
            {"label": "2025-12", "value": 0.62, "centre": 0.8, "lowerLimit": 0.64, "upperLimit": 0.96, "lowerNear": 0.69,
             "upperNear": 0.91, "excluded": false, "segment": 0, "signals": ["beyond-limits"], "pointType": "special-cause-concern"}""")
    public record Point(String label, Long numerator, Long denominator,
            @Schema(description = "Standardised ratios: the expected count, the point's area of opportunity; the value"
                    + " is numerator (observed) over expected") Double expected,
            double value, double centre, Double lowerLimit,
            Double upperLimit, Double lowerNear, Double upperNear, boolean excluded,
            @Schema(description = "0, then 1, 2, ... from each rebase: a segment has its own centre and limits") int segment,
            List<String> signals, String pointType) {
    }

    @Schema(name = "SpcSignal", example = """
            {"rule": "shift", "from": "2025-04", "to": "2025-12", "side": "low"}""")
    public record SignalView(String rule, String from, String to, String side) {
    }

    @Schema(name = "RunsAnalysis", description = "Anhøj runs rules (run charts only)", example = """
            {"longestRun": 9, "longestRunMax": 8, "crossings": 5, "crossingsMin": 8, "signal": true}""")
    public record Runs(int longestRun, int longestRunMax, int crossings, int crossingsMin, boolean signal) {
    }

    /** What a stored chart shows, as the catalogue names it; null for posted data. */
    public record Subject(SeriesKey series, String metricTitle, String metricType) {
    }

    /**
     * @param subject    the stored series charted, or null for posted data
     * @param numerators and denominators per point (null entries for value charts)
     */
    public static SpcChart of(String title, Subject subject, SpcAnalysis analysis, List<Long> numerators,
            List<Long> denominators) {
        return of(title, subject, analysis, numerators, denominators, null);
    }

    /** As above, with each point's expected count for a standardised ratio ({@code expected} null otherwise). */
    public static SpcChart of(String title, Subject subject, SpcAnalysis analysis, List<Long> numerators,
            List<Long> denominators, List<Double> expected) {
        SeriesKey series = subject == null ? null : subject.series();
        List<Point> points = new ArrayList<>(analysis.points().size());
        for (int i = 0; i < analysis.points().size(); i++) {
            ChartPoint c = analysis.points().get(i);
            List<String> rules = analysis.signalsAt(i).stream().map(s -> s.rule().code()).distinct().toList();
            points.add(new Point(c.label(), numerators.get(i), denominators.get(i),
                    expected == null ? null : expected.get(i), c.value(), c.centre(),
                    finite(c.lowerLimit()), finite(c.upperLimit()), finite(c.lowerNear()), finite(c.upperNear()),
                    c.excluded(), c.segment(), rules, analysis.provisional() ? Variation.COMMON_CAUSE.code() : analysis.variations().get(i).code()));
        }
        List<SignalView> signals = analysis.signals().stream().map(s -> signal(s, analysis)).toList();
        RunsAnalysis r = analysis.runs();
        return new SpcChart(title, series == null ? null : series.audit(), series == null ? null : series.metric(),
                series == null ? null : series.organisation(), series == null ? null : series.microsystem(),
                subject == null ? null : subject.metricTitle(), subject == null ? null : subject.metricType(),
                analysis.chart().code(), analysis.direction(), analysis.target(),
                analysis.latestVariation().map(Variation::code).orElse(null), analysis.assurance().code(),
                analysis.provisional(), analysis.baselinePoints(), points, signals,
                r == null ? null : new Runs(r.longestRun(), r.longestRunMax(), r.crossings(), r.crossingsMin(), r.signal()));
    }

    private static SignalView signal(Signal s, SpcAnalysis analysis) {
        return new SignalView(s.rule().code(), analysis.points().get(s.from()).label(), analysis.points().get(s.to()).label(),
                s.side().name().toLowerCase(Locale.ROOT));
    }

    private static Double finite(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
