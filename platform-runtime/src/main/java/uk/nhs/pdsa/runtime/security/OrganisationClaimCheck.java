package uk.nhs.pdsa.runtime.security;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every object-level check needs the caller's organisation, so a token without one is not a valid token
 * here: refused at authentication (401), before any endpoint runs. So is a token whose claims are the wrong
 * shape (an organisation that is an array, an object or not an organisation code; roles as one string) or that
 * was issued in the future (beyond a minute of clock skew): its signature being valid does not make it meaningful.
 * A well-formed token naming an organisation the catalogue does not hold is refused with 403
 * ({@link UnknownOrganisation}, {@link KnownOrganisations}).
 */
@ApplicationScoped
public class OrganisationClaimCheck implements SecurityIdentityAugmentor {
    private final String organisationClaim;
    private final KnownOrganisations organisations;

    public OrganisationClaimCheck(
            @ConfigProperty(name = "pdsa.security.organisation-claim", defaultValue = "org") String organisationClaim,
            KnownOrganisations organisations) {
        this.organisationClaim = organisationClaim;
        this.organisations = organisations;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        // The claims as the token's JSON has them (a library may turn one string of roles into a set).
        jakarta.json.JsonObject claims = rawClaims(token.getRawToken());
        String refusal = claims == null ? "its payload cannot be read"
                : refusal(claims.get(organisationClaim), claims.get("groups"), token.getIssuedAtTime(),
                        java.time.Instant.now().getEpochSecond());
        if (refusal != null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token refused: " + refusal));
        }
        String code = ((jakarta.json.JsonString) claims.get(organisationClaim)).getString();
        if (organisations.remembered(code)) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> {
            if (!organisations.known(code)) {
                throw new UnknownOrganisation(token.getSubject(), code,
                        String.join(" ", new java.util.TreeSet<>(identity.getRoles())));
            }
            return identity;
        });
    }

    static jakarta.json.JsonObject rawClaims(String raw) {
        String[] parts = raw == null ? new String[0] : raw.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new java.io.ByteArrayInputStream(
                java.util.Base64.getUrlDecoder().decode(parts[1])))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Tokens issued further in the future than this are refused (clocks differ by less). */
    static final long CLOCK_SKEW_SECONDS = 60;

    /**
     * Why a verified token's claims are not ones this platform acts on, or null: the organisation must be one string,
     * an organisation code; the roles ({@code groups}) an array of strings; and it must not be issued in the future.
     */
    static String refusal(Object org, Object groups, long issuedAt, long now) {
        Object organisation = org instanceof jakarta.json.JsonString json ? json.getString() : org;
        if (!(organisation instanceof String code) || code.isBlank()) {
            return "its organisation claim is missing or not a string";
        }
        if (!uk.nhs.pdsa.metrics.OrganisationCode.isValid(code)) {
            return "its organisation claim is not an organisation code";
        }
        if (groups != null && !(groups instanceof jakarta.json.JsonArray array
                && array.stream().allMatch(g -> g.getValueType() == jakarta.json.JsonValue.ValueType.STRING))
                && !(groups instanceof java.util.Collection<?> list && list.stream().allMatch(String.class::isInstance))) {
            return "its groups claim is not an array of role names";
        }
        if (issuedAt > now + CLOCK_SKEW_SECONDS) {
            return "it is issued in the future";
        }
        return null;
    }
}
