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

    /**
     * A delivery failure in words for the notification's record (an admin reads it in the API): what went
     * wrong, never the exception class or internals; the log keeps the whole exception.
     */
    public static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.http.HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
                return "the other side did not answer in time";
            }
            if (t instanceof java.net.ConnectException) {
                return "could not connect (refused or unreachable)";
            }
            if (t instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return "the TLS handshake failed";
            }
        }
        return e instanceof java.io.IOException ? "a network error ended the exchange" : "the message could not be sent";
    }
}
