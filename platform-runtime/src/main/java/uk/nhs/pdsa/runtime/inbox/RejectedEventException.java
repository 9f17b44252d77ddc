package uk.nhs.pdsa.runtime.inbox;

/** The event breaks its contract; retrying cannot help, so it is recorded as rejected and skipped. */
public class RejectedEventException extends RuntimeException {
    private final String eventId;

    public RejectedEventException(String eventId, String reason) {
        super(reason);
        this.eventId = eventId;
    }

    public RejectedEventException(String eventId, String reason, Throwable cause) {
        super(reason, cause);
        this.eventId = eventId;
    }

    public String eventId() {
        return eventId;
    }
}
