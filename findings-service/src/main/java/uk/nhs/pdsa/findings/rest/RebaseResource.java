package uk.nhs.pdsa.findings.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.pdsa.findings.SeriesRebase;
import uk.nhs.pdsa.findings.model.RebaseRequest;
import uk.nhs.pdsa.findings.service.Rebases;
import uk.nhs.pdsa.runtime.security.Roles;

/** A team's new centre line and limits for its own microsystem chart, from a period ({@link Rebases}). */
@Path("/api/v1/rebases")
@Tag(name = "SPC charts and funnel plots")
@Produces(MediaType.APPLICATION_JSON)
public class RebaseResource {
    private final Rebases rebases;

    public RebaseResource(Rebases rebases) {
        this.rebases = rebases;
    }

    @Schema(name = "Rebase", example = """
            {"id": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "audit": "nhfd", "metric": "surgery-within-36h",
             "organisation": "RXH", "microsystem": "trauma-ward-2", "period": "2026-05",
             "reason": "Three changes adopted as standard practice (PDSA cycle 3)",
             "cycleId": "0b7f5c1e-8a2d-4c3b-9d4e-1f2a3b4c5d6e", "createdBy": "ba5bcb72@RXH",
             "createdAt": "2026-08-03T09:00:00Z", "removedBy": null, "removedAt": null}""")
    public record RebaseView(UUID id, String audit, String metric, String organisation, String microsystem,
            String period, String reason, UUID cycleId, String createdBy, Instant createdAt, String removedBy,
            Instant removedAt) {
        static RebaseView of(SeriesRebase r) {
            return new RebaseView(r.id, r.audit, r.metric, r.organisation, r.microsystem, r.period, r.reason,
                    r.cycleId, r.createdBy, r.createdAt, r.removedBy, r.removedAt);
        }
    }

    @POST
    @RolesAllowed(Roles.IMPROVEMENT_LEAD)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rebase the caller's own microsystem chart from a period (a change was adopted): new centre and limits from there")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RebaseRequest.class)))
    @APIResponse(responseCode = "201", description = "Rebased; the series' findings are computed again",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = RebaseView.class)))
    @APIResponse(responseCode = "400", description = "A field missing, or a period that is not a later point of the series")
    @APIResponse(responseCode = "403", description = "Another organisation's chart")
    @APIResponse(responseCode = "404", description = "No such series")
    @APIResponse(responseCode = "409", description = "Already rebased at that period")
    public RestResponse<RebaseView> rebase(RebaseRequest request) {
        SeriesRebase r = rebases.rebase(request);
        return RestResponse.ResponseBuilder.<RebaseView>created(URI.create("/api/v1/rebases/" + r.id))
                .entity(RebaseView.of(r)).build();
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.IMPROVEMENT_LEAD })
    @Operation(summary = "A microsystem chart's rebases, undone ones too, oldest first (the caller's own organisation's)")
    @APIResponse(responseCode = "200", description = "The rebases (empty for another organisation's chart)")
    public List<RebaseView> list(@QueryParam("audit") String audit, @QueryParam("metric") String metric,
            @QueryParam("organisation") String organisation, @QueryParam("microsystem") String microsystem) {
        uk.nhs.pdsa.runtime.rest.FilterRules.check().code("audit", audit).code("metric", metric)
                .organisation("organisation", organisation).microsystem("microsystem", microsystem).orRefuse();
        return rebases.of(audit, metric, organisation, microsystem).stream().map(RebaseView::of).toList();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.IMPROVEMENT_LEAD)
    @Operation(summary = "Undo a rebase (kept, with who undid it and when); the series' findings are computed again")
    @APIResponse(responseCode = "204", description = "Undone")
    @APIResponse(responseCode = "404", description = "No such rebase of the caller's organisation")
    public void undo(@PathParam("id") UUID id) {
        rebases.undo(id);
    }
}
