package uk.nhs.pdsa.notification.service;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import uk.nhs.pdsa.events.OutlierCaseState;
import uk.nhs.pdsa.metrics.AnalysisPeriod;
import uk.nhs.pdsa.notification.repository.TrustProgress;
import uk.nhs.pdsa.notification.routing.ContactRoles;

/**
 * Who hears of each step of an outlier case, in which words (pure: no I/O), as HQIP's outlier process has it: the
 * trust's clinical lead is asked to review the data; an overdue review or response goes to the medical director;
 * a confirmed outlier goes to the medical director and chief executive, and for an alarm to the regulator; a trust
 * that fails to respond to an alarm is reported to the regulator; at publication patient groups hear, in plain
 * words that say what the trust has done. Steps of the analysis alone (raised, revised before the trust is told)
 * and the trust's own response tell nobody.
 */
public final class OutlierCaseMessages {
    public static final String REGULATOR = "regulator";
    static final String TEMPLATE = "trust/finding";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private OutlierCaseMessages() {
    }

    /** The names a message uses: the trust's, the audit's and the metric's, from the catalogue (codes if unknown). */
    public record Names(String organisation, String audit, String metric) {
    }

    /**
     * The messages of one step. {@code regulators} and {@code patientGroups} are the catalogue's organisations of
     * those types; {@code progress} is what the trust did on the measure since the case opened (for publication).
     */
    public static List<Message> of(OutlierCaseState c, Names names, List<String> regulators, List<String> patientGroups,
            TrustProgress.Since progress) {
        String what = names.metric() + " (" + names.audit() + ")";
        String where = names.organisation() + " (" + c.organisation() + ")";
        String result = describe(c);
        String months = period(c.period());
        List<Message> messages = new ArrayList<>();
        switch (c.action()) {
            case "clinical-lead-notified" -> messages.addAll(trust(c, List.of(ContactRoles.CLINICAL_LEAD),
                    "Please review your data: " + names.metric() + " at " + c.organisation() + ", " + c.period(),
                    "The audit's analysis of " + months + " places " + where + " beyond the " + level(c) + " for "
                            + what + ": " + result + ". Before anything goes further, please check the data your"
                            + " trust submitted. Confirm they are accurate, or correct them by resubmitting (the"
                            + " analysis then runs again). Please do this by " + day(c.dueBy()) + "."));
            case "still-alert-after-correction", "still-alarm-after-correction" -> messages.addAll(trust(c,
                    List.of(ContactRoles.CLINICAL_LEAD),
                    "Still beyond the limit after your correction: " + names.metric() + " at " + c.organisation(),
                    "The analysis of " + months + " ran again on your corrected data. " + where + " is still beyond"
                            + " the " + level(c) + " for " + what + ": " + result + ". Please review the data again,"
                            + " and confirm or correct them by " + day(c.dueBy()) + "."));
            case "not-an-outlier-after-correction", "within-limits-on-revised-data" -> messages.addAll(trust(c,
                    List.of(ContactRoles.CLINICAL_LEAD),
                    "Within the limits after correction: " + names.metric() + " at " + c.organisation(),
                    "The analysis of " + months + " ran again on the corrected data. " + where + " is now within"
                            + " the expected range for " + what + ". The case is closed; nothing will be published."));
            case "escalated-to-medical-director" -> messages.addAll(trust(c,
                    List.of(ContactRoles.CLINICAL_LEAD, ContactRoles.MEDICAL_DIRECTOR),
                    "Overdue: outlier " + (c.stage().equals(OutlierCaseState.INFORMED) ? "response" : "data review")
                            + " for " + names.metric() + " at " + c.organisation(),
                    (c.stage().equals(OutlierCaseState.INFORMED)
                            ? "The trust has not yet responded to its confirmed " + c.level() + " for " + what + " in "
                                    + months + " (answer its improvement need with a PDSA cycle or a decision)."
                            : "The clinical lead has not yet confirmed or corrected the data behind the " + c.level()
                                    + " for " + what + " in " + months + ".")
                            + " The deadline passed; the new deadline is " + day(c.dueBy()) + "."));
            case "data-taken-as-submitted" -> messages.addAll(trust(c,
                    List.of(ContactRoles.CLINICAL_LEAD, ContactRoles.MEDICAL_DIRECTOR),
                    "Data taken as submitted: " + names.metric() + " at " + c.organisation() + ", " + c.period(),
                    "Nobody confirmed or corrected the data behind the " + c.level() + " for " + what + " in "
                            + months + " by the extended deadline, so the audit takes them as submitted: " + where
                            + " is a confirmed outlier (" + result + ")."));
            case "board-informed", "board-and-regulator-informed" -> {
                messages.addAll(trust(c, List.of(ContactRoles.MEDICAL_DIRECTOR, ContactRoles.CHIEF_EXECUTIVE),
                        "Confirmed outlier: " + names.metric() + " at " + c.organisation() + ", " + c.period(),
                        "The audit confirms that " + where + " is an outlier at the " + level(c) + " for " + what + " in "
                                + months + ": " + result + ". "
                                + (OutlierCaseState.ALARM.equals(c.level()) ? "As the national outlier process requires,"
                                        + " the Care Quality Commission has been told. " : "")
                                + "Please respond by " + day(c.dueBy()) + ": answer the trust's improvement need for"
                                + " this measure with a Plan-Do-Study-Act cycle, or record a decision with its reasons."
                                + " The result will be published after the trust has responded."));
                if (OutlierCaseState.ALARM.equals(c.level())) {
                    messages.addAll(regulator(regulators, "Confirmed outlier alarm: " + names.metric() + " at "
                            + names.organisation() + ", " + c.period(),
                            "The audit confirms an outlier alarm (beyond the 99.8 % limit) for " + what + " at " + where
                                    + " in " + months + ": " + result + ". Its medical director and chief executive have been told and"
                                    + " are asked to respond by " + day(c.dueBy()) + "."));
                }
            }
            case "no-response-reported-to-regulator" -> {
                messages.addAll(regulator(regulators, "No response to an outlier alarm: " + names.organisation() + ", "
                        + names.metric(), where + " has not responded to its confirmed outlier alarm for " + what
                        + " in " + months + " (" + result + "), past its deadline and the escalation to its"
                        + " medical director."));
                messages.addAll(trust(c, List.of(ContactRoles.MEDICAL_DIRECTOR, ContactRoles.CHIEF_EXECUTIVE),
                        "Reported to the Care Quality Commission: no response on " + names.metric(),
                        "The trust has not responded to its confirmed outlier alarm for " + what + " in " + months
                                + ", so the audit has told the Care Quality Commission, as the national outlier process"
                                + " requires. The trust can still respond by answering its improvement need."));
            }
            case OutlierCaseState.PUBLISHED -> patientGroups.forEach(group -> messages.add(forPatients(group, c, names,
                    progress)));
            default -> {
                // raised, revised before the trust is told, data corrected (the analysis speaks next), responded
            }
        }
        return messages;
    }

