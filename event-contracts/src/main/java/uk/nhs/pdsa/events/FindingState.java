package uk.nhs.pdsa.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The whole state of one finding after it appeared, changed or resolved (the CloudEvents type says which:
 * {@code nhs.pdsa.finding.raised|changed|resolved.v1}). A finding is either
 * <ul>
 * <li>a <b>special cause</b> in one series (audit, metric, organisation[, microsystem]): the latest point of its
 * SPC chart is special cause (NHS Making Data Count); {@link #specialCause()} holds the chart, the limits at the
 * latest point and the rules that fired; it resolves when the latest point is common cause again; or</li>
 * <li>an <b>outlier</b> in the funnel plot of one metric and period across trusts; {@link #outlier()} holds the
 * level, side, limits and overdispersion method; it resolves when a revision brings the trust within 95%.</li>
 * </ul>
 * {@code findingId} is derived from what the finding is about (series, variation and the period its run of special
 * cause points began; or metric, period, trust and side), so recomputing from the same data always gives the same
 * finding, and the event id is derived from the finding id and its {@code version}: a replay or a rebuild that ends
 * in the same state publishes nothing new, and a consumer that sees an event id twice can ignore it.
 * Schema: {@code docs/events/nhs.pdsa.finding.v1.schema.json}.
 */
public record FindingState(
        UUID findingId,
        String kind,
        String status,
        int version,
        String orientation,
        String audit,
        String metric,
        String direction,
        String organisation,
        String microsystem,
        String period,
        double value,
        SpecialCause specialCause,
        Outlier outlier,
        Instant raisedAt,
        Instant updatedAt,
        Instant resolvedAt) {

    public static final String SPECIAL_CAUSE = "special-cause";
    public static final String OUTLIER = "outlier";
    public static final String OPEN = "open";
    public static final String RESOLVED = "resolved";
    public static final String CONCERN = "concern";
    public static final String IMPROVEMENT = "improvement";
    public static final String NEUTRAL = "neutral";

    /** The SPC view: chart, the limits at the latest point, the first period of the run of special cause points. */
    public record SpecialCause(String chart, String variation, String firstPeriod, double centreLine, double lowerLimit,
            double upperLimit, List<Signal> signals) {
    }

    /** One special-cause rule that fired, and the periods of the points it covers. */
    public record Signal(String rule, String fromPeriod, String toPeriod) {
    }

    /**
     * The funnel view: where the trust lies against the limits around the national value {@code target}. For a
     * standardised ratio, {@code expected} is the risk model's expected count (the funnel's axis), the target is 1
     * and the limits are ratios; null for other metrics.
     */
    public record Outlier(String level, String side, String classification, long numerator, long denominator,
            Double expected, double target, double z, Limits limits, String method, double phi, double tau2, int units) {
    }

    /** Control limits at the trust's denominator: 99.8% (alarm) and 95% (alert). */
    public record Limits(double alarmLow, double alertLow, double alertHigh, double alarmHigh) {
    }

    /** Whether the finding still holds (status open). Not named isOpen: that would become a JSON property. */
    public boolean holds() {
        return OPEN.equals(status);
    }

    public boolean concerning() {
        return CONCERN.equals(orientation);
    }

    /** The event id of this state: the same finding at the same version is always the same event. */
    public UUID eventId() {
        return UUID.nameUUIDFromBytes((findingId + "#v" + version).getBytes(StandardCharsets.UTF_8));
    }

    /** Kafka key: the series (or for outliers the trust's series of the metric), so one subject's events stay in order. */
    public String key() {
        return new SeriesKey(audit, metric, organisation, microsystem).asText();
    }
}
