package uk.nhs.pdsa.findings.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One series of an organisation as a list shows it: where it stands now. Its chart is at {@code chart}. */
@Schema(name = "SeriesSummary", example = """
        {"audit": "nhfd", "metric": "surgery-within-36h", "organisation": "RXH", "microsystem": "trauma-ward-2",
         "points": 24, "latestPeriod": "2025-12", "latestValue": 0.62, "variation": "special-cause-concern",
         "assurance": "consistently-failing", "target": 0.85, "provisional": false,
         "chart": "/api/v1/spc?audit=nhfd&metric=surgery-within-36h&organisation=RXH&microsystem=trauma-ward-2"}""")
public record SeriesSummary(String audit, String metric, String organisation, String microsystem, int points,
        String latestPeriod, double latestValue, String variation,
        @Schema(description = "consistently-passing, consistently-failing, inconsistent or none (no target, or provisional)") String assurance,
        Double target, boolean provisional, String chart) {
}
