package uk.nhs.pdsa.notification.delivery;

/** What one delivery attempt came to. */
public record Outcome(Kind kind, String detail) {
    public enum Kind {
        /** Accepted by the receiver (SMTP accepted the message; the endpoint answered 2xx). */
        DELIVERED,
        /** Failed this time; retry on the schedule. */
        RETRY,
        /** The endpoint answered 410 Gone: disable it, do not retry. */
        GONE,
        /** Cannot be sent at all (the contact or its channel is gone). */
        PERMANENT
    }

    public static Outcome delivered() {
        return new Outcome(Kind.DELIVERED, null);
    }

    public static Outcome retry(String detail) {
        return new Outcome(Kind.RETRY, detail);
    }
}