    /** The published outlier in plain words, saying truthfully what the trust has done: never a stock phrase. */
    static Message forPatients(String patientGroup, OutlierCaseState c, Names names, TrustProgress.Since progress) {
        String months = period(c.period());
        StringBuilder body = new StringBuilder("We check how well hospitals care for people. This is about ")
                .append(names.audit()).append(" at ").append(names.organisation()).append(months.contains(" to ")
                        ? ". From " : ". In ").append(months).append(", the score for \"").append(names.metric()).append("\" was ");
        if (c.expected() != null && c.numerator() != null && c.denominator() != null) {
            // A standardised ratio: the count, and what hospitals see for patients like these (the expected count).
            body.append(c.numerator()).append(" for ").append(c.denominator()).append(" patients. For patients like")
                    .append(" these, about ").append(Math.round(c.expected())).append(" would be usual. ");
        } else {
            body.append(Math.round(c.value() * 100)).append(" in 100. In most hospitals it was about ")
                    .append(Math.round(c.target() * 100)).append(" in 100. ");
        }
        body.append("This is a bigger difference than chance would explain. ");
        OutlierCaseState.Response r = c.response();
        if (r == null) {
            body.append("The hospital has not yet told us what it will do about this.");
            if (c.reportedToRegulator()) {
                body.append(" We have told the Care Quality Commission, which inspects hospitals.");
            }
        } else if ("cycle".equals(r.kind())) {
            body.append("On ").append(day(r.at())).append(" its staff started testing a change to put it right.");
            if (progress != null && progress.testsStarted() > 1) {
                body.append(" Since then they have tested ").append(progress.testsStarted()).append(" changes");
                body.append(progress.adopted() > 0 ? ", and kept " + progress.adopted() + " of them." : ".");
            } else if (progress != null && progress.adopted() > 0) {
                body.append(" They have kept the change.");
            }
            if (progress != null && progress.improvedAt() != null) {
                body.append(" Its results have got better since.");
            }
        } else {
            body.append("On ").append(day(r.at())).append(" the hospital looked into it and wrote down what it decided,")
                    .append(" and why. It did not start testing a change.");
        }
        return new Message(patientGroup, DisclosureMessages.PATIENT_GROUP, ContactRoles.PATIENT_REPRESENTATIVE,
                names.organisation() + ": " + names.audit() + " results for " + period(c.period()), body.toString());
    }

    private static List<Message> trust(OutlierCaseState c, List<String> roles, String subject, String body) {
        List<Message.Link> links = List.of(new Message.Link("See the case", "portal", "/outliers/" + c.caseId()));
        return roles.stream().map(role -> new Message(c.organisation(), Message.TRUST, role, subject, body)
                .withLinks(links).withTemplate(TEMPLATE)).toList();
    }

    private static List<Message> regulator(List<String> regulators, String subject, String body) {
        return regulators.stream().map(code -> new Message(code, REGULATOR, ContactRoles.REGULATOR_LEAD, subject, body)
                .withTemplate(TEMPLATE)).toList();
    }

    private static String describe(OutlierCaseState c) {
        if (c.value() == null || c.target() == null) {
            return "its totals are with the audit";
        }
        if (c.expected() != null && c.numerator() != null) {
            return c.numerator() + " against " + DisclosureMessages.decimal(c.expected(), 1) + " expected for its patients'"
                    + " risks (" + c.denominator() + " patients): a ratio of " + DisclosureMessages.decimal(c.value(), 2)
                    + ", where 1.00 is as expected";
        }
        String counts = c.numerator() == null ? "" : " (" + c.numerator() + " of " + c.denominator() + ")";
        return DisclosureMessages.percent(c.value()) + counts + " against " + DisclosureMessages.percent(c.target()) + " across all trusts";
    }

    private static String level(OutlierCaseState c) {
        return OutlierCaseState.ALARM.equals(c.level()) ? "alarm limit (99.8 %)" : "alert limit (95 %)";
    }

    /** An analysis period in words: 2025-26 → April 2025 to March 2026. */
    static String period(String label) {
        return AnalysisPeriod.ofLabel(label).map(AnalysisPeriod::inWords).orElse(label);
    }

    private static String day(LocalDate date) {
        return date == null ? "the deadline" : date.format(DAY);
    }

    private static String day(java.time.Instant at) {
        return at.atZone(ZoneId.of("Europe/London")).toLocalDate().format(DAY);
    }
}
