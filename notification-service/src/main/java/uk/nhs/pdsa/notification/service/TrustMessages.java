package uk.nhs.pdsa.notification.service;

import java.util.List;

import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.events.ImprovementNeedState;
import uk.nhs.pdsa.events.PdsaCycleState;
import uk.nhs.pdsa.notification.routing.ContactRoles;

/**
 * Who in a trust hears about what, and in which words (pure: no I/O). A special cause concern or an alert
 * goes to the clinical lead, an alarm to the clinical lead and the medical director; improvement to the
 * improvement lead (the team) and the clinical lead, to celebrate it; a new improvement need to the clinical
 * lead with its due date; an overdue need up the chain (owner, clinical lead, medical director, chief
 * executive) as far as its escalation step reached; an improved need to the clinical and improvement leads.
 * Wording is plain and names the unit, the measure and the month: learning, not blame.
 */
public final class TrustMessages {
    public static final String CLINICAL_LEAD = ContactRoles.CLINICAL_LEAD;
    /** Who an overdue need goes to, step by step: its owner (the audit lead, until a cycle names one) and up. */
    static final List<String> ESCALATION_CHAIN = List.of(ContactRoles.AUDIT_LEAD, ContactRoles.CLINICAL_LEAD, ContactRoles.MEDICAL_DIRECTOR,
            ContactRoles.CHIEF_EXECUTIVE);
    private static final List<String> CELEBRATE = List.of(ContactRoles.CLINICAL_LEAD, ContactRoles.IMPROVEMENT_LEAD);
    /** A cycle's owner, addressed by the email its plan or handover gave. */
    public static final String OWNER = "cycle-owner";
    static final String NEED_TEMPLATE = "trust/need";
    static final String CYCLE_TEMPLATE = "trust/cycle";

    private TrustMessages() {
    }

    public static List<Message> forFinding(FindingState f) {
        if (!f.holds()) {
            return List.of();
        }
        List<Message> messages = f.outlier() != null ? forOutlier(f) : forSpecialCause(f);
        List<Message.Link> links = List.of(chart(f));
        Message.Chart picture = new Message.Chart(f.audit(), f.metric(), f.organisation(),
                f.outlier() != null ? null : f.microsystem());
        return messages.stream().map(m -> m.withLinks(links).showing(picture)).toList();
    }

    /**
     * The chart of the finding in the improvement portal, where the recipient signs in: the series' SPC chart, or
     * for an outlier the trust's own chart of the metric.
     */
    static Message.Link chart(FindingState f) {
        return seriesChart(f.audit(), f.metric(), f.organisation(), f.outlier() != null ? null : f.microsystem());
    }

    static Message.Link seriesChart(String audit, String metric, String organisation, String microsystem) {
        return new Message.Link("See the chart", "portal", "/chart?audit=" + q(audit) + "&metric=" + q(metric)
                + "&organisation=" + q(organisation) + (microsystem == null ? "" : "&microsystem=" + q(microsystem)));
    }

    private static List<Message.Link> needLinks(ImprovementNeedState n) {
        return List.of(new Message.Link("See what needs you", "portal", "/"),
                seriesChart(n.audit(), n.metric(), n.organisation(), n.microsystem()));
    }

