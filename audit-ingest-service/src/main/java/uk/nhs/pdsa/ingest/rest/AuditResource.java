package uk.nhs.pdsa.ingest.rest;

import java.net.URI;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jakarta.ws.rs.Consumes;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import uk.nhs.pdsa.runtime.security.Roles;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import uk.nhs.pdsa.events.AuditDefined;
import uk.nhs.pdsa.ingest.model.AuditDefinition;
import uk.nhs.pdsa.ingest.service.CatalogueService;
import uk.nhs.pdsa.ingest.service.CatalogueService.Change;
import uk.nhs.pdsa.ingest.service.CatalogueService.Written;

@Path("/api/v1/audits")
@Tag(name = "Audit catalogue", description = "Audits and their metrics: what results are validated against")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuditResource {
    private final CatalogueService catalogue;

    public AuditResource(CatalogueService catalogue) {
        this.catalogue = catalogue;
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Path("/{auditCode}")
    @Operation(summary = "Create or replace an audit and its metrics",
            description = "Each change raises the version and publishes the whole definition on pdsa.catalogue.v1;"
                    + " the same definition again changes nothing. A metric that already has results keeps its type"
                    + " and cannot be removed (409).")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = AuditDefined.class)))
    @APIResponse(responseCode = "409", description = "A metric with results would change type or disappear; nothing changed")
    @APIResponse(responseCode = "200", description = "Replaced, or unchanged",
            content = @Content(schema = @Schema(implementation = AuditDefined.class)))
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = AuditDefinition.class)))
    public Response put(@Parameter(description = "Audit code, for example nhfd", example = "nhfd")
            @PathParam("auditCode") String auditCode, AuditDefinition definition) {
        return written(catalogue.putAudit(auditCode, definition), URI.create("/api/v1/audits/" + auditCode));
    }

    @GET
    @Authenticated
    @Path("/{auditCode}")
    @Operation(summary = "One audit and its metrics")
    @APIResponse(responseCode = "200", description = "The audit",
            content = @Content(schema = @Schema(implementation = AuditDefined.class)))
    public AuditDefined get(@Parameter(example = "nhfd") @PathParam("auditCode") String auditCode) {
        return catalogue.audit(auditCode);
    }

    @GET
    @Authenticated
    @Operation(summary = "Every audit in the catalogue, by code")
    @APIResponse(responseCode = "200", description = "The audits")
    public List<AuditDefined> list() {
        return catalogue.audits();
    }

    /** 201 with Location for a new entry, 200 for a replaced or unchanged one. */
    static Response written(Written<?> written, URI location) {
        return written.change() == Change.CREATED
                ? Response.created(location).entity(written.entry()).build()
                : Response.ok(written.entry()).build();
    }
}
