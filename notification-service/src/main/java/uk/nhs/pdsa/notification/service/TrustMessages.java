package uk.nhs.pdsa.notification.service;

import java.util.List;

import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.events.ImprovementNeedState;

/**
 * Who in a trust hears about what, and in which words (pure: no I/O). Concern goes to the clinical
 * lead; improvement too, to celebrate it; a new improvement need to the clinical lead with its due date.
 * Wording is plain and names the unit, the measure and the month: learning, not blame.
 */
public final class TrustMessages {
    public static final String CLINICAL_LEAD = "clinical-lead";

    private TrustMessages() {
    }

    public static List<Message> forFinding(FindingState f) {
        if (!f.holds()) {
            return List.of();
        }
        return f.outlier() != null ? forOutlier(f) : forSpecialCause(f);
    }

    private static List<Message> forSpecialCause(FindingState f) {
        String unit = unit(f.organisation(), f.microsystem());
        String usual = percent(f.specialCause().centreLine());
        return switch (f.orientation()) {
            case FindingState.CONCERN -> List.of(new Message(f.organisation(), Message.TRUST,
                    CLINICAL_LEAD, "Concern: " + f.metric() + " at " + unit + " in " + f.period(),
                    "The " + f.audit() + " measure " + f.metric() + " at " + unit + " changed for the worse in "
                            + f.period() + " (" + percent(f.value()) + " against a usual " + usual
                            + "). This is more than everyday variation. An improvement need will be opened so the team"
                            + " can look into it."));
            case FindingState.IMPROVEMENT -> List.of(new Message(f.organisation(), Message.TRUST,
                    CLINICAL_LEAD, "Improvement: " + f.metric() + " at " + unit + " in " + f.period(),
                    "Good news: the " + f.audit() + " measure " + f.metric() + " at " + unit + " improved in "
                            + f.period() + " (" + percent(f.value()) + " against a usual " + usual
                            + "). Please thank the team."));
            default -> List.of();
        };
    }

    private static List<Message> forOutlier(FindingState f) {
        String national = percent(f.outlier().target());
        return switch (f.orientation()) {
            case FindingState.CONCERN -> List.of(new Message(f.organisation(), Message.TRUST, CLINICAL_LEAD,
                    "Outlier: " + f.metric() + " at " + f.organisation() + " in " + f.period(),
                    "In " + f.period() + " the " + f.audit() + " measure " + f.metric() + " at " + f.organisation()
                            + " was " + percent(f.value()) + " against " + national + " across all trusts: further from"
                            + " it than chance explains (" + f.outlier().level() + " level). An improvement need will be"
                            + " opened so the team can look into it."));
            case FindingState.IMPROVEMENT -> List.of(new Message(f.organisation(), Message.TRUST, CLINICAL_LEAD,
                    "Among the best: " + f.metric() + " at " + f.organisation() + " in " + f.period(),
                    "Good news: in " + f.period() + " the " + f.audit() + " measure " + f.metric() + " at "
                            + f.organisation() + " was " + percent(f.value()) + " against " + national
                            + " across all trusts, better than chance explains. Please thank the team."));
            default -> List.of();
        };
    }

    public static List<Message> forNeed(ImprovementNeedState n) {
        String unit = unit(n.organisation(), n.microsystem());
        return List.of(new Message(n.organisation(), Message.TRUST, CLINICAL_LEAD,
                "Improvement need opened: " + n.metric() + " at " + unit,
                "An improvement need was opened for " + n.metric() + " (" + n.audit() + ") at " + unit + " after the "
                        + n.evidence().get(0).period() + " results. Please start a Plan-Do-Study-Act cycle, or record a decision with"
                        + " your reasons, by " + n.dueBy() + "."));
    }

    private static String unit(String organisation, String microsystem) {
        return microsystem == null ? organisation : microsystem + " (" + organisation + ")";
    }

    private static String percent(double proportion) {
        return Math.round(proportion * 1000) / 10.0 + "%";
    }
}
