package uk.nhs.pdsa.notification.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class with a {@link WebhookReceiver} of its own, started before its tests and stopped after them. */
public abstract class WithWebhookReceiver {
    /** The secret the receiver verifies signatures with; contacts in these tests are given it. */
    protected static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    protected static WebhookReceiver receiver;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new WebhookReceiver(SECRET);
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }
}
