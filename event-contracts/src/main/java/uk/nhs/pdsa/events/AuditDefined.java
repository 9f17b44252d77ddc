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
        Instant updatedAt) {

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
     */
    public record Metric(String code, String title, MetricType type, String direction, BigDecimal target, String unit,
            String fhirMeasure, SpcSettings spc) {
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
