package uk.nhs.pdsa.runtime.security;

import java.util.Set;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import jakarta.enterprise.context.RequestScoped;
import uk.nhs.pdsa.runtime.problem.ProblemException;

/**
 * Who is calling: the verified token's subject, organisation ({@code org} claim, or the claim configured by
 * {@code pdsa.security.organisation-claim}) and roles. Object-level checks go through here: an object of
 * another organisation is answered as if it did not exist (404), never 403, so its existence is not revealed.
 */
@RequestScoped
public class Caller {
    private final JsonWebToken token;
    private final String organisationClaim;

    public Caller(JsonWebToken token,
            @ConfigProperty(name = "pdsa.security.organisation-claim", defaultValue = "org") String organisationClaim) {
        this.token = token;
        this.organisationClaim = organisationClaim;
    }

    /** The token's subject ({@code sub}), e.g. a user's or a trust system's identifier. */
    public String subject() {
        String subject = token.getSubject();
        return subject == null || subject.isBlank() ? token.getName() : subject;
    }

    /** The organisation the token acts for (checked present when the token was verified). */
    public String organisation() {
        Object org = token.getClaim(organisationClaim);
        return org == null ? null : org.toString();
    }

    public Set<String> roles() {
        Set<String> groups = token.getGroups();
        return groups == null ? Set.of() : groups;
    }

    public boolean has(String role) {
        return roles().contains(role);
    }

    public boolean hasAny(String... candidates) {
        for (String role : candidates) {
            if (has(role)) {
                return true;
            }
        }
        return false;
    }

    /** True when the caller acts for this organisation with one of these (trust) roles. */
    public boolean actsFor(String organisation, String... trustRoles) {
        return organisation != null && organisation.equals(organisation()) && hasAny(trustRoles);
    }

    /** True when the caller may read an object of this organisation: its own trust roles, or national oversight. */
    public boolean readsFor(String organisation, String... trustRoles) {
        return actsFor(organisation, trustRoles) || has(Roles.NATIONAL);
    }

    /**
     * An object of {@code organisation}: the caller must act for it with one of {@code trustRoles}, else 404
     * with {@code detail} (the same answer as for an id that does not exist).
     */
    public void requireOwn(String organisation, String detail, String... trustRoles) {
        if (!actsFor(organisation, trustRoles)) {
            throw ProblemException.notFound(detail);
        }
    }

    /**
     * True when a list was asked for another organisation than the caller's ({@code organisation} filter given
     * and different): such a list is empty, as the caller may only list its own.
     */
    public boolean asksForAnother(String organisation) {
        return organisation != null && !organisation.isBlank() && !organisation.equals(organisation());
    }

    /** The person's name as the identity provider gives it ({@code name}, else {@code preferred_username}), or null. */
    public String displayName() {
        for (String claim : new String[] {"name", "preferred_username"}) {
            Object value = token.getClaim(claim);
            if (value != null && !value.toString().isBlank()) {
                return value.toString().strip();
            }
        }
        return null;
    }

    /** Recorded as the actor of a change: {@code subject@organisation}. */
    public String actor() {
        return subject() + "@" + organisation();
    }
}
