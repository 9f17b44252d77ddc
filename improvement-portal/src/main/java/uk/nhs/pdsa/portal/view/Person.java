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
