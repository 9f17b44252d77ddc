package uk.nhs.pdsa.events;

/**
 * Kafka topic names. The version suffix changes only with an incompatible payload change; a new
 * version is a new topic, so old consumers keep reading the old one until they move.
 */
public final class Topics {
    /** Every accepted audit-result revision; key: the series key, so one series stays in order. */
    public static final String AUDIT_RESULTS = "pdsa.audit-results.v1";
    /** Findings about variation; key: the series key. */
    public static final String FINDINGS = "pdsa.findings.v1";
    /** Improvement needs and their life cycle; key: the organisation code. */
    public static final String IMPROVEMENT_NEEDS = "pdsa.improvement-needs.v1";

    private Topics() {
    }
}
