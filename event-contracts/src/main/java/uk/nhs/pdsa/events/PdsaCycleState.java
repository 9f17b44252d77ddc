package uk.nhs.pdsa.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A Plan-Do-Study-Act cycle as it stands after a change (IHI Model for Improvement). Every cycle event
 * carries this summary; the worksheet itself is read over REST. Schema:
 * {@code docs/events/nhs.pdsa.pdsa-cycle.v1.schema.json}.
 *
 * @param stage          the last stage recorded: {@code plan}, {@code do}, {@code study} or {@code act} (complete)
 * @param rampId         the first cycle of the ramp this cycle belongs to (its own id for a first cycle)
 * @param previousOwner  on an owner change, who handed over
 * @param changeDate     the day the change was actually made (recorded at Do)
 * @param actDecision    {@code adopt}, {@code adapt} or {@code abandon} once the cycle is complete
 * @param suggestedScore the IHI progress score (0.5-5.0) the stages and the data suggest
 * @param teamScore      the score the team set by hand, if any
 */
public record PdsaCycleState(
        UUID cycleId,
        int version,
        String stage,
        UUID needId,
        UUID rampId,
        UUID previousCycleId,
        int sequence,
        String organisation,
        String microsystem,
        String title,
        List<Measure> measures,
        Person owner,
        Person previousOwner,
        LocalDate plannedStart,
        LocalDate plannedEnd,
        LocalDate changeDate,
        String actDecision,
        double suggestedScore,
        Double teamScore,
        Instant updatedAt) {

    /** A series the cycle means to move. */
    public record Measure(String audit, String metric, String organisation, String microsystem) {
    }

    /** Someone on the team; {@code email} is where they are told. */
    public record Person(String name, String email, String role) {
    }

    /** The CloudEvents id of this version. */
    public UUID eventId() {
        return UUID.nameUUIDFromBytes(("pdsa-cycle#" + cycleId + "#v" + version).getBytes(StandardCharsets.UTF_8));
    }
}
