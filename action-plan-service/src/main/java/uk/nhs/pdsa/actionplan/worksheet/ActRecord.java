package uk.nhs.pdsa.actionplan.worksheet;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Act: adopt, adapt or abandon the change, and why; may carry the team's own progress score. */
@Schema(name = "ActRecord", example = """
        {"decision": "adapt", "rationale": "Works on weekdays; test a weekend orthogeriatric review next", "teamScore": 3.0}""")
public record ActRecord(String decision, String rationale, Double teamScore,
        @Schema(readOnly = true) String recordedBy, @Schema(readOnly = true) Instant recordedAt) {
    public static final String ADOPT = "adopt";
    public static final String ADAPT = "adapt";
    public static final String ABANDON = "abandon";

    public ActRecord recorded(String by, Instant at) {
        return new ActRecord(decision, rationale, teamScore, by, at);
    }

    /** Whether a next cycle may follow this one on the ramp. */
    public boolean continues() {
        return ADOPT.equals(decision) || ADAPT.equals(decision);
    }
}
