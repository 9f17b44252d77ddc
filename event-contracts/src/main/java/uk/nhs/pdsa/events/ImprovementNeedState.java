package uk.nhs.pdsa.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An improvement need as it stands after a change: a concerning finding made someone's job, for one
 * organisation (and microsystem) and metric, to be answered by {@code dueBy} with a PDSA cycle or a
 * recorded decision. Every improvement-need event carries the whole state; {@code version} counts
 * changes. Schema: {@code docs/events/nhs.pdsa.improvement-need.v1.schema.json}.
 *
 * @param status            {@code open} (waiting for an answer), {@code in-progress} (a PDSA cycle answers it),
 *                          {@code closed} (a decision answered it) or {@code improved} (a cycle adopted and the
 *                          series then showed special cause improvement)
 * @param escalation        the latest escalation step reached while unanswered, or null
 * @param concernResolvedAt when every finding in the evidence had resolved (null while one holds)
 */
public record ImprovementNeedState(
        UUID needId,
        int version,
        String status,
        String organisation,
        String microsystem,
        String audit,
        String metric,
        UUID openingFindingId,
        List<Evidence> evidence,
        Instant openedAt,
        LocalDate dueBy,
        Answer answer,
        Escalation escalation,
        Instant concernResolvedAt,
        Instant improvedAt,
        Instant updatedAt) {

    public static final String OPEN = "open";
    public static final String IN_PROGRESS = "in-progress";
    public static final String CLOSED = "closed";
    public static final String IMPROVED = "improved";

    /** A finding behind the need: {@code status} open while it holds, resolved when findings reports so. */
    public record Evidence(UUID findingId, String kind, String period, String variation, String status) {
    }

    /**
     * How the need was answered: {@code kind} {@code cycle} (with {@code cycleId}) or {@code decision} (with
     * {@code rationale}).
     */
    public record Answer(String kind, UUID cycleId, String rationale, String by, Instant at) {
    }

    /** Step {@code level} (1 = first) of the escalation schedule, addressed to {@code role}. */
    public record Escalation(int level, String role, int daysOverdue, Instant at) {
    }

    /** The CloudEvents id of this version: a repeat of the same change carries the same id. */
    public UUID eventId() {
        return UUID.nameUUIDFromBytes(("improvement-need#" + needId + "#v" + version).getBytes(StandardCharsets.UTF_8));
    }
}
