package uk.nhs.pdsa.ingest.rest;

import java.net.URI;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import uk.nhs.pdsa.events.OrganisationDefined;
import uk.nhs.pdsa.ingest.model.OrganisationDefinition;
import uk.nhs.pdsa.ingest.mapping.CatalogueMapper;
import uk.nhs.pdsa.ingest.service.CatalogueService;
import uk.nhs.pdsa.runtime.problem.ProblemException;

@Path("/api/v1/organisations")
@Tag(name = "Organisations", description = "Trusts and their clinical microsystems, Royal Colleges, patient groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganisationResource {
    private final CatalogueService catalogue;

    public OrganisationResource(CatalogueService catalogue) {
        this.catalogue = catalogue;
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Path("/{code}")
    @Operation(summary = "Create or replace an organisation",
            description = "Results are accepted only for organisations of type trust. Each change publishes the"
                    + " organisation, microsystems included, on pdsa.catalogue.v1.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = OrganisationDefined.class)))
    @APIResponse(responseCode = "409", description = "A trust with results cannot change type; one with microsystems"
            + " stays a trust")
    @APIResponse(responseCode = "200", description = "Replaced, or unchanged",
            content = @Content(schema = @Schema(implementation = OrganisationDefined.class)))
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = OrganisationDefinition.class), examples = {
                    @ExampleObject(name = "a trust", value = Examples.TRUST),
                    @ExampleObject(name = "a Royal College", value = Examples.COLLEGE)}))
    public Response put(@Parameter(description = "ODS code of a trust, or the code of a college or patient group",
            example = "RXH") @PathParam("code") String code, OrganisationDefinition definition) {
        return AuditResource.written(catalogue.putOrganisation(code, definition),
                URI.create("/api/v1/organisations/" + code));
    }

    @GET
    @Authenticated
    @Path("/{code}")
    @Operation(summary = "One organisation with its microsystems")
    @APIResponse(responseCode = "200", description = "The organisation",
            content = @Content(schema = @Schema(implementation = OrganisationDefined.class)))
    public OrganisationDefined get(@Parameter(example = "RXH") @PathParam("code") String code) {
        return CatalogueMapper.toEvent(catalogue.organisation(code));
    }

    @GET
    @Authenticated
    @Operation(summary = "Organisations by code, optionally of one type")
    @APIResponse(responseCode = "200", description = "The organisations")
    public List<OrganisationDefined> list(@Parameter(description = "trust, college, patient-group, regulator or commissioner",
            schema = @Schema(type = SchemaType.STRING, enumeration = {"trust", "college", "patient-group", "regulator", "commissioner"}))
            @QueryParam("type") String type) {
        uk.nhs.pdsa.runtime.rest.FilterRules.check().oneOf("type", type,
                List.of("trust", "college", "patient-group", "regulator", "commissioner")).orRefuse();
        return catalogue.organisations(type);
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Path("/{code}/microsystems/{msCode}")
    @Operation(summary = "Create or rename a clinical microsystem of a trust",
            description = "Results may then name it as their microsystem. Publishes the organisation again.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = OrganisationDefined.Microsystem.class)))
    @APIResponse(responseCode = "409", description = "The organisation is not a trust: only a trust has microsystems")
    @APIResponse(responseCode = "200", description = "Renamed, or unchanged",
            content = @Content(schema = @Schema(implementation = OrganisationDefined.Microsystem.class)))
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = OrganisationDefinition.MicrosystemDefinition.class)))
    public Response putMicrosystem(@Parameter(example = "RXH") @PathParam("code") String code,
            @Parameter(example = "trauma-ward-2") @PathParam("msCode") String msCode,
            OrganisationDefinition.MicrosystemDefinition definition) {
        return AuditResource.written(catalogue.putMicrosystem(code, msCode, definition),
                URI.create("/api/v1/organisations/" + code + "/microsystems/" + msCode));
    }

    @GET
    @Authenticated
    @Path("/{code}/microsystems")
    @Operation(summary = "The microsystems of a trust, by code")
    @APIResponse(responseCode = "200", description = "The microsystems")
    public List<OrganisationDefined.Microsystem> microsystems(@Parameter(example = "RXH") @PathParam("code") String code) {
        return CatalogueMapper.toEvent(catalogue.organisation(code)).microsystems();
    }

    @GET
    @Authenticated
    @Path("/{code}/microsystems/{msCode}")
    @Operation(summary = "One microsystem")
    @APIResponse(responseCode = "200", description = "The microsystem",
            content = @Content(schema = @Schema(implementation = OrganisationDefined.Microsystem.class)))
    public OrganisationDefined.Microsystem microsystem(@Parameter(example = "RXH") @PathParam("code") String code,
            @Parameter(example = "trauma-ward-2") @PathParam("msCode") String msCode) {
        return CatalogueMapper.toEvent(catalogue.organisation(code)).microsystems().stream()
                .filter(m -> m.code().equals(msCode)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("No microsystem " + msCode + " in " + code));
    }
}
