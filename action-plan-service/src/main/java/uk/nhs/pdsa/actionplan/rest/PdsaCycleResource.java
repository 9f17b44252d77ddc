package uk.nhs.pdsa.actionplan.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import uk.nhs.pdsa.runtime.security.Caller;
import uk.nhs.pdsa.runtime.security.Roles;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.pdsa.actionplan.ChangeHistory;
import uk.nhs.pdsa.actionplan.PdsaCycle;
import uk.nhs.pdsa.actionplan.service.PdsaCycleService;
import uk.nhs.pdsa.actionplan.service.Preconditions;
import uk.nhs.pdsa.actionplan.worksheet.ActRecord;
import uk.nhs.pdsa.actionplan.worksheet.DoRecord;
import uk.nhs.pdsa.actionplan.worksheet.Plan;
import uk.nhs.pdsa.actionplan.worksheet.StudyRecord;
import uk.nhs.pdsa.events.PdsaCycleState.Person;
import uk.nhs.pdsa.runtime.problem.ProblemException;

@Path("/api/v1/pdsa-cycles")
@Tag(name = "PDSA cycles", description = "Plan, Do, Study, Act, in that order; writes need If-Match with the cycle's ETag")
@Produces(MediaType.APPLICATION_JSON)
public class PdsaCycleResource {
    private static final String IF_MATCH = "The ETag read with the cycle, e.g. \"3\" (required: 428 without it, 412 when stale)";

    private final PdsaCycleService cycles;
    private final Caller caller;

    public PdsaCycleResource(PdsaCycleService cycles, Caller caller) {
        this.cycles = cycles;
        this.caller = caller;
    }

    @Schema(name = "OwnerChange", example = """
            {"owner": {"name": "Dr B Okafor", "email": "b.okafor@nhs.net", "role": "orthogeriatric registrar"},
             "reason": "Dr Patel rotates to another trust in February"}""")
    public record OwnerChange(Person owner, String reason) {
    }

    @Schema(name = "TeamChange", example = """
            {"team": [{"name": "Sister J Jones", "role": "ward manager"}, {"name": "Mr K Shah", "role": "theatre coordinator"}],
             "reason": "The theatre coordinator joins for the weekday slot"}""")
    public record TeamChange(List<Person> team, String reason) {
    }

    @Schema(name = "TeamScore", example = """
            {"score": 3.0, "note": "Modest improvement: two good months, not yet sustained"}""")
    public record TeamScore(Double score, String note) {
    }

