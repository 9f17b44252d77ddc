package uk.nhs.pdsa.findings;

import java.math.BigDecimal;
import java.time.LocalDate;

import uk.nhs.pdsa.metrics.MetricType;

/**
 * One point of a series: the latest revision of an audit result for its period, or for a trust that submits per
 * microsystem, the sum of its microsystems' counts for the period ({@code microsystem} null, {@code value} null).
 */
public record SeriesPoint(String seriesKey, String period, LocalDate periodStart, String audit, String metric,
        String organisation, String microsystem, MetricType metricType, String direction, BigDecimal target,
        Long numerator, Long denominator, BigDecimal value, BigDecimal expected) {

    /** A standardised ratio's point: observed over its expected count, as a u-chart reads it. */
    public boolean standardised() {
        return metricType.standardised() && expected != null && expected.signum() > 0;
    }
}
