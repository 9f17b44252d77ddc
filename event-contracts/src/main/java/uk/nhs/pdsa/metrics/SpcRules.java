package uk.nhs.pdsa.metrics;

import java.util.Optional;

/**
 * The bounds of the SPC settings a catalogue may give a metric or a caller may ask of a chart, in one place for
 * the catalogue (ingest) and the charts (findings). Run lengths follow <i>Making Data Count</i> (6 or 7 points,
 * default 7; 5 to 15 accepted); limits need at least 12 points, the number below which NHS England's guidance
 * calls a chart's limits provisional.
 */
public final class SpcRules {
    /** Points all rising or falling (trend), or on one side of the centre line (shift), by default. */
    public static final int DEFAULT_RUN_LENGTH = 7;
    public static final int MIN_RUN_LENGTH = 5;
    public static final int MAX_RUN_LENGTH = 15;
    /** Fewer points than this give provisional limits; a baseline needs at least this many. */
    public static final int MIN_BASELINE_POINTS = 12;
    public static final int MAX_BASELINE_POINTS = 1000;
    /**
     * A stored series' limits come from its first this many points (of each segment) unless the catalogue says
     * otherwise: NHS England, Making Data Count, "calculate the limits from a baseline of about 20 points and keep
     * them until a sustained change with a known cause" (so a later shift cannot pull the limits towards itself).
     */
    public static final int DEFAULT_BASELINE_POINTS = 20;
    /** A chart needs two points at least (one moving range). */
    public static final int MIN_CHART_POINTS = 2;
    public static final int MAX_CHART_POINTS = 5000;

    private SpcRules() {
    }

    /** What is wrong with a trend or shift length, if anything (null: the default). */
    public static Optional<String> runLength(String field, Integer points) {
        if (points == null || (points >= MIN_RUN_LENGTH && points <= MAX_RUN_LENGTH)) {
            return Optional.empty();
        }
        return Optional.of(field + " must be " + MIN_RUN_LENGTH + " to " + MAX_RUN_LENGTH
                + " points (Making Data Count uses 6 or 7)");
    }

    /** What is wrong with a baseline length, if anything (null: limits from every point). */
    public static Optional<String> baseline(Integer points) {
        if (points == null || (points >= MIN_BASELINE_POINTS && points <= MAX_BASELINE_POINTS)) {
            return Optional.empty();
        }
        return Optional.of("a baseline needs at least " + MIN_BASELINE_POINTS + " points (and at most "
                + MAX_BASELINE_POINTS + ")");
    }

    /** What is wrong with a chart of this type for this metric type, if anything (null: the default chart). */
    public static Optional<String> chart(MetricType type, String chart) {
        if (chart == null || type == null) {
            return Optional.empty();
        }
        Optional<ChartType> known = ChartType.of(chart);
        if (known.isPresent() && type.suits(known.get())) {
            return Optional.empty();
        }
        return Optional.of("a " + type.code() + " metric is charted with one of "
                + type.charts().stream().map(ChartType::code).toList());
    }
}
