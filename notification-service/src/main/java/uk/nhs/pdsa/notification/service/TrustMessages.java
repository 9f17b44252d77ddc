package uk.nhs.pdsa.notification.service;

import java.util.List;

import uk.nhs.pdsa.events.FindingRaised;
import uk.nhs.pdsa.events.ImprovementNeedOpened;

/**
 * Who in a trust hears about what, and in which words (pure: no I/O). Concern goes to the clinical
 * lead; improvement too, to celebrate it; a new improvement need to the clinical lead with its due date.
 * Wording is plain and names the unit, the measure and the month: learning, not blame.
 */
public final class TrustMessages {
    public static final String CLINICAL_LEAD = "clinical-lead";

    private TrustMessages() {
    }

    public static List<Message> forFinding(FindingRaised f) {
        String unit = unit(f.organisation(), f.microsystem());
        return switch (f.variation()) {
            case FindingRaised.Variation.SPECIAL_CAUSE_CONCERN -> List.of(new Message(f.organisation(), Message.TRUST,
                    CLINICAL_LEAD, "Concern: " + f.metric() + " at " + unit + " in " + f.period(),
                    "The " + f.audit() + " measure " + f.metric() + " at " + unit + " changed for the worse in "
                            + f.period() + " (" + percent(f.value()) + " against a usual " + percent(f.centreLine())
                            + "). This is more than everyday variation. An improvement need will be opened so the team"
                            + " can look into it."));
            case FindingRaised.Variation.SPECIAL_CAUSE_IMPROVEMENT -> List.of(new Message(f.organisation(), Message.TRUST,
                    CLINICAL_LEAD, "Improvement: " + f.metric() + " at " + unit + " in " + f.period(),
                    "Good news: the " + f.audit() + " measure " + f.metric() + " at " + unit + " improved in "
                            + f.period() + " (" + percent(f.value()) + " against a usual " + percent(f.centreLine())
                            + "). Please thank the team."));
            default -> List.of();
        };
    }

    public static List<Message> forNeed(ImprovementNeedOpened n) {
        String unit = unit(n.organisation(), n.microsystem());
        return List.of(new Message(n.organisation(), Message.TRUST, CLINICAL_LEAD,
                "Improvement need opened: " + n.metric() + " at " + unit,
                "An improvement need was opened for " + n.metric() + " (" + n.audit() + ") at " + unit + " after the "
                        + n.period() + " results. Please start a Plan-Do-Study-Act cycle, or record a decision with"
                        + " your reasons, by " + n.dueBy() + "."));
    }

    private static String unit(String organisation, String microsystem) {
        return microsystem == null ? organisation : microsystem + " (" + organisation + ")";
    }

    private static String percent(double proportion) {
        return Math.round(proportion * 1000) / 10.0 + "%";
    }
}
