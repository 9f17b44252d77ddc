package uk.nhs.pdsa.portal.view;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdToken;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** The signed-in person: their name and organisation from the ID token, their access token for the services. */
@RequestScoped
public class Person {
    @Inject
    @IdToken
    JsonWebToken idToken;

    @Inject
    AccessTokenCredential accessToken;

    public String name() {
        Object name = idToken.getClaim("name");
        return name != null ? name.toString() : idToken.getName();
    }

    /** The person's email address, as a cycle's owner is recorded; empty when the provider gives none. */
    public String email() {
        Object email = idToken.getClaim("email");
        return email == null ? "" : email.toString();
    }

    /** A stable identifier of the person at the provider (the subject). */
    public String subject() {
        return idToken.getSubject();
    }

    /** The person's roles (the {@code groups} claim the services read too). */
    public java.util.Set<String> roles() {
        java.util.Set<String> groups = idToken.getGroups();
        return groups == null ? java.util.Set.of() : groups;
    }

    /** Whether the person works for a trust (viewer or improvement lead): their home is what needs them. */
    public boolean trust() {
        return roles().contains("viewer") || roles().contains("improvement-lead");
    }

    /**
     * Whether the person manages contacts of its own organisation only (a trust's administrator, not the platform's
     * admin): the organisation of every contact they add is theirs.
     */
    public boolean trustAdmin() {
        return roles().contains("trust-admin") && !roles().contains("admin");
    }

    /** The organisation the person acts for (the {@code org} claim the services read too). */
    public String organisation() {
        Object org = idToken.getClaim("org");
        return org == null ? "" : org.toString();
    }

    /** The Authorization header value the services expect. */
    public String bearer() {
        return "Bearer " + accessToken.getToken();
    }
}
