package uk.nhs.pdsa.events;

/**
 * Kafka topic names. The version suffix changes only with an incompatible payload change; a new
 * version is a new topic, so old consumers keep reading the old one until they move.
 */
public final class Topics {
    /**
     * Every accepted audit-result revision; key: {@code audit/metric}, so one consumer instance sees a whole
     * metric (every organisation's series and the funnel across them) in order.
     */
    public static final String AUDIT_RESULTS = "pdsa.audit-results.v1";
    /**
     * Findings about variation (key: the series key) and outlier cases of closed analysis periods (key:
     * {@code outlier-case/audit/metric/period/organisation}).
     */
    public static final String FINDINGS = "pdsa.findings.v1";
    /**
     * Improvement needs and PDSA cycles, their whole life cycle; key: the organisation code, so one trust's needs
     * and cycles stay in order.
     */
    public static final String CYCLES = "pdsa.cycles.v1";

    /**
     * The catalogue (audits with their metrics, organisations with their microsystems), compacted: key
     * {@code audit/<code>} or {@code organisation/<code>}, each record the whole current state of that entry,
     * so a new consumer reading from the beginning rebuilds the catalogue without calling ingest.
     */
    public static final String CATALOGUE = "pdsa.catalogue.v1";

    private Topics() {
    }
}
