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
    FINDING_RAISED("nhs.pdsa.finding.raised.v1", Topics.FINDINGS, FindingRaised.class),
    IMPROVEMENT_NEED_OPENED("nhs.pdsa.improvement-need.opened.v1", Topics.IMPROVEMENT_NEEDS,
            ImprovementNeedOpened.class);

    private final String ceType;
    private final String topic;
    private final Class<? extends Record> payloadType;

    EventType(String ceType, String topic, Class<? extends Record> payloadType) {
        this.ceType = ceType;
        this.topic = topic;
        this.payloadType = payloadType;
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

    /** Classpath location of the payload's JSON Schema, e.g. {@code events/nhs.pdsa.finding.raised.v1.schema.json}. */
    public String schemaResource() {
        return "events/" + ceType + ".schema.json";
    }

    /** The schema's {@code $id}, sent as the CloudEvents {@code dataschema} attribute. */
    public String dataSchema() {
        return "https://pdsa.nhs.uk/schemas/events/" + ceType + ".schema.json";
    }

    public static EventType ofCeType(String ceType) {
        return Arrays.stream(values())
                .filter(t -> t.ceType.equals(ceType))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown event type: " + ceType));
    }
}
