package uk.nhs.pdsa.runtime.security;

/**
 * The roles a token's {@code groups} claim may carry (docs/security.md says what each may do). Trust roles
 * act for the organisation in the token's {@code org} claim only; {@code college} reads the findings of the
 * specialties its organisation covers in the catalogue; {@code trust-admin} manages its own organisation's
 * contacts; {@code admin} is national.
 */
public final class Roles {
    /** A trust system: submits its own organisation's results and reads them back. */
    public static final String SUBMITTER = "submitter";
    /** Reads its own organisation's results, findings, needs, cycles and notifications. */
    public static final String VIEWER = "viewer";
    /** Manages its own organisation's improvement needs and PDSA cycles (and reads what a viewer reads). */
    public static final String IMPROVEMENT_LEAD = "improvement-lead";
    /** A Royal College: reads national findings for the specialties it covers. */
    public static final String COLLEGE = "college";
    /** A patient group: reads published findings only. */
    public static final String PATIENT_GROUP = "patient-group";
    /** Runs the platform: catalogue, contacts, publications, delivery retries, the audit trail. */
    public static final String ADMIN = "admin";
    /**
     * A trust's administrator: manages its own organisation's contacts (who is told what, on which channels, webhook
     * endpoints), sends them test messages, reads their delivery history and previews the templates.
     */
    public static final String TRUST_ADMIN = "trust-admin";
    /**
     * The national audit provider's oversight (HQIP, the audit teams): reads every organisation's improvement needs,
     * PDSA cycles and boards, and the summary of improvement across trusts; changes nothing.
     */
    public static final String NATIONAL = "national";
    /**
     * The regulator (the Care Quality Commission): reads the outlier cases the national process tells it of, across
     * trusts (confirmed alarms, trusts escalated or reported for not responding), with roles, never staff's ids.
     */
    public static final String REGULATOR = "regulator";
    /**
     * A commissioner (an integrated care board): reads, for the trusts the catalogue lists as its members, their
     * outlier cases and their improvement in numbers; roles, never staff's ids; changes nothing.
     */
    public static final String COMMISSIONER = "commissioner";
    /** A platform service (notification-service) that reads any organisation's charts to draw them into messages. */
    public static final String CHART_READER = "chart-reader";

    public static final java.util.List<String> ALL = java.util.List.of(SUBMITTER, VIEWER, IMPROVEMENT_LEAD, COLLEGE,
            PATIENT_GROUP, ADMIN, CHART_READER, TRUST_ADMIN, NATIONAL, REGULATOR, COMMISSIONER);

    private Roles() {
    }
}
