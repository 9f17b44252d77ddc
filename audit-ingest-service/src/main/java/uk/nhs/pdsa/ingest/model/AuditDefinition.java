package uk.nhs.pdsa.ingest.model;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import uk.nhs.pdsa.events.AuditDefined;

/** The body of {@code PUT /api/v1/audits/{auditCode}}; {@code code} may be left out (the path names it). */
@Schema(name = "AuditDefinition", description = "An audit and its metrics, as written by PUT. The answer is the stored"
        + " definition with its version.", example = """
        {"title": "National Hip Fracture Database", "specialty": "orthopaedics", "metrics": [
          {"code": "surgery-within-36h", "title": "Surgery within 36 hours of admission", "type": "proportion",
           "direction": "higher-is-better", "target": 0.85, "spc": {"chart": "p", "shiftLength": 6, "trendLength": 6}},
          {"code": "mortality-30d", "title": "30-day mortality, against expected", "type": "standardised-ratio", "direction": "lower-is-better"}],
         "outliers": {"analysisPeriod": "financial-year", "submissionsCloseAfter": 20, "metrics": ["mortality-30d"]}}""")
public record AuditDefinition(String code, String title, String specialty, List<AuditDefined.Metric> metrics,
        @Schema(description = "The audit's outlier policy (HQIP 2017): providers compared on closed analysis periods,"
                + " at alert (2 SD) and alarm (3 SD) levels; stage timescales in England working days, unset ones"
                + " HQIP's (10, 25, 5, 10 and 5 for escalation). Leave out for no outlier analysis.")
        AuditDefined.Outliers outliers) {
}
