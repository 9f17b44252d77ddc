package uk.nhs.pdsa.notification.routing;

import java.util.List;

/** The roles a contact can hold (not the token roles of {@code uk.nhs.pdsa.runtime.security.Roles}). */
public final class ContactRoles {
    public static final String CLINICAL_LEAD = "clinical-lead";
    public static final String MEDICAL_DIRECTOR = "medical-director";
    public static final String CHIEF_EXECUTIVE = "chief-executive";
    public static final String AUDIT_LEAD = "audit-lead";
    public static final String IMPROVEMENT_LEAD = "improvement-lead";
    public static final String COLLEGE_AUDIT_LEAD = "college-audit-lead";
    public static final String PATIENT_REPRESENTATIVE = "patient-representative";
    /** At the regulator (CQC): hears of confirmed outlier alarms and of trusts that fail to respond. */
    public static final String REGULATOR_LEAD = "regulator-lead";

    public static final List<String> ALL = List.of(CLINICAL_LEAD, MEDICAL_DIRECTOR, CHIEF_EXECUTIVE, AUDIT_LEAD,
            IMPROVEMENT_LEAD, COLLEGE_AUDIT_LEAD, PATIENT_REPRESENTATIVE, REGULATOR_LEAD);

    private ContactRoles() {
    }
}
