package uk.nhs.pdsa.actionplan.pdsa;

import java.util.List;

/**
 * Suggests a score on the IHI progress scale (Institute for Healthcare Improvement, Breakthrough Series
 * assessment scale, 0.5-5.0) from what a cycle has recorded and what its data showed at Study:
 * <pre>
 * 1.5 planning has begun        (Plan recorded)
 * 2.0 activity, but no changes  (Do recorded: the change is being made)
 * 2.5 changes tested, but no improvement (Study: no measure better since the change)
 * 3.0 modest improvement        (a measure's mean since the change is better than before)
 * 3.5 improvement               (special cause improvement since the change)
 * 4.0 significant improvement   (special cause improvement since the change, sustained to the latest point)
 * 4.5 sustainable improvement   (sustained in this cycle and in the cycle before it on the ramp)
 * </pre>
 * 5.0 (outstanding sustainable results) and the lower steps about forming a team are left to the team's
 * own judgement: the score it sets by hand is kept beside this one.
 */
public final class ProgressScore {
    private ProgressScore() {
    }

    /**
     * @param evidence          the Study evidence of each linked measure (empty before Study)
     * @param previousSustained whether the previous cycle on the ramp ended with sustained improvement
     */
    public static double suggest(Stage stage, List<MeasureEvidence> evidence, boolean previousSustained) {
        return switch (stage) {
            case PLAN -> 1.5;
            case DO -> 2.0;
            case STUDY, ACT -> fromData(evidence, previousSustained);
        };
    }

    private static double fromData(List<MeasureEvidence> evidence, boolean previousSustained) {
        if (evidence.stream().anyMatch(MeasureEvidence::sustained)) {
            return previousSustained ? 4.5 : 4.0;
        }
        if (evidence.stream().anyMatch(e -> e.improvement() != null)) {
            return 3.5;
        }
        if (evidence.stream().anyMatch(MeasureEvidence::meanBetter)) {
            return 3.0;
        }
        return 2.5;
    }

    /** Whether the Study evidence shows sustained special cause improvement on any measure. */
    public static boolean sustained(List<MeasureEvidence> evidence) {
        return evidence.stream().anyMatch(MeasureEvidence::sustained);
    }
}
