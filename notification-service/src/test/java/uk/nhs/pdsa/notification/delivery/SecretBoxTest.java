package uk.nhs.pdsa.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

/** Webhook secrets sealed at rest: AES-256-GCM, key ids bound in, rotation by putting a new key first. */
class SecretBoxTest {
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K1 = "k1:" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String K2 = "k2:" + Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());

    @Test
    void shouldSealSoThatNothingOfTheSecretShowsAndOpenItAgain() {
        SecretBox box = SecretBox.parse(K1);
        String sealed = box.seal(SECRET);
        assertThat(sealed).startsWith("enc:v1:k1:").doesNotContain(SECRET.substring(6));
        assertThat(box.seal(SECRET)).isNotEqualTo(sealed); // a fresh nonce each time
        assertThat(box.open(sealed)).isEqualTo(SECRET);
        assertThat(box.current(sealed)).isTrue();
        assertThat(box.open(SECRET)).isEqualTo(SECRET); // stored before sealing: read as it is, sealed when written
    }

    @Test
    void shouldOpenWithAnOldKeyWhileRotatingAndSealWithTheNewOne() {
        String sealedWithK1 = SecretBox.parse(K1).seal(SECRET);
        SecretBox rotating = SecretBox.parse(K2 + "," + K1);
        assertThat(rotating.current(sealedWithK1)).isFalse();
        assertThat(rotating.open(sealedWithK1)).isEqualTo(SECRET);
        assertThat(rotating.seal(SECRET)).startsWith("enc:v1:k2:");
        assertThatThrownBy(() -> SecretBox.parse(K2).open(sealedWithK1)).hasMessageContaining("key k1, which is not configured");
    }

    @Test
    void shouldRefuseATamperedValueAKeyIdChangedAndBadKeys() {
        SecretBox box = SecretBox.parse(K1);
        String sealed = box.seal(SECRET);
        byte[] raw = Base64.getDecoder().decode(sealed.substring("enc:v1:k1:".length()));
        raw[raw.length - 1] ^= 1;
        assertThatThrownBy(() -> box.open("enc:v1:k1:" + Base64.getEncoder().encodeToString(raw)))
                .hasMessageContaining("cannot be opened");
        // The key id is authenticated: the same bytes under another id (and key) do not open.
        SecretBox twoKeys = SecretBox.parse(K1 + "," + K2.replace("k2:", "k3:"));
        assertThatThrownBy(() -> twoKeys.open(sealed.replace("enc:v1:k1:", "enc:v1:k3:"))).hasMessageContaining("cannot be opened");
        assertThatThrownBy(() -> SecretBox.parse("")).hasMessageContaining("no webhook secret key");
        assertThatThrownBy(() -> SecretBox.parse("k1:c2hvcnQ=")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> SecretBox.parse("k1:%%%")).hasMessageContaining("not base64");
        assertThatThrownBy(() -> SecretBox.parse(K1 + "," + K1)).hasMessageContaining("twice");
        assertThatThrownBy(() -> SecretBox.parse("no-colon")).hasMessageContaining("id:base64");
    }
}
