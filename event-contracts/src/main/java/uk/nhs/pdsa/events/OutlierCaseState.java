package uk.nhs.pdsa.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An outlier case as it stands after a step: one provider beyond the alert (95 %) or alarm (99.8 %) limit of a
 * closed analysis period of an audit's outlier policy (HQIP 2017), moved through its stages by the audit, the trust's
 * clinical lead, the trust (its improvement need answered) and the clock. Every outlier-case event carries the whole
 * state; {@code action} says what the step was and {@code actedBy} who took it, as a role (never a person).
 * Schema: {@code docs/events/nhs.pdsa.outlier-case.v1.schema.json}.
 *
 * @param stage     provider-analysis, data-review, reanalysis, confirmed, informed, responded, published or closed
 * @param nextActor who acts now: audit, clinical-lead, trust or nobody
 * @param expected  for a standardised ratio, the deaths (or events) the risk model expects for the trust's patients;
 *                  then {@code value} is observed over expected and {@code target} 1; null for other metrics
 * @param response  how the trust responded (its improvement need answered), or null while it has not
 */
public record OutlierCaseState(
        UUID caseId,
        int version,
        String audit,
        String metric,
        String period,
        String organisation,
        String level,
        String stage,
        String action,
        String actedBy,
        String nextActor,
        LocalDate dueBy,
        boolean escalated,
        boolean reportedToRegulator,
        Long numerator,
        Long denominator,
        Double expected,
        Double value,
        Double target,
        Response response,
        Instant openedAt,
        Instant updatedAt) {

    /**
     * A case names what it is about and the step it announces: an event without them breaks the contract (a
     * consumer's inbox rejects it instead of failing on it).
     */
    public OutlierCaseState {
        if (caseId == null || audit == null || metric == null || period == null || organisation == null
                || level == null || stage == null || action == null || actedBy == null || nextActor == null) {
            throw new IllegalArgumentException("an outlier case names its id, audit, metric, period, organisation,"
                    + " level, stage, action, who acted and who acts next");
        }
    }

    public static final String PUBLISHED = "published";
    public static final String INFORMED = "informed";
    public static final String ALARM = "alarm";

    /**
     * The trust's answer: {@code kind} {@code cycle} (a PDSA cycle started, {@code cycleId}) or {@code decision}
     * (a decision recorded with its reasons), on its improvement need {@code needId}.
     */
    public record Response(String kind, UUID needId, UUID cycleId, Instant at) {
    }

    /** The CloudEvents id of this version: a repeat of the same step carries the same id. */
    public UUID eventId() {
        return UUID.nameUUIDFromBytes(("outlier-case#" + caseId + "#v" + version).getBytes(StandardCharsets.UTF_8));
    }

    /** The Kafka key and CloudEvents subject: one case's events keep their order. */
    public String subject() {
        return "outlier-case/" + audit + "/" + metric + "/" + period + "/" + organisation;
    }
}
