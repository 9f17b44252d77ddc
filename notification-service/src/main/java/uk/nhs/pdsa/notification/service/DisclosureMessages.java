package uk.nhs.pdsa.notification.service;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import uk.nhs.pdsa.notification.routing.ContactRoles;

/**
 * The words of staged disclosure (pure): a Royal College gets one summary per audit of the findings whose
 * disclosure delay passed; a patient group gets a published trust-level finding in plain language, with no
 * statistical terms and nothing below trust level.
 */
public final class DisclosureMessages {
    public static final String COLLEGE = "college";
    public static final String PATIENT_GROUP = "patient-group";

    private DisclosureMessages() {
    }

    /**
     * One finding as disclosure sees it.
     *
     * @param ratio whether the metric is a standardised ratio: value and reference are then observed over expected
     */
    public record Disclosed(String organisation, String organisationName, String microsystem, String audit,
            String auditTitle, String metric, String metricTitle, String period, String kind, String orientation,
            String variation, double value, double reference, boolean ratio) {
    }

    public static Message collegeSummary(String college, String auditTitle, List<Disclosed> findings) {
        StringBuilder body = new StringBuilder("Staged disclosure for ").append(auditTitle).append(": ")
                .append(findings.size()).append(findings.size() == 1 ? " finding" : " findings")
                .append(" whose trusts were told at least the disclosure delay ago.\n");
        for (Disclosed d : findings) {
            body.append("\n- ").append(d.organisationName()).append(" (").append(d.organisation()).append(")")
                    .append(d.microsystem() == null ? "" : ", " + d.microsystem()).append(": ").append(d.metricTitle())
                    .append(" in ").append(d.period()).append(", ").append(describe(d)).append(" (")
                    .append(d.ratio() ? "observed " + decimal(d.value(), 2) + " times expected" : percent(d.value()))
                    .append(" against ").append(d.ratio() ? decimal(d.reference(), 2) : percent(d.reference()))
                    .append(d.kind().equals("outlier") ? " nationally" : " usually").append(")");
        }
        return new Message(college, COLLEGE, ContactRoles.COLLEGE_AUDIT_LEAD,
                auditTitle + ": " + findings.size() + (findings.size() == 1 ? " finding" : " findings") + " for review",
                body.toString());
    }

    /** A published trust-level finding in plain words for a patient group. */
    public static Message forPatients(String patientGroup, Disclosed d) {
        String month = YearMonth.parse(d.period().length() == 7 ? d.period() : d.period() + "-01")
                .format(DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK));
        String score = d.ratio()
                // Observed over expected, in words: deaths for every 100 expected for patients like these.
                ? " there were " + Math.round(d.value() * 100) + " for every 100 we would expect for patients like these."
                        + " Most of the time it was about " + Math.round(d.reference() * 100) + " for every 100. "
                : " the score for \"" + d.metricTitle() + "\" was " + Math.round(d.value() * 100) + " in 100. In most"
                        + " hospitals it was about " + Math.round(d.reference() * 100) + " in 100. ";
        String compared = "improvement".equals(d.orientation())
                ? "This is better than we would expect. Well done to the staff."
                : "This is worse than we would expect. The hospital has been told. Its staff are working to put it right.";
        String body = "We check how well hospitals care for people. This is about " + d.auditTitle() + " at "
                + d.organisationName() + ". In " + month + "," + (d.ratio() ? " for \"" + d.metricTitle() + "\"," : "")
                + score + compared;
        return new Message(patientGroup, PATIENT_GROUP, ContactRoles.PATIENT_REPRESENTATIVE,
                d.organisationName() + ": " + d.auditTitle() + " results for " + month, body);
    }

    private static String describe(Disclosed d) {
        if (d.kind().equals("outlier")) {
            return d.variation().replace('-', ' ') + " outlier";
        }
        return "improvement".equals(d.orientation()) ? "special cause improvement" : "special cause concern";
    }

    /** A number with {@code places} decimals, as messages write ratios and expected counts (1.8351 → "1.84"). */
    static String decimal(double value, int places) {
        return String.format(java.util.Locale.UK, "%." + places + "f", value);
    }

    /** A proportion as a percentage with one decimal (0.1439 → "14.4%"), as every message writes it. */
    static String percent(double proportion) {
        return Math.round(proportion * 1000) / 10.0 + "%";
    }
}
