package uk.nhs.pdsa.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The token contract: an RS256 JWT with the claims the services read, verifiable with the public half. */
class TokenMinterTest {
    private static final KeyPair KEYS = keyPair();

    @Test
    void shouldSignAnRs256TokenThePublicKeyVerifiesWithEveryClaim() throws Exception {
        TokenMinter minter = new TokenMinter(TokenMinter.readPrivateKey(privateKeyPem()),
                "https://issuer.example", "pdsa-api");
        Instant before = Instant.now();
        String token = minter.mint("rxh-theatres \"system\"", "RXH", List.of("submitter", "viewer"), Duration.ofMinutes(30));
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);

        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(KEYS.getPublic());
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();

        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(Base64.getUrlDecoder().decode(parts[0]))).isEqualTo(json.readTree("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"));
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.get("iss").asText()).isEqualTo("https://issuer.example");
        assertThat(claims.get("aud").asText()).isEqualTo("pdsa-api");
        assertThat(claims.get("sub").asText()).isEqualTo("rxh-theatres \"system\""); // escaped, still valid JSON
        assertThat(claims.get("org").asText()).isEqualTo("RXH");
        assertThat(claims.get("groups")).hasSize(2);
        assertThat(claims.get("groups").get(1).asText()).isEqualTo("viewer");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(1800);
        assertThat(claims.get("iat").asLong()).isBetween(before.getEpochSecond(), Instant.now().getEpochSecond());
        assertThat(claims.get("jti").asText()).hasSize(36);
        // Any claims can be signed (a test leaves one out).
        assertThat(minter.sign(Map.of("sub", "x")).split("\\.")).hasSize(3);
    }

    @Test
    void shouldRefuseWhatIsNotAKey() {
        assertThatThrownBy(() -> TokenMinter.readPrivateKey("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A fresh key pair, its private half in PKCS#8 PEM as the local stack writes it. */
    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String privateKeyPem() {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(KEYS.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }
}
