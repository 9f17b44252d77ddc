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
    /** A finding appeared (or reappeared after it had resolved). */
    FINDING_RAISED("nhs.pdsa.finding.raised.v1", Topics.FINDINGS, FindingState.class, "nhs.pdsa.finding.v1"),
    /** An open finding changed: a later period, other signals, another level, new limits or value. */
    FINDING_CHANGED("nhs.pdsa.finding.changed.v1", Topics.FINDINGS, FindingState.class, "nhs.pdsa.finding.v1"),
    /** A finding no longer holds: the latest point is common cause again, or the unit is back within the funnel. */
    FINDING_RESOLVED("nhs.pdsa.finding.resolved.v1", Topics.FINDINGS, FindingState.class, "nhs.pdsa.finding.v1"),
    IMPROVEMENT_NEED_OPENED("nhs.pdsa.improvement-need.opened.v1", Topics.IMPROVEMENT_NEEDS,
            ImprovementNeedOpened.class);

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
