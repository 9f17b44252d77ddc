package uk.nhs.pdsa.actionplan.pdsa;

/**
 * A step the cycle's current stage does not allow: answered with 409, naming both. Its detail is written by
 * {@link StageMachine} for the person who asked, and is the problem's detail as it stands.
 */
public class StageConflict extends RuntimeException {
    private final Stage current;
    private final Step requested;
    private final String detail;

    public StageConflict(Stage current, Step requested, String detail) {
        super(detail);
        this.current = current;
        this.requested = requested;
        this.detail = detail;
    }

    /** What the person is told: the current and the requested stage, in words. */
    public String detail() {
        return detail;
    }

    public Stage current() {
        return current;
    }

    public Step requested() {
        return requested;
    }
}
