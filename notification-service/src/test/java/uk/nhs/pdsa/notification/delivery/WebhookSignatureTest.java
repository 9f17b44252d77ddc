package uk.nhs.pdsa.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Against the test vector published with the Standard Webhooks specification (secret
 * whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw, id msg_p5jXN8AQM9LWM0D4loKWxJek, timestamp 1614265330, body
 * {"test": 2432232314}), so any of the specification's libraries verifies what this service sends.
 */
class WebhookSignatureTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;
    private static final String BODY = "{\"test\": 2432232314}";
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void shouldReproduceThePublishedSignature() {
        assertThat(WebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void shouldVerifyLikeAReceiverAndRefuseTamperingOrReplay() {
        assertThat(WebhookSignature.verify(SECRET, ID, "1614265330", SIGNATURE, BODY, TIMESTAMP + 10, 300)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, ID, "1614265330", "v1,other v1,wrong " + SIGNATURE, BODY, TIMESTAMP, 300)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, ID, "1614265330", SIGNATURE, "{\"test\": 2432232315}", TIMESTAMP, 300)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "msg_other", "1614265330", SIGNATURE, BODY, TIMESTAMP, 300)).isFalse();
        assertThat(WebhookSignature.verify("whsec_" + "A".repeat(32), ID, "1614265330", SIGNATURE, BODY, TIMESTAMP, 300)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, ID, "1614265330", SIGNATURE, BODY, TIMESTAMP + 301, 300)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, ID, "soon", SIGNATURE, BODY, TIMESTAMP, 300)).isFalse();
    }
}
