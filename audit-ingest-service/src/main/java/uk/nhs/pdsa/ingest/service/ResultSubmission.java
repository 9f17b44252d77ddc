package uk.nhs.pdsa.ingest.service;

import java.math.BigDecimal;

/** One audit result as a trust system sent it, read but not yet checked against the catalogue. */
public record ResultSubmission(
        String audit,
        String metric,
        String organisation,
        String microsystem,
        String period,
        Long numerator,
        Long denominator,
        BigDecimal value) {

    /** The natural key, used to find duplicates inside one batch. */
    public String naturalKey() {
        return String.join("/", audit, metric, organisation, microsystem == null ? "" : microsystem, period);
    }
}
