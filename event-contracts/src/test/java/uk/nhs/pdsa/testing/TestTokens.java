package uk.nhs.pdsa.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import uk.nhs.pdsa.tokens.TokenMinter;

/**
 * Tokens for tests, signed with the test key pair in event-contracts' {@code src/test/resources/test-keys}
 * (services trust its public half in the {@code test} profile). Never used outside tests.
 */
public final class TestTokens {
    public static final String ISSUER = "https://pdsa.test/issuer";
    /** The national organisation admins act for in tests. */
    public static final String NATIONAL = "X26";
    /** The regulator's organisation (the Care Quality Commission). */
    public static final String REGULATOR = "CQC";
    /** A commissioner (integrated care board) whose catalogue entry lists none of the tests' trusts. */
    public static final String COMMISSIONER = "QZZ";
    /** Every trust role (submit, read, improve). */
    public static final List<String> TRUST = List.of("submitter", "viewer", "improvement-lead");

    private static final java.security.PrivateKey MINTER_KEY = TokenMinter.readPrivateKey(resource("test-keys/jwt-private.pem"));
    private static final TokenMinter MINTER = new TokenMinter(MINTER_KEY, ISSUER, TokenMinter.AUDIENCE);
    /** A key pair the services do not trust (a forged signature). */
    private static final TokenMinter FORGER;

    static {
        // Bodies are UTF-8, as the services require of JSON: REST Assured labels types it does not know (FHIR's,
        // CSV) ISO-8859-1, and Quarkus puts its configuration back after each test, so a filter says UTF-8.
        RestAssured.filters((request, response, context) -> {
            String type = request.getContentType();
            if (type != null && type.toUpperCase(java.util.Locale.ROOT).contains("CHARSET=ISO-8859-1")
                    && !type.startsWith("application/octet-stream")) {
                request.contentType(type.replaceAll("(?i)charset=ISO-8859-1", "charset=UTF-8"));
            }
            return context.next(request, response);
        });
        try {
            var generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            FORGER = new TokenMinter(generator.generateKeyPair().getPrivate(), ISSUER, TokenMinter.AUDIENCE);
        } catch (java.security.GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TestTokens() {
    }

    /** Every role: what a test that is not about authorisation acts with. */
    public static final List<String> EVERY_ROLE = List.of("submitter", "viewer", "improvement-lead", "admin");
    private static volatile String acting;
    private static final io.restassured.filter.Filter ACTING = (request, response, context) -> {
        String token = acting;
        if (token != null && !request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", "Bearer " + token);
        }
        return context.next(request, response);
    };

    /**
     * From now on, REST Assured requests that carry no Authorization header of their own act for
     * {@code organisation} as its submitter, viewer and improvement lead, and as admin (tests of behaviour,
     * not of authorisation, which the authorisation matrix and the security tests check). Null: no token.
     */
    public static void actAs(String organisation) {
        actAs(organisation, EVERY_ROLE.toArray(String[]::new));
    }

    /** As {@link #actAs(String)} with just these roles (e.g. a college reading national findings). */
    /** The token requests act with now (null: none); the matrix puts it back after its run. */
    static String acting() {
        return acting;
    }

    static synchronized void actWith(String token) {
        acting = token;
    }

    public static synchronized void actAs(String organisation, String... roles) {
        KnownInTests.make(organisation);
        acting = organisation == null ? null : MINTER.mint("test-" + organisation, organisation, List.of(roles),
                Duration.ofHours(2));
        if (!RestAssured.filters().contains(ACTING)) {
            RestAssured.filters(ACTING);
        }
    }

    public static String token(String organisation, String... roles) {
        KnownInTests.make(organisation);
        return MINTER.mint("test-" + String.join("-", roles), organisation, List.of(roles), Duration.ofHours(1));
    }

    /** A request acting for {@code organisation} with {@code roles}. */
    public static RequestSpecification as(String organisation, String... roles) {
        return RestAssured.given().auth().oauth2(token(organisation, roles));
    }

    /** A trust's own staff and systems: submit, read and improve for {@code organisation}. */
    public static RequestSpecification trust(String organisation) {
        return as(organisation, TRUST.toArray(String[]::new));
    }

    /** The platform's administrator. */
    public static RequestSpecification admin() {
        return as(NATIONAL, "admin");
    }

    /** Expired ten minutes ago (beyond any clock skew allowance). */
    public static String expired(String organisation, String... roles) {
        Instant now = Instant.now();
        return MINTER.mint("test-expired", organisation, List.of(roles), now.minusSeconds(3600), now.minusSeconds(600), ISSUER);
    }

    /** Signed with the right key but naming another issuer. */
    public static String wrongIssuer(String organisation, String... roles) {
        Instant now = Instant.now();
        return MINTER.mint("test-other-issuer", organisation, List.of(roles), now, now.plusSeconds(3600),
                "https://login.example.org/other-issuer");
    }

    /** Signed with the right key, by the right issuer, but for another API. */
    public static String wrongAudience(String organisation, String... roles) {
        return new TokenMinter(MINTER_KEY, ISSUER, "another-api").mint("test-other-audience", organisation, List.of(roles),
                Duration.ofHours(1));
    }

    /** A valid token whose payload was changed after signing (here: another organisation put in). */
    public static String tampered(String organisation, String... roles) {
        String[] parts = token("XXXXX", roles).split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"XXXXX\"", "\"" + organisation + "\"");
        return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /** Signed by a key the services do not trust. */
    public static String forged(String organisation, String... roles) {
        return FORGER.mint("test-forged", organisation, List.of(roles), Duration.ofHours(1));
    }

    /** Valid signature, issuer and audience, but no organisation claim. */
    public static String withoutOrganisation(String... roles) {
        Instant now = Instant.now();
        return MINTER.sign(Map.of("iss", ISSUER, "aud", TokenMinter.AUDIENCE, "sub", "test-no-org", "groups", List.of(roles),
                "iat", now.getEpochSecond(), "exp", now.plusSeconds(3600).getEpochSecond()));
    }

    /**
     * A validly signed token of {@code organisation} and {@code roles} with claims changed: each entry of
     * {@code changes} replaces a claim (a null value removes it); {@code iat} and {@code exp} may be given as offsets
     * from now in seconds ({@code "+86400"}).
     */
    public static String withClaims(String organisation, List<String> roles, Map<String, Object> changes) {
        Instant now = Instant.now();
        Map<String, Object> claims = new java.util.LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", TokenMinter.AUDIENCE);
        claims.put("sub", "test-claims");
        claims.put("org", organisation);
        claims.put("groups", roles);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plusSeconds(3600).getEpochSecond());
        claims.put("jti", java.util.UUID.randomUUID().toString());
        changes.forEach((name, value) -> {
            if (value == null) {
                claims.remove(name);
            } else if (value instanceof String offset && offset.matches("^[+-]\\d+$")
                    && (name.equals("iat") || name.equals("exp"))) {
                claims.put(name, now.getEpochSecond() + Long.parseLong(offset));
            } else {
                claims.put(name, value);
            }
        });
        return MINTER.sign(claims);
    }

    private static String resource(String name) {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
