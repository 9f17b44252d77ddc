package uk.nhs.pdsa.ingest.rest;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One result as a JSON submission carries it: the schema of {@code POST /api/v1/audit-results} (an object, or an
 * array of them). The same fields are the CSV columns. Read by {@code SubmissionReader}, field by field.
 */
@Schema(name = "ResultItem", description = "One audit result. Counted metrics take numerator and denominator (a"
        + " standardised ratio also expected); value metrics take value. The same names are the CSV columns.",
        requiredProperties = { "audit", "metric", "organisation", "period" }, additionalProperties = Schema.False.class,
        example = """
                {"audit": "nhfd", "metric": "surgery-within-36h", "organisation": "RXH", "microsystem": "trauma-ward-2",
                 "period": "2026-01", "numerator": 41, "denominator": 52}""")
public record ResultItem(
        @Schema(example = "nhfd") String audit,
        @Schema(example = "surgery-within-36h") String metric,
        @Schema(description = "ODS code of the trust", example = "RXH") String organisation,
        @Schema(description = "The microsystem (ward, team); absent for a trust-level result", example = "trauma-ward-2")
        String microsystem,
        @Schema(description = "2026-01 (month), 2026-Q1 (quarter) or 2026 (year), as the metric's granularity says",
                example = "2026-01") String period,
        @Schema(minimum = "0", example = "41") Long numerator,
        @Schema(minimum = "1", example = "52") Long denominator,
        @Schema(description = "Value metrics only", example = "19.5") BigDecimal value,
        @Schema(description = "Standardised ratios only: the risk model's expected count", example = "3.7125")
        BigDecimal expected) {
}
