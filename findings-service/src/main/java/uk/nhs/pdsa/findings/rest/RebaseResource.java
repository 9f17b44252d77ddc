package uk.nhs.pdsa.findings.rest;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
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
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.pdsa.events.SeriesKey;
import uk.nhs.pdsa.findings.SeriesPoint;
import uk.nhs.pdsa.findings.SeriesRebase;
import uk.nhs.pdsa.findings.repository.SeriesRepository;
import uk.nhs.pdsa.findings.service.Recomputation;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;
import uk.nhs.pdsa.runtime.security.Caller;
import uk.nhs.pdsa.runtime.security.Roles;

/**
 * A team rebases its own microsystem's chart when a change is adopted: from the period the change took effect,
 * the chart has a new centre line and limits, so the new level is what later points are judged against. Who, why
 * and the cycle it follows are kept; undone by the same team. Findings of the series are computed again.
 */
@Path("/api/v1/rebases")
@Tag(name = "SPC charts and funnel plots")
@Produces(MediaType.APPLICATION_JSON)
public class RebaseResource {
    private final SeriesRepository repository;
    private final Recomputation recomputation;
    private final Caller caller;

    public RebaseResource(SeriesRepository repository, Recomputation recomputation, Caller caller) {
        this.repository = repository;
        this.recomputation = recomputation;
        this.caller = caller;
    }

    @Schema(name = "RebaseRequest", example = """
            {"audit": "nhfd", "metric": "surgery-within-36h", "organisation": "RXH", "microsystem": "trauma-ward-2",
             "period": "2026-05", "reason": "Three changes adopted as standard practice (PDSA cycle 3)",
             "cycleId": "0b7f5c1e-8a2d-4c3b-9d4e-1f2a3b4c5d6e"}""")
    public record RebaseRequest(String audit, String metric, String organisation, String microsystem, String period,
            String reason, UUID cycleId) {
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
    @Transactional
    @Operation(summary = "Rebase the caller's own microsystem chart from a period (a change was adopted): new centre and limits from there")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RebaseRequest.class)))
    @APIResponse(responseCode = "201", description = "Rebased; the series' findings are computed again")
    @APIResponse(responseCode = "400", description = "A field missing, or a period that is not a later point of the series")
    @APIResponse(responseCode = "403", description = "Another organisation's chart")
    @APIResponse(responseCode = "404", description = "No such series")
    @APIResponse(responseCode = "409", description = "Already rebased at that period")
    public RestResponse<RebaseView> rebase(RebaseRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String[][] required = {{"/audit", request == null ? null : request.audit()},
            {"/metric", request == null ? null : request.metric()},
            {"/organisation", request == null ? null : request.organisation()},
            {"/microsystem", request == null ? null : request.microsystem()},
            {"/period", request == null ? null : request.period()},
            {"/reason", request == null ? null : request.reason()}};
        for (String[] field : required) {
            if (field[1] == null || field[1].isBlank()) {
                errors.add(new FieldError(field[0], field[0].substring(1) + " is required"
                        + ("/microsystem".equals(field[0]) ? " (a team rebases its own microsystem's chart)" : "")));
            } else if (field[1].length() > ("/reason".equals(field[0]) ? 1000 : 64)) {
                errors.add(new FieldError(field[0], "too long"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation("The rebase is incomplete", errors);
        }
        if (!caller.actsFor(request.organisation(), Roles.IMPROVEMENT_LEAD)) {
            throw ProblemException.forbidden("A team rebases its own organisation's charts only (" + caller.organisation() + ")");
        }
        SeriesKey key = new SeriesKey(request.audit(), request.metric(), request.organisation(), request.microsystem());
        List<SeriesPoint> points = repository.series(List.of(key)).getOrDefault(key.asText(), List.of());
        if (points.isEmpty()) {
            throw ProblemException.notFound("No series " + key.asText());
        }
        List<String> periods = points.stream().map(SeriesPoint::period).toList();
        int at = periods.indexOf(request.period());
        if (at <= 0) {
            throw ProblemException.validation("Not a later period of the series", List.of(new FieldError("/period",
                    at == 0 ? "the chart already starts at " + request.period() + ": rebase at a later period"
                            : request.period() + " is not a period of the series (" + periods.get(0) + " to "
                                    + periods.get(periods.size() - 1) + ")")));
        }
        boolean taken = SeriesRebase.count("audit = ?1 and metric = ?2 and organisation = ?3 and microsystem = ?4"
                + " and period = ?5 and removedAt is null", key.audit(), key.metric(), key.organisation(),
                key.microsystem(), request.period()) > 0;
        if (taken) {
            throw ProblemException.conflict("The chart is already rebased at " + request.period());
        }
        SeriesRebase r = new SeriesRebase();
        r.id = UUID.randomUUID();
        r.audit = key.audit();
        r.metric = key.metric();
        r.organisation = key.organisation();
        r.microsystem = key.microsystem();
        r.period = request.period();
        r.reason = request.reason().strip();
        r.cycleId = request.cycleId();
        r.createdBy = caller.actor();
        r.createdAt = Instant.now();
        r.persist();
        recomputation.seriesChanged(r.audit, r.metric, r.organisation, r.microsystem);
        return RestResponse.ResponseBuilder.<RebaseView>created(URI.create("/api/v1/rebases/" + r.id))
                .entity(RebaseView.of(r)).build();
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.IMPROVEMENT_LEAD })
    @Transactional
    @Operation(summary = "A microsystem chart's rebases, undone ones too, oldest first (the caller's own organisation's)")
    @APIResponse(responseCode = "200", description = "The rebases (empty for another organisation's chart)")
    public List<RebaseView> list(@QueryParam("audit") String audit, @QueryParam("metric") String metric,
            @QueryParam("organisation") String organisation, @QueryParam("microsystem") String microsystem) {
        if (audit == null || metric == null || microsystem == null || caller.asksForAnother(organisation)) {
            return List.of();
        }
        return SeriesRebase.of(new SeriesKey(audit, metric, caller.organisation(), microsystem)).stream()
                .map(RebaseView::of).toList();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.IMPROVEMENT_LEAD)
    @Transactional
    @Operation(summary = "Undo a rebase (kept, with who undid it and when); the series' findings are computed again")
    @APIResponse(responseCode = "204", description = "Undone")
    @APIResponse(responseCode = "404", description = "No such rebase of the caller's organisation")
    public void undo(@PathParam("id") UUID id) {
        SeriesRebase r = SeriesRebase.<SeriesRebase>findByIdOptional(id)
                .filter(x -> caller.actsFor(x.organisation, Roles.IMPROVEMENT_LEAD))
                .orElseThrow(() -> ProblemException.notFound("No rebase " + id));
        if (r.removedAt == null) {
            r.removedAt = Instant.now();
            r.removedBy = caller.actor();
            recomputation.seriesChanged(r.audit, r.metric, r.organisation, r.microsystem);
        }
    }
}
