package uk.nhs.pdsa.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import uk.nhs.pdsa.metrics.MetricType;

/**
 * One accepted revision of an audit result. It carries the metric's type, direction and target
 * (event-carried state) so consumers can interpret it without calling the catalogue. A standardised ratio carries
 * its observed count as {@code numerator}, its patients as {@code denominator} and the risk model's
 * {@code expected} count; {@code expected} is null for every other type.
 * Schema: {@code docs/events/nhs.pdsa.audit-result.recorded.v1.schema.json}.
 */
public record AuditResultRecorded(
        UUID resultId,
        int revision,
        String audit,
        String metric,
        MetricType metricType,
        String direction,
        BigDecimal target,
        String organisation,
        String microsystem,
        String period,
        Long numerator,
        Long denominator,
        BigDecimal value,
        BigDecimal expected,
        Instant recordedAt,
        Withdrawal withdrawal) {

    /**
     * Why and when a trust withdrew the result (event type {@code nhs.pdsa.audit-result.withdrawn.v1}); the
     * revision then carries no numbers.
     */
    public record Withdrawal(String reason, Instant withdrawnAt) {
    }

    /** A result as recorded (not withdrawn). */
    public AuditResultRecorded(UUID resultId, int revision, String audit, String metric, MetricType metricType,
            String direction, BigDecimal target, String organisation, String microsystem, String period,
            Long numerator, Long denominator, BigDecimal value, BigDecimal expected, Instant recordedAt) {
        this(resultId, revision, audit, metric, metricType, direction, target, organisation, microsystem, period,
                numerator, denominator, value, expected, recordedAt, null);
    }

    /** Whether this revision withdraws the result. */
    public boolean withdrawn() {
        return withdrawal != null;
    }

    /** A result of a metric that is not a standardised ratio (no expected count). */
    public AuditResultRecorded(UUID resultId, int revision, String audit, String metric, MetricType metricType,
            String direction, BigDecimal target, String organisation, String microsystem, String period,
            Long numerator, Long denominator, BigDecimal value, Instant recordedAt) {
        this(resultId, revision, audit, metric, metricType, direction, target, organisation, microsystem, period,
                numerator, denominator, value, null, recordedAt, null);
    }

    public SeriesKey seriesKey() {
        return new SeriesKey(audit, metric, organisation, microsystem);
    }
}
