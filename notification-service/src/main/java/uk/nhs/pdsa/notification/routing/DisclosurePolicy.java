package uk.nhs.pdsa.notification.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import uk.nhs.pdsa.events.FindingState;

/**
 * Who may hear of a finding, and from when (pure): the trust at once; a Royal College covering the audit once
 * {@code collegeDelay} has passed since the trust was told, for concerns only (outliers on the worse side,
 * special cause concern); patient groups for trust-level findings (no microsystem) once published, that is
 * {@code publicEmbargo} after the trust was told or earlier by hand. Neutral variation and resolved findings
 * go no further than the trust.
 */
public record DisclosurePolicy(Duration collegeDelay, Duration publicEmbargo) {

    public enum Audience { TRUST, COLLEGE, PATIENT_GROUP }

    public Optional<Instant> collegeAfter(FindingState f, Instant toldAt) {
        return f.holds() && f.concerning() ? Optional.of(toldAt.plus(collegeDelay)) : Optional.empty();
    }

    public Optional<Instant> publicAfter(FindingState f, Instant toldAt) {
        return publishable(f) ? Optional.of(toldAt.plus(publicEmbargo)) : Optional.empty();
    }

    /** Trust-level and not neutral: may be published. */
    public static boolean publishable(FindingState f) {
        return f.holds() && f.microsystem() == null && !FindingState.NEUTRAL.equals(f.orientation());
    }

    /** The audiences that may know of the finding at {@code now}. */
    public Set<Audience> audiences(FindingState f, Instant toldAt, Instant now, boolean publishedByHand) {
        Set<Audience> audiences = EnumSet.of(Audience.TRUST);
        collegeAfter(f, toldAt).filter(at -> !now.isBefore(at)).ifPresent(at -> audiences.add(Audience.COLLEGE));
        if (publishable(f) && (publishedByHand || publicAfter(f, toldAt).filter(at -> !now.isBefore(at)).isPresent())) {
            audiences.add(Audience.PATIENT_GROUP);
        }
        return audiences;
    }
}
