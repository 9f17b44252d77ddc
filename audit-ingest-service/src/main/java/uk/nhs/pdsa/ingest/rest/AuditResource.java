package uk.nhs.pdsa.ingest.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.pdsa.ingest.Audit;
import uk.nhs.pdsa.ingest.service.CatalogueService;
import uk.nhs.pdsa.runtime.problem.ProblemException;

@Path("/api/v1/audits")
@Tag(name = "Audit catalogue")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuditResource {
    private final CatalogueService catalogue;

    public AuditResource(CatalogueService catalogue) {
        this.catalogue = catalogue;
    }

    @PUT
    @Path("/{auditCode}")
    @Operation(summary = "Create or replace an audit and its metrics")
    public AuditDefinition put(@PathParam("auditCode") String auditCode, AuditDefinition definition) {
        return AuditDefinition.of(catalogue.put(auditCode, definition));
    }

    @GET
    @Path("/{auditCode}")
    @Operation(summary = "One audit and its metrics")
    public AuditDefinition get(@PathParam("auditCode") String auditCode) {
        return Audit.<Audit>findByIdOptional(auditCode).map(AuditDefinition::of)
                .orElseThrow(() -> ProblemException.notFound("No audit " + auditCode));
    }

    @GET
    @Operation(summary = "Every audit in the catalogue")
    public List<AuditDefinition> list() {
        return Audit.<Audit>listAll(io.quarkus.panache.common.Sort.by("code")).stream().map(AuditDefinition::of).toList();
    }
}
