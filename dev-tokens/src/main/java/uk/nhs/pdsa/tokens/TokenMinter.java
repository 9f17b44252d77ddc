package uk.nhs.pdsa.tokens;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The token contract between an identity provider and the services (docs/security.md): an RS256 JWT with
 * {@code iss}, {@code aud}, {@code sub}, {@code org} (organisation code), {@code groups} (roles), {@code iat},
 * {@code exp} and {@code jti}. Mints such tokens with a local private key, for the local stack (the sample
 * data loader and {@code ./platform token}) and for tests; production tokens come from the OIDC provider.
 */
public final class TokenMinter {
    /** Issuer and audience of the local stack; the services default to them. */
    public static final String LOCAL_ISSUER = "https://pdsa.localhost/issuer";
    public static final String AUDIENCE = "pdsa-api";

    private final PrivateKey key;
    private final String issuer;
    private final String audience;

    public TokenMinter(PrivateKey key, String issuer, String audience) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
    }

    /**
     * Reads an unencrypted PKCS#8 PEM key given by configuration (the stack's generated file, a test resource);
     * no key is held in code.
     */
    public static PrivateKey readPrivateKey(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an RSA PKCS#8 PEM private key", e);
        }
    }

    public static TokenMinter fromFile(Path privateKeyPem, String issuer, String audience) throws IOException {
        return new TokenMinter(readPrivateKey(Files.readString(privateKeyPem)), issuer, audience);
    }

    /** A token for {@code subject} acting for {@code organisation} with {@code roles}, valid for {@code ttl}. */
    public String mint(String subject, String organisation, List<String> roles, Duration ttl) {
        Instant now = Instant.now();
        return mint(subject, organisation, roles, now, now.plus(ttl), issuer);
    }

    /** Full control of the times and issuer (tests mint expired tokens and tokens of other issuers with it). */
    public String mint(String subject, String organisation, List<String> roles, Instant issuedAt, Instant expiresAt,
            String issuedBy) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuedBy);
        claims.put("aud", audience);
        claims.put("sub", subject);
        claims.put("org", organisation);
        claims.put("groups", roles);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        return sign(claims);
    }

    /** Signs any claims (a test may leave one out). */
    public String sign(Map<String, Object> claims) {
        String header = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String payload = base64Url(json(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Just enough JSON for claims and the provider's admin API: maps, lists, strings, numbers, booleans. */
    static String json(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> json(e.getKey().toString()) + ":" + json(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(TokenMinter::json).collect(Collectors.joining(",", "[", "]"));
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toString().toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