    @POST
    @RolesAllowed(Roles.IMPROVEMENT_LEAD)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Plan a PDSA cycle (the IHI worksheet)",
            description = "With needId the cycle answers that need (it becomes in-progress). With follows it is the next cycle"
                    + " of a ramp after a cycle completed with adopt or adapt (need, organisation and microsystem come from it).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Plan.class)))
    @APIResponse(responseCode = "201", description = "Planned; Location and ETag headers",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = Views.CycleView.class)))
    @APIResponse(responseCode = "400", description = "Invalid plan: every invalid field by JSON pointer")
    @APIResponse(responseCode = "409", description = "The need is closed, or the cycle to follow cannot be followed")
    public RestResponse<Views.CycleView> plan(Plan plan) {
        PdsaCycle cycle = cycles.plan(plan, caller.organisation());
        RestResponse<Views.CycleView> read = get(cycle.id);
        return RestResponse.ResponseBuilder.<Views.CycleView>created(URI.create("/api/v1/pdsa-cycles/" + cycle.id))
                .entity(read.getEntity()).header(HttpHeaders.ETAG, Preconditions.etag(cycle.version)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.VIEWER, Roles.IMPROVEMENT_LEAD, Roles.NATIONAL })
    @Operation(summary = "One cycle with its worksheet, scores and what can be recorded next (ETag: its version)")
    @APIResponse(responseCode = "200", description = "The cycle")
    @APIResponse(responseCode = "404", description = "No such cycle")
    @Transactional
    public RestResponse<Views.CycleView> get(@PathParam("id") UUID id) {
        PdsaCycle cycle = readable(id);
        return ImprovementNeedResource.withEtag(Views.cycle(cycle), cycle.version);
    }

    @POST
    @Path("/{id}/do")
    @RolesAllowed(Roles.IMPROVEMENT_LEAD)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record Do: when the change was actually made, what was done, problems and observations")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DoRecord.class)))
    @APIResponse(responseCode = "200", description = "The cycle, now at do")
    @APIResponse(responseCode = "409", description = "Not at plan: names the current and requested stage")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "404", description = "No such cycle")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public RestResponse<Views.CycleView> recordDo(@PathParam("id") UUID id, @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            DoRecord body) {
        requireBody(body);
        own(id, Roles.IMPROVEMENT_LEAD);
        return get(cycles.recordDo(id, ifMatch, body).id);
    }

    @POST
    @Path("/{id}/study")
    @RolesAllowed(Roles.IMPROVEMENT_LEAD)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record Study: the service snapshots the linked series from findings; the team compares with its prediction",
            description = "The snapshot holds, per measure, the points before the change date and since, their means, and any special"
                    + " cause since the change with its orientation. findings unavailable or too slow: 503, nothing recorded.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StudyRecord.class)))
    @APIResponse(responseCode = "200", description = "The cycle, now at study, with the evidence snapshot")
    @APIResponse(responseCode = "409", description = "Not at do")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "404", description = "No such cycle")
    @APIResponse(responseCode = "503", description = "findings-service unavailable; nothing recorded")
    public RestResponse<Views.CycleView> recordStudy(@PathParam("id") UUID id, @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            StudyRecord body) {
        requireBody(body);
        own(id, Roles.IMPROVEMENT_LEAD);
        return get(cycles.recordStudy(id, ifMatch, body).id);
    }

    @POST
    @Path("/{id}/act")
    @RolesAllowed(Roles.IMPROVEMENT_LEAD)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record Act: adopt, adapt or abandon, with rationale; the cycle is complete",
            description = "Adopt with sustained special cause improvement at Study closes the need as improved. Abandon puts the need"
                    + " back to open with a new due date. After adopt or adapt, plan the next cycle with follows = this id.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActRecord.class)))
    @APIResponse(responseCode = "200", description = "The completed cycle")
    @APIResponse(responseCode = "400", description = "Decision not adopt/adapt/abandon, or no rationale")
    @APIResponse(responseCode = "409", description = "Not at study")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "404", description = "No such cycle")
    public RestResponse<Views.CycleView> recordAct(@PathParam("id") UUID id, @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            ActRecord body) {
        requireBody(body);
        own(id, Roles.IMPROVEMENT_LEAD);
        return get(cycles.recordAct(id, ifMatch, body).id);
    }

    @PUT
    @Path("/{id}/owner")
    @RolesAllowed(Roles.IMPROVEMENT_LEAD)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hand the cycle to a new owner (recorded and published, so the new owner is told)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OwnerChange.class)))
    @APIResponse(responseCode = "200", description = "The cycle with its new owner")
    @APIResponse(responseCode = "409", description = "The cycle is complete")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "404", description = "No such cycle")
    public RestResponse<Views.CycleView> owner(@PathParam("id") UUID id, @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            OwnerChange body) {
        requireBody(body);
        own(id, Roles.IMPROVEMENT_LEAD);
        return get(cycles.handOver(id, ifMatch, body == null ? null : body.owner(), body == null ? null : body.reason()).id);
    }

    @PUT
    @Path("/{id}/team")
    @RolesAllowed(Roles.IMPROVEMENT_LEAD)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change who is on the team (the whole list; the owner is changed by handover). Kept in the history")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TeamChange.class)))
    @APIResponse(responseCode = "200", description = "The cycle with its team")
    @APIResponse(responseCode = "400", description = "No team list, or a member without a name or with a bad email address")
    @APIResponse(responseCode = "409", description = "The cycle is complete")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "404", description = "No such cycle")
    public RestResponse<Views.CycleView> team(@PathParam("id") UUID id, @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            TeamChange body) {
        requireBody(body);
        own(id, Roles.IMPROVEMENT_LEAD);
        return get(cycles.changeTeam(id, ifMatch, body == null ? null : body.team(), body == null ? null : body.reason()).id);
    }

    @PUT
    @Path("/{id}/progress-score")
    @RolesAllowed(Roles.IMPROVEMENT_LEAD)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the team's own IHI progress score (0.5-5.0), kept beside the suggested one")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TeamScore.class)))
    @APIResponse(responseCode = "200", description = "The cycle")
    @APIResponse(responseCode = "400", description = "Not on the IHI scale")
    @APIResponse(responseCode = "409", description = "The cycle is complete (score it with its Act)")
    @APIResponse(responseCode = "404", description = "No such cycle")
    public RestResponse<Views.CycleView> score(@PathParam("id") UUID id, @Parameter(description = IF_MATCH, example = "\"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            TeamScore body) {
        requireBody(body);
        own(id, Roles.IMPROVEMENT_LEAD);
        return get(cycles.setTeamScore(id, ifMatch, body == null ? null : body.score(), body == null ? null : body.note()).id);
    }

    @GET
    @Path("/{id}/ramp")
    @RolesAllowed({ Roles.VIEWER, Roles.IMPROVEMENT_LEAD, Roles.NATIONAL })
    @Operation(summary = "The ramp the cycle belongs to: every cycle testing the change, oldest first, with decisions and scores")
    @APIResponse(responseCode = "200", description = "The ramp")
    @APIResponse(responseCode = "404", description = "No such cycle")
    @Transactional
    public Views.RampView ramp(@PathParam("id") UUID id) {
        return Views.ramp(PdsaCycle.ofRamp(readable(id).rampId));
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({ Roles.VIEWER, Roles.IMPROVEMENT_LEAD, Roles.NATIONAL })
    @Operation(summary = "Every change to the cycle: who, when, what")
    @APIResponse(responseCode = "200", description = "Oldest first")
    @APIResponse(responseCode = "404", description = "No such cycle")
    @Transactional
    public List<Views.HistoryEntry> history(@PathParam("id") UUID id) {
        readable(id);
        return ChangeHistory.of(id).stream().map(Views::history).toList();
    }

    /** The cycle, if it is of the caller's organisation and the caller holds one of the roles; else 404. */
    /** The cycle, if the caller may read it (its organisation's viewer or lead, or national oversight); else 404. */
    private PdsaCycle readable(UUID id) {
        return PdsaCycle.<PdsaCycle>findByIdOptional(id)
                .filter(c -> caller.readsFor(c.organisation, Roles.VIEWER, Roles.IMPROVEMENT_LEAD))
                .orElseThrow(() -> ProblemException.notFound("No PDSA cycle " + id));
    }

    private PdsaCycle own(UUID id, String... roles) {
        return PdsaCycle.<PdsaCycle>findByIdOptional(id).filter(c -> caller.actsFor(c.organisation, roles))
                .orElseThrow(() -> ProblemException.notFound("No PDSA cycle " + id));
    }

    /** An empty body is the request's own mistake, answered before the cycle's stage is looked at. */
    private static void requireBody(Object body) {
        if (body == null) {
            throw uk.nhs.pdsa.runtime.problem.ProblemException.validation("The body is required; nothing was changed",
                    java.util.List.of(new uk.nhs.pdsa.runtime.problem.Problem.FieldError("/", "a JSON object is required")));
        }
    }
}