    private static String q(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static List<Message> forSpecialCause(FindingState f) {
        String unit = unit(f.organisation(), f.microsystem());
        String usual = DisclosureMessages.percent(f.specialCause().centreLine());
        return switch (f.orientation()) {
            case FindingState.CONCERN -> to(f.organisation(), List.of(CLINICAL_LEAD),
                    "Concern: " + f.metric() + " at " + unit + " in " + f.period(),
                    "The " + f.audit() + " measure " + f.metric() + " at " + unit + " changed for the worse in "
                            + f.period() + " (" + DisclosureMessages.percent(f.value()) + " against a usual " + usual
                            + "). This is more than everyday variation. An improvement need will be opened so the team"
                            + " can look into it.");
            case FindingState.IMPROVEMENT -> to(f.organisation(), CELEBRATE,
                    "Improvement: " + f.metric() + " at " + unit + " in " + f.period(),
                    "Good news: the " + f.audit() + " measure " + f.metric() + " at " + unit + " improved in "
                            + f.period() + " (" + DisclosureMessages.percent(f.value()) + " against a usual " + usual
                            + "). Please thank the team.");
            default -> List.of();
        };
    }

    /**
     * A trust beyond the funnel's limits: its value against the national one, or for a standardised ratio its
     * observed count against the expected count (never a percentage).
     */
    private static List<Message> forOutlier(FindingState f) {
        String result = f.outlier().expected() == null
                ? DisclosureMessages.percent(f.value()) + " against " + DisclosureMessages.percent(f.outlier().target())
                        + " across all trusts"
                : f.outlier().numerator() + " against " + DisclosureMessages.decimal(f.outlier().expected(), 1)
                        + " expected for its patients' risks (a ratio of " + DisclosureMessages.decimal(f.value(), 2)
                        + ", where 1.00 is as expected)";
        return switch (f.orientation()) {
            case FindingState.CONCERN -> to(f.organisation(),
                    "alarm".equals(f.outlier().level()) ? List.of(CLINICAL_LEAD, ContactRoles.MEDICAL_DIRECTOR) : List.of(CLINICAL_LEAD),
                    "Outlier: " + f.metric() + " at " + f.organisation() + " in " + f.period(),
                    "In " + f.period() + " the " + f.audit() + " measure " + f.metric() + " at " + f.organisation()
                            + " was " + result + ": further from it than chance explains (" + f.outlier().level()
                            + " level). An improvement need will be opened so the team can look into it.");
            case FindingState.IMPROVEMENT -> to(f.organisation(), CELEBRATE,
                    "Among the best: " + f.metric() + " at " + f.organisation() + " in " + f.period(),
                    "Good news: in " + f.period() + " the " + f.audit() + " measure " + f.metric() + " at "
                            + f.organisation() + " was " + result + ", better than chance explains. Please thank the team.");
            default -> List.of();
        };
    }

    public static List<Message> forNeed(ImprovementNeedState n) {
        String unit = unit(n.organisation(), n.microsystem());
        return withLinks(needLinks(n), to(n.organisation(), List.of(CLINICAL_LEAD),
                "Improvement need opened: " + n.metric() + " at " + unit,
                "An improvement need was opened for " + n.metric() + " (" + n.audit() + ") at " + unit + " after the "
                        + n.evidence().get(0).period() + " results. Please start a Plan-Do-Study-Act cycle, or record a"
                        + " decision with your reasons, by " + n.dueBy() + "."));
    }

    /** An unanswered need reached an escalation step: everyone up the chain to that step's role hears of it. */
    public static List<Message> forEscalation(ImprovementNeedState n) {
        if (n.escalation() == null) {
            return List.of();
        }
        int reach = switch (n.escalation().role()) {
            case "owner" -> 1;
            case ContactRoles.CLINICAL_LEAD -> 2;
            case ContactRoles.MEDICAL_DIRECTOR -> 3;
            case ContactRoles.CHIEF_EXECUTIVE -> 4;
            default -> Math.min(n.escalation().level(), ESCALATION_CHAIN.size());
        };
        String unit = unit(n.organisation(), n.microsystem());
        return withLinks(needLinks(n), to(n.organisation(), ESCALATION_CHAIN.subList(0, reach),
                "Overdue: improvement need for " + n.metric() + " at " + unit,
                "The improvement need for " + n.metric() + " (" + n.audit() + ") at " + unit + " was due by "
                        + n.dueBy() + " and has no answer yet (" + n.escalation().daysOverdue() + " days overdue). Please"
                        + " start a Plan-Do-Study-Act cycle, or record a decision with your reasons."));
    }

    public static List<Message> forImproved(ImprovementNeedState n) {
        String unit = unit(n.organisation(), n.microsystem());
        return withLinks(needLinks(n), to(n.organisation(), CELEBRATE, "Improved: " + n.metric() + " at " + unit,
                "Good news: the change the team adopted for " + n.metric() + " (" + n.audit() + ") at " + unit
                        + " has improved the results beyond everyday variation. The improvement need is closed."
                        + " Please thank the team."));
    }

    private static List<Message> withLinks(List<Message.Link> links, List<Message> messages) {
        return messages.stream().map(m -> m.withLinks(links).withTemplate(NEED_TEMPLATE)).toList();
    }

    /**
     * A cycle changed hands: its new owner is told by email (the address the handover named), and the improvement
     * lead too, so the team knows who to turn to.
     */
    public static List<Message> forOwnerChanged(PdsaCycleState c) {
        String unit = unit(c.organisation(), c.microsystem());
        String from = c.previousOwner() == null ? "" : " from " + c.previousOwner().name();
        String subject = "You now own the PDSA cycle \"" + c.title() + "\" at " + unit;
        String body = "The Plan-Do-Study-Act cycle \"" + c.title() + "\" at " + unit + " was handed to " + c.owner().name()
                + from + ". It is at its " + c.stage() + " stage and is planned to end by " + c.plannedEnd() + ".";
        return forCycle(c, subject, body, List.of(ContactRoles.IMPROVEMENT_LEAD));
    }

    /** A cycle's planned end passed before its Act: its owner and the improvement lead hear of it. */
    public static List<Message> forCycleOverdue(PdsaCycleState c) {
        String unit = unit(c.organisation(), c.microsystem());
        String subject = "PDSA cycle past its planned end: \"" + c.title() + "\" at " + unit;
        String body = "The Plan-Do-Study-Act cycle \"" + c.title() + "\" at " + unit + " was planned to end by "
                + c.plannedEnd() + " and is still at its " + c.stage() + " stage. Please record where it stands, or"
                + " hand it to a new owner.";
        return forCycle(c, subject, body, List.of(ContactRoles.IMPROVEMENT_LEAD));
    }

    private static List<Message> forCycle(PdsaCycleState c, String subject, String body, List<String> roles) {
        List<Message.Link> links = List.of(new Message.Link("Open the cycle", "action-plan", "/api/v1/pdsa-cycles/" + c.cycleId()));
        List<Message> messages = new java.util.ArrayList<>();
        if (c.owner() != null && c.owner().email() != null) {
            messages.add(new Message(c.organisation(), Message.TRUST, OWNER, subject, body).to(c.owner().email()));
        }
        messages.addAll(to(c.organisation(), roles, subject, body));
        return messages.stream().map(m -> m.withLinks(links).withTemplate(CYCLE_TEMPLATE)).toList();
    }

    private static List<Message> to(String organisation, List<String> roles, String subject, String body) {
        return roles.stream().map(role -> new Message(organisation, Message.TRUST, role, subject, body)).toList();
    }

    private static String unit(String organisation, String microsystem) {
        return microsystem == null ? organisation : microsystem + " (" + organisation + ")";
    }
}
