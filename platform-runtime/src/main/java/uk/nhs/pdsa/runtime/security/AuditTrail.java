package uk.nhs.pdsa.runtime.security;

import java.security.Principal;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;


import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

/**
 * Who did what: every write to the API ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE} under
 * {@code /api/}) is recorded with the token's subject, organisation and roles, the path, the answer's
 * status and the created resource's {@code Location}. Refused attempts (401, 403, 404) are recorded too,
 * and reads refused with 401 or 403: they are what probing looks like. Read back by admins at {@code GET /api/v1/audit-trail}.
 */
@ApplicationScoped
public class AuditTrail {
    private static final Logger LOG = Logger.getLogger(AuditTrail.class);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private final AuditTrailRepository trail;
    private final CurrentIdentityAssociation identities;
    private final Executor background;
    private final String organisationClaim;

    public AuditTrail(AuditTrailRepository trail, CurrentIdentityAssociation identities,
            org.eclipse.microprofile.context.ManagedExecutor background,
            @ConfigProperty(name = "pdsa.security.organisation-claim", defaultValue = "org") String organisationClaim) {
        this.trail = trail;
        this.identities = identities;
        this.background = background;
        this.organisationClaim = organisationClaim;
    }

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        String path = request.getUriInfo().getPath();
        int status = response.getStatus();
        // Writes, and any refused token or role (reads too): that is what probing looks like.
        if (!path.startsWith("/api/") || !WRITES.contains(method) && status != 401 && status != 403) {
            return;
        }
        Object location = response.getHeaders().getFirst("Location");
        Entry entry = new Entry(method, path, response.getStatus(), location == null ? null : location.toString());
        if (BlockingOperationControl.isBlockingAllowed()) {
            try {
                store(entry, identities.getDeferredIdentity().await().indefinitely());
            } catch (RuntimeException refused) {
                refused(entry, refused);
            }
        } else {
            // An answer given on the I/O thread (e.g. a refused token): store it off that thread.
            identities.getDeferredIdentity().subscribe().with(identity -> background.execute(() -> store(entry, identity)),
                    refused -> background.execute(() -> refused(entry, refused)));
        }
    }

    /** A token refused while its identity was built: an unknown organisation with who and which, any other as such. */
    private void refused(Entry entry, Throwable refused) {
        if (refused instanceof UnknownOrganisation unknown) {
            store(entry, unknown.subject(), unknown.organisation(), unknown.roles());
        } else {
            store(entry, null);
        }
    }

    private void store(Entry entry, SecurityIdentity identity) {
        String subject = "invalid-token";
        String organisation = null;
        String roles = "";
        if (identity != null && identity.isAnonymous()) {
            subject = "anonymous";
        } else if (identity != null) {
            Principal principal = identity.getPrincipal();
            subject = principal.getName();
            if (principal instanceof JsonWebToken token) {
                subject = token.getSubject() != null ? token.getSubject() : subject;
                Object org = token.getClaim(organisationClaim);
                organisation = org == null ? null : org.toString();
            }
            roles = String.join(" ", new TreeSet<>(identity.getRoles()));
        }
        store(entry, subject, organisation, roles);
    }

    private void store(Entry entry, String subject, String organisation, String roles) {
        try {
            trail.add(subject, organisation, roles, entry.method(), entry.path(), entry.status(), entry.resource());
        } catch (SQLException e) {
            LOG.errorf(e, "Audit trail entry not stored: %s %s %s by %s@%s", entry.method(), entry.path(),
                    entry.status(), subject, organisation);
        }
    }

    private record Entry(String method, String path, int status, String resource) {
    }
}
