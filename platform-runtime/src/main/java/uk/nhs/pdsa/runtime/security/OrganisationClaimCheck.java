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
 * here: refused at authentication (401), before any endpoint runs.
 */
@ApplicationScoped
public class OrganisationClaimCheck implements SecurityIdentityAugmentor {
    private final String organisationClaim;

    public OrganisationClaimCheck(
            @ConfigProperty(name = "pdsa.security.organisation-claim", defaultValue = "org") String organisationClaim) {
        this.organisationClaim = organisationClaim;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Object org = token.getClaim(organisationClaim);
        if (org == null || org.toString().isBlank()) {
            return Uni.createFrom().failure(new AuthenticationFailedException(
                    "token carries no '" + organisationClaim + "' claim"));
        }
        return Uni.createFrom().item(identity);
    }
}
