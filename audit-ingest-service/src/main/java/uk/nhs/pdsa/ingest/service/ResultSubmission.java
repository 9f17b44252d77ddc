package uk.nhs.pdsa.ingest.service;

import java.math.BigDecimal;

/**
 * One audit result as a trust system sent it, read but not yet checked against the catalogue. A standardised ratio
 * carries its observed count as {@code numerator}, its patients as {@code denominator} and the risk model's
 * {@code expected} count.
 */
public record ResultSubmission(
        String audit,
        String metric,
        String organisation,
        String microsystem,
        String period,
        Long numerator,
        Long denominator,
        BigDecimal value,
        BigDecimal expected) {

    /** A result without an expected count (every metric but a standardised ratio). */
    public ResultSubmission(String audit, String metric, String organisation, String microsystem, String period,
            Long numerator, Long denominator, BigDecimal value) {
        this(audit, metric, organisation, microsystem, period, numerator, denominator, value, null);
    }

    /** The natural key, used to find duplicates inside one batch. */
    public String naturalKey() {
        return String.join("/", audit, metric, organisation, microsystem == null ? "" : microsystem, period);
    }
}
