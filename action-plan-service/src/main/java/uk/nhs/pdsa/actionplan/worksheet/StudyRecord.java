package uk.nhs.pdsa.actionplan.worksheet;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import uk.nhs.pdsa.actionplan.pdsa.MeasureEvidence;

/**
 * Study: the evidence snapshot the service took from findings (read-only), and the team's comparison with
 * its prediction and what it learned.
 */
@Schema(name = "StudyRecord", example = """
        {"comparison": "Within-36h share rose to 81% in three months; we predicted over 75%",
         "learning": "Holding the slot works on weekdays; weekend arrivals still wait"}""")
public record StudyRecord(String comparison, String learning,
        @Schema(readOnly = true) List<MeasureEvidence> evidence,
        @Schema(readOnly = true) String recordedBy, @Schema(readOnly = true) Instant recordedAt) {

    public StudyRecord recorded(List<MeasureEvidence> snapshot, String by, Instant at) {
        return new StudyRecord(comparison, learning, snapshot, by, at);
    }
}
