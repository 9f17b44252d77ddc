package uk.nhs.pdsa.actionplan.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One organisation's improvement work, as counts (no names): its needs by status and what its cycles decided. */
@Schema(name = "OrganisationProgress", example = """
        {"organisation": "RXH", "open": 1, "inProgress": 2, "closed": 1, "improved": 1, "overdue": 1,
         "escalated": 1, "answered": 4, "medianDaysToAnswer": 6.5, "cyclesRunning": 2, "adopted": 1,
         "adapted": 2, "abandoned": 0}""")
public record OrganisationProgress(String organisation,
        @Schema(description = "Needs waiting for an answer") int open,
        @Schema(description = "Needs answered by a PDSA cycle under way") int inProgress,
        @Schema(description = "Needs closed by a recorded decision") int closed,
        @Schema(description = "Needs whose series improved after an adopted change") int improved,
        @Schema(description = "Open needs past their answer-by date") int overdue,
        @Schema(description = "Open needs escalated at least once") int escalated,
        @Schema(description = "Needs answered (by a cycle or a decision)") int answered,
        @Schema(description = "Median days from a need opening to its answer; null when none was answered")
        Double medianDaysToAnswer,
        @Schema(description = "PDSA cycles answering its needs that are not yet complete") int cyclesRunning,
        @Schema(description = "Completed cycles that adopted their change") int adopted,
        @Schema(description = "Completed cycles that adapted their change") int adapted,
        @Schema(description = "Completed cycles that abandoned their change") int abandoned) {
}
