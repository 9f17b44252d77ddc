package uk.nhs.pdsa.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import uk.nhs.pdsa.metrics.MetricType;

/**
 * The whole current definition of one audit, published on every change to the compacted catalogue topic
 * (key {@code audit/<code>}). Schema: {@code docs/events/nhs.pdsa.catalogue.audit.v1.schema.json}.
 *
 * @param version increases by one with every change; consumers ignore a version older than the one they hold
 */
public record AuditDefined(
        String code,
        int version,
        String title,
        String specialty,
        List<Metric> metrics,
        Instant updatedAt,
        Outliers outliers) {

    /** An audit without an outlier policy (its providers are not compared for outliers). */
    public AuditDefined(String code, int version, String title, String specialty, List<Metric> metrics,
            Instant updatedAt) {
        this(code, version, title, specialty, metrics, updatedAt, null);
    }

    public static String key(String code) {
        return "audit/" + code;
    }

    /**
     * One measure of the audit.
     *
     * @param type        what it measures; null when a definition names a type that does not exist
     * @param direction   {@code higher-is-better}, {@code lower-is-better} or {@code neutral}
     * @param fhirMeasure canonical URL of the FHIR Measure a {@code MeasureReport} names for this metric
     * @param spc         how findings charts it; null: the defaults for its type
     * @param granularity the periods its results are for: {@code month} (the default), {@code quarter} or
     *                    {@code year}; a result of another period is refused
     */
    public record Metric(String code, String title, MetricType type, String direction, BigDecimal target, String unit,
            String fhirMeasure, SpcSettings spc, String granularity) {
        public static final String MONTH = "month";
        /** The granularities a metric may state, in {@link Period.Granularity} order. */
        public static final java.util.List<String> GRANULARITIES = java.util.List.of("month", "quarter", "year");

        public Metric {
            granularity = granularity == null ? MONTH : granularity;
        }

        /** A monthly metric. */
        public Metric(String code, String title, MetricType type, String direction, BigDecimal target, String unit,
                String fhirMeasure, SpcSettings spc) {
            this(code, title, type, direction, target, unit, fhirMeasure, spc, MONTH);
        }
    }

    /**
     * The audit's outlier policy (HQIP, "Detection and management of outliers for National Clinical Audits", 2017):
     * providers are compared on batches of data of a defined period, not continuously. Null: no outlier analysis.
     * Rules and defaults: {@link uk.nhs.pdsa.metrics.OutlierPolicy}.
     *
     * @param analysisPeriod        {@code financial-year}, {@code calendar-year}, {@code calendar-quarter} or
     *                              {@code rolling-12-months}
     * @param submissionsCloseAfter working days (England) after a period's last day until its submissions close;
     *                              after that the period is closed and analysed, once
     * @param metrics               the audit's metrics compared between providers (proportions or rates)
     * @param timescales            working days each stage of an outlier case has; null fields take HQIP's
     */
    public record Outliers(String analysisPeriod, Integer submissionsCloseAfter, List<String> metrics,
            Timescales timescales) {
    }

    /**
     * Working days per stage of an outlier case: the audit's check of its data and analysis, the trust clinical
     * lead's review of the data, telling the trust's board (and the regulator for an alarm), the trust's response,
     * and the extra days an overdue trust stage has once escalated.
     */
    public record Timescales(Integer providerAnalysis, Integer dataReview, Integer inform, Integer response,
            Integer escalation) {
    }

    /**
     * Per-metric Statistical Process Control settings; a null field takes the findings service's default.
     *
     * @param chart                       {@code p}, {@code pp}, {@code u}, {@code up}, {@code c}, {@code xmr} or {@code run}
     * @param trendLength                 points all rising or all falling that make a trend (default 7)
     * @param shiftLength                 points on one side of the centre line that make a shift (default 7)
     * @param twoOfThreeCountsBeyondThree whether points beyond 3σ count towards "two of three beyond 2σ"
     * @param screenMovingRanges          XmR only: drop moving ranges above 3.267·MR̄ once (default true)
     * @param baselinePoints              freeze limits after this many points (at least 12)
     * @param rebaseAt                    periods at which a new segment with its own limits starts
     */
    public record SpcSettings(String chart, Integer trendLength, Integer shiftLength,
            Boolean twoOfThreeCountsBeyondThree, Boolean screenMovingRanges, Integer baselinePoints,
            List<String> rebaseAt) {
    }
}
