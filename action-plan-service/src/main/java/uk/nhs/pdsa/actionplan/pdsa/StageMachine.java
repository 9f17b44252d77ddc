package uk.nhs.pdsa.actionplan.pdsa;

/**
 * The order of a PDSA cycle: Plan, then Do, then Study, then Act, each once; nothing is recorded after Act
 * (a next test of the change is a new cycle on the same ramp). The owner and the team's score can change
 * at any stage before Act.
 */
public final class StageMachine {
    private StageMachine() {
    }

    /**
     * The stage the cycle is at after {@code step}.
     *
     * @throws StageConflict when the current stage does not allow the step
     */
    public static Stage after(Stage current, Step step) {
        if (current == Stage.ACT) {
            throw new StageConflict(current, step, "The cycle is complete (current stage: act); nothing can be recorded"
                    + " after Act (requested: " + step.code() + "). Test the change again in a new cycle that follows"
                    + " this one.");
        }
        return switch (step) {
            case HAND_OVER, SCORE, TEAM -> current;
            case DO, STUDY, ACT -> {
                Stage requested = Stage.valueOf(step.name());
                Stage next = Stage.values()[current.ordinal() + 1];
                if (requested != next) {
                    throw new StageConflict(current, step, "Cannot record " + requested.code() + " while the cycle is at "
                            + current.code() + " (current stage: " + current.code() + ", requested: " + requested.code()
                            + "); the next stage is " + next.code() + ".");
                }
                yield next;
            }
        };
    }

    /** Whether the step is allowed now. */
    public static boolean allows(Stage current, Step step) {
        try {
            after(current, step);
            return true;
        } catch (StageConflict e) {
            return false;
        }
    }
}
