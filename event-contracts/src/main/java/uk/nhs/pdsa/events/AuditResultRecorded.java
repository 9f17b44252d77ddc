package uk.nhs.pdsa.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import uk.nhs.pdsa.metrics.MetricType;

/**
 * One accepted revision of an audit result. It carries the metric's type, direction and target
 * (event-carried state) so consumers can interpret it without calling the catalogue.
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
        Instant recordedAt) {

    public SeriesKey seriesKey() {
        return new SeriesKey(audit, metric, organisation, microsystem);
    }
}
