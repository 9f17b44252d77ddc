package uk.nhs.pdsa.findings.service;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import uk.nhs.pdsa.findings.MetricSettings;
import uk.nhs.pdsa.findings.SeriesPoint;
import uk.nhs.pdsa.findings.spc.Observation;
import uk.nhs.pdsa.findings.spc.SpcAnalysis;
import uk.nhs.pdsa.findings.spc.SpcOptions;
import uk.nhs.pdsa.metrics.ChartType;
import uk.nhs.pdsa.metrics.MetricType;

/**
 * Reads a stored series with the chart and settings the catalogue gives its metric (chart, run lengths,
 * two-of-three counting, screening, baseline, rebase periods), or, before the catalogue event has arrived,
 * with the defaults for the metric type and the direction and target the results carry.
 */
public final class SeriesAnalyser {
    private SeriesAnalyser() {
    }

    /** @param points one series in period order, all of one metric */
    public static SpcAnalysis analyse(List<SeriesPoint> points, Optional<MetricSettings> settings) {
        return analyse(points, settings, List.of());
    }

    /**
     * As {@link #analyse(List, Optional)}, with the periods a team rebased its own chart at (new centre and limits
     * from each, besides the catalogue's).
     */
    public static SpcAnalysis analyse(List<SeriesPoint> points, Optional<MetricSettings> settings, List<String> rebasedAt) {
        SeriesPoint latest = points.get(points.size() - 1);
        MetricType type = latest.metricType();
        ChartType chart = settings.map(MetricSettings::chart).filter(type::suits).orElse(type.defaultChart());
        SpcOptions catalogue = settings.map(MetricSettings::options).orElse(SpcOptions.SERIES_DEFAULTS);
        SpcOptions options = rebasedAt.isEmpty() ? catalogue : new SpcOptions(catalogue.trendLength(),
                catalogue.shiftLength(), catalogue.twoOfThreeCountsBeyondThree(), catalogue.screenMovingRanges(),
                catalogue.baselinePoints(), java.util.stream.Stream.concat(catalogue.rebaseAt().stream(), rebasedAt.stream())
                        .distinct().toList(), catalogue.exclude());
        String direction = settings.map(s -> s.direction).orElse(latest.direction());
        Double target = settings.map(s -> s.target).or(() -> Optional.ofNullable(latest.target()))
                .map(BigDecimal::doubleValue).orElse(null);
        List<Observation> observations = points.stream()
                .map(p -> observation(p, chart))
                .toList();
        return SpcAnalysis.of(chart, direction, target, observations, options);
    }

    /**
     * A point as its chart reads it: a standardised ratio is observed over expected (the expected count is the
     * u-chart's area of opportunity), other counted points numerator over denominator, values as they are.
     */
    static Observation observation(SeriesPoint p, ChartType chart) {
        if (p.standardised()) {
            double expected = p.expected().doubleValue();
            return chart.counted() ? Observation.standardised(p.period(), p.numerator(), expected)
                    : Observation.measured(p.period(), p.numerator() / expected);
        }
        return chart.counted() ? Observation.counted(p.period(), p.numerator(), p.denominator())
                : Observation.measured(p.period(), p.value() != null ? p.value().doubleValue()
                        : (double) p.numerator() / p.denominator());
    }
}
