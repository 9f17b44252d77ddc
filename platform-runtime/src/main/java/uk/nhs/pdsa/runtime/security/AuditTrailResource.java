package uk.nhs.pdsa.runtime.security;

import java.sql.SQLException;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.pdsa.runtime.rest.PageView;

/** Every service's record of who wrote what, newest first (admins only). */
@Path("/api/v1/audit-trail")
@Tag(name = "Audit trail", description = "Who did what: every write to this service's API, refused ones included")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AuditTrailResource {
    private final AuditTrailRepository trail;

    public AuditTrailResource(AuditTrailRepository trail) {
        this.trail = trail;
    }

    @GET
    @Operation(summary = "Writes to this service, newest first, by organisation or subject (paged)")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "400", description = "Bad paging")
    public PageView<AuditTrailRepository.Entry> list(@QueryParam("organisation") String organisation, @QueryParam("subject") String subject,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("100") int size)
            throws SQLException {
        PageView.check(page, size, 500);
        return trail.page(organisation, subject, page, size);
    }
}
