package uk.nhs.pdsa.actionplan.pdsa;

/** A step the cycle's current stage does not allow: answered with 409, naming both. */
public class StageConflict extends RuntimeException {
    private final Stage current;
    private final Step requested;

    public StageConflict(Stage current, Step requested, String message) {
        super(message);
        this.current = current;
        this.requested = requested;
    }

    public Stage current() {
        return current;
    }

    public Step requested() {
        return requested;
    }
}
