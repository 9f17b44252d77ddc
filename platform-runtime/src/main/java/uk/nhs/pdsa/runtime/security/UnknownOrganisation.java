package uk.nhs.pdsa.runtime.security;

import io.quarkus.security.ForbiddenException;

/**
 * A verified token, well formed, naming an organisation code the catalogue does not hold: 403
 * {@code unknown-organisation}. It carries who and which, so the audit trail records the refusal with them.
 */
public final class UnknownOrganisation extends ForbiddenException {
    private static final long serialVersionUID = 1L;
    private final String subject;
    private final String organisation;
    private final String roles;

    public UnknownOrganisation(String subject, String organisation, String roles) {
        super("the token's organisation is not in the catalogue");
        this.subject = subject;
        this.organisation = organisation;
        this.roles = roles;
    }

    public String subject() {
        return subject;
    }

    public String organisation() {
        return organisation;
    }

    public String roles() {
        return roles;
    }
}
