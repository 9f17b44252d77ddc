package uk.nhs.pdsa.events;

import java.util.Arrays;

/**
 * Every event type on the platform: its CloudEvents {@code type}, the topic it travels on, the
 * JSON Schema of its payload (under {@code docs/events/}) and the Java record it maps to.
 */
public enum EventType {
    AUDIT_DEFINED("nhs.pdsa.catalogue.audit.v1", Topics.CATALOGUE, AuditDefined.class),
    ORGANISATION_DEFINED("nhs.pdsa.catalogue.organisation.v1", Topics.CATALOGUE, OrganisationDefined.class),
    AUDIT_RESULT_RECORDED("nhs.pdsa.audit-result.recorded.v1", Topics.AUDIT_RESULTS, AuditResultRecorded.class),
    /**
     * A trust withdrew a result: a revision without numbers, with the reason; consumers drop the point. Same payload
     * schema as recorded ({@code withdrawal} set), same topic and key, so a series' events keep their order.
     */
    AUDIT_RESULT_WITHDRAWN("nhs.pdsa.audit-result.withdrawn.v1", Topics.AUDIT_RESULTS, AuditResultRecorded.class,
            "nhs.pdsa.audit-result.recorded.v1"),
    /** A finding appeared (or reappeared after it had resolved). */
    FINDING_RAISED("nhs.pdsa.finding.raised.v1", Topics.FINDINGS, FindingState.class, "nhs.pdsa.finding.v1"),
    /** An open finding changed: a later period, other signals, another level, new limits or value. */
    FINDING_CHANGED("nhs.pdsa.finding.changed.v1", Topics.FINDINGS, FindingState.class, "nhs.pdsa.finding.v1"),
    /** A finding no longer holds: the latest point is common cause again, or the unit is back within the funnel. */
    FINDING_RESOLVED("nhs.pdsa.finding.resolved.v1", Topics.FINDINGS, FindingState.class, "nhs.pdsa.finding.v1"),
    /** A closed analysis period found a provider beyond its alert or alarm limit: an outlier case opened. */
    OUTLIER_CASE_OPENED("nhs.pdsa.outlier-case.opened.v1", Topics.FINDINGS, OutlierCaseState.class,
            "nhs.pdsa.outlier-case.v1"),
    /** An outlier case took a step: by the audit, the clinical lead, the trust, revised data or the clock. */
    OUTLIER_CASE_MOVED("nhs.pdsa.outlier-case.moved.v1", Topics.FINDINGS, OutlierCaseState.class,
            "nhs.pdsa.outlier-case.v1"),
    /** A concerning finding opened an improvement need. */
    NEED_OPENED("nhs.pdsa.improvement-need.opened.v1", Topics.CYCLES, ImprovementNeedState.class,
            "nhs.pdsa.improvement-need.v1"),
    /** The need was answered: a PDSA cycle started, or a decision with its rationale closed it. */
    NEED_ANSWERED("nhs.pdsa.improvement-need.answered.v1", Topics.CYCLES, ImprovementNeedState.class,
            "nhs.pdsa.improvement-need.v1"),
    /** An unanswered need passed its due date (level 1) or a further step of the escalation schedule. */
    NEED_ESCALATED("nhs.pdsa.improvement-need.escalated.v1", Topics.CYCLES, ImprovementNeedState.class,
            "nhs.pdsa.improvement-need.v1"),
    /** Every finding behind the need has resolved. */
    NEED_RESOLVED("nhs.pdsa.improvement-need.resolved.v1", Topics.CYCLES, ImprovementNeedState.class,
            "nhs.pdsa.improvement-need.v1"),
    /** A cycle was adopted and the series then showed special cause improvement: the need is closed as improved. */
    NEED_IMPROVED("nhs.pdsa.improvement-need.improved.v1", Topics.CYCLES, ImprovementNeedState.class,
            "nhs.pdsa.improvement-need.v1"),
    /** The cycle answering the need was abandoned with no next cycle: the need waits for an answer again. */
    NEED_REOPENED("nhs.pdsa.improvement-need.reopened.v1", Topics.CYCLES, ImprovementNeedState.class,
            "nhs.pdsa.improvement-need.v1"),
    /** A PDSA cycle was planned (possibly following an adopted or adapted one on the same ramp). */
    CYCLE_PLANNED("nhs.pdsa.pdsa-cycle.planned.v1", Topics.CYCLES, PdsaCycleState.class,
            "nhs.pdsa.pdsa-cycle.v1"),
    /** A cycle reached Do or Study. */
    CYCLE_STAGE_CHANGED("nhs.pdsa.pdsa-cycle.stage-changed.v1", Topics.CYCLES, PdsaCycleState.class,
            "nhs.pdsa.pdsa-cycle.v1"),
    /** The cycle was handed to a new owner (previousOwner says who handed over). */
    CYCLE_OWNER_CHANGED("nhs.pdsa.pdsa-cycle.owner-changed.v1", Topics.CYCLES, PdsaCycleState.class,
            "nhs.pdsa.pdsa-cycle.v1"),
    /** The cycle's planned end passed before its Act was recorded. */
    CYCLE_OVERDUE("nhs.pdsa.pdsa-cycle.overdue.v1", Topics.CYCLES, PdsaCycleState.class,
            "nhs.pdsa.pdsa-cycle.v1"),
    /** Act recorded: the cycle is complete with its decision (adopt, adapt or abandon). */
    CYCLE_COMPLETED("nhs.pdsa.pdsa-cycle.completed.v1", Topics.CYCLES, PdsaCycleState.class,
            "nhs.pdsa.pdsa-cycle.v1");

    private final String ceType;
    private final String topic;
    private final Class<? extends Record> payloadType;
    private final String schema;

    EventType(String ceType, String topic, Class<? extends Record> payloadType) {
        this(ceType, topic, payloadType, ceType);
    }

    /** For types that share one payload schema, named {@code schema}. */
    EventType(String ceType, String topic, Class<? extends Record> payloadType, String schema) {
        this.ceType = ceType;
        this.topic = topic;
        this.payloadType = payloadType;
        this.schema = schema;
    }

    public String ceType() {
        return ceType;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends Record> payloadType() {
        return payloadType;
    }

    /** Classpath location of the payload's JSON Schema, e.g. {@code events/nhs.pdsa.finding.v1.schema.json}. */
    public String schemaResource() {
        return "events/" + schema + ".schema.json";
    }

    /** The schema's {@code $id}, sent as the CloudEvents {@code dataschema} attribute. */
    public String dataSchema() {
        return "https://pdsa.nhs.uk/schemas/events/" + schema + ".schema.json";
    }

    public static EventType ofCeType(String ceType) {
        return Arrays.stream(values())
                .filter(t -> t.ceType.equals(ceType))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown event type: " + ceType));
    }
}
