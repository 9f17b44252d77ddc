package uk.nhs.pdsa.actionplan.rest;

import java.util.List;
import java.util.Set;
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
import jakarta.ws.rs.DefaultValue;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import uk.nhs.pdsa.runtime.rest.CsvWriter;
import uk.nhs.pdsa.runtime.security.Caller;
import uk.nhs.pdsa.runtime.security.Roles;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.pdsa.actionplan.ChangeHistory;
import uk.nhs.pdsa.actionplan.ImprovementNeed;
import uk.nhs.pdsa.actionplan.service.ImprovementNeedService;
import uk.nhs.pdsa.actionplan.service.Preconditions;
import uk.nhs.pdsa.events.ImprovementNeedState;
import uk.nhs.pdsa.runtime.problem.Problem;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;
import uk.nhs.pdsa.runtime.rest.PageView;
import uk.nhs.pdsa.runtime.rest.QueryFilter;

@Path("/api/v1/improvement-needs")
@Tag(name = "Improvement needs", description = "Concerning findings made someone's job: answered by a PDSA cycle or a decision")
@Produces(MediaType.APPLICATION_JSON)
public class ImprovementNeedResource {
    private static final Set<String> STATUSES = Set.of(ImprovementNeedState.OPEN, ImprovementNeedState.IN_PROGRESS,
            ImprovementNeedState.CLOSED, ImprovementNeedState.IMPROVED);

    private final ImprovementNeedService needs;
    private final Caller caller;

    public ImprovementNeedResource(ImprovementNeedService needs, Caller caller) {
        this.needs = needs;
        this.caller = caller;
    }

    /** The need, if it is of the caller's organisation and the caller holds one of the roles; else 404. */
    ImprovementNeed own(UUID id, String... roles) {
        return ImprovementNeed.<ImprovementNeed>findByIdOptional(id)
                .filter(n -> caller.actsFor(n.organisation, roles))
                .orElseThrow(() -> ProblemException.notFound("No improvement need " + id));
    }

    /** The need, if the caller may read it (its organisation's viewer or lead, or national oversight); else 404. */
    ImprovementNeed readable(UUID id) {
        return ImprovementNeed.<ImprovementNeed>findByIdOptional(id)
                .filter(n -> caller.readsFor(n.organisation, Roles.VIEWER, Roles.IMPROVEMENT_LEAD))
                .orElseThrow(() -> ProblemException.notFound("No improvement need " + id));
    }

    /** A decision that answers a need without a PDSA cycle. */
    @Schema(name = "Decision", example = """
            {"rationale": "Explained by case mix (two months of major trauma diverts), reviewed at the governance meeting of 14 October"}""")
    public record DecisionRequest(String rationale) {
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, CsvWriter.TEXT_CSV })
    @RolesAllowed({ Roles.VIEWER, Roles.IMPROVEMENT_LEAD, Roles.NATIONAL })
    @Operation(summary = "Improvement needs of the caller's organisation (national oversight: of any, by organisation), newest first, by microsystem and status (paged)")
    @APIResponse(responseCode = "200", description = "One page of needs")
    @APIResponse(responseCode = "400", description = "A filter has a value that does not exist")
    @Transactional
    public PageView<Views.NeedView> list(@Parameter(example = "RXH") @QueryParam("organisation") String organisation,
            @Parameter(example = "trauma-ward-2") @QueryParam("microsystem") String microsystem,
            @Parameter(description = "open, in-progress, closed or improved") @QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        uk.nhs.pdsa.runtime.rest.FilterRules.check().organisation("organisation", organisation)
                .microsystem("microsystem", microsystem).oneOf("status", status, STATUSES).orRefuse();
        PageView.check(page, size, 500);
        boolean national = caller.has(Roles.NATIONAL);
        if (!national && caller.asksForAnother(organisation)) {
            return new PageView<>(page, size, 0, List.of()); // only the caller's own organisation is listed
        }
        QueryFilter filter = new QueryFilter().equal("organisation", national ? organisation : caller.organisation())
                .equal("microsystem", microsystem)
                .equal("status", status);
        var query = ImprovementNeed.<ImprovementNeed>find(filter.orderedBy("openedAt desc, id"), filter.parameters());
        List<Views.NeedView> items = query.page(page, size).list().stream().map(Views::need).toList();
        return new PageView<>(page, size, query.count(), items);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.VIEWER, Roles.IMPROVEMENT_LEAD, Roles.NATIONAL })
    @Operation(summary = "One improvement need with its evidence and cycles (ETag: its version)")
    @APIResponse(responseCode = "200", description = "The need")
    @APIResponse(responseCode = "404", description = "No such need")
    @Transactional
    public RestResponse<Views.NeedView> get(@PathParam("id") UUID id) {
        ImprovementNeed need = readable(id);
        return withEtag(Views.need(need), need.version);
    }

    @POST
    @Path("/{id}/decision")
    @RolesAllowed(Roles.IMPROVEMENT_LEAD)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer a need with a recorded decision and its rationale, closing it",
            description = "For a concern the team has reviewed and explained, so no PDSA cycle is needed. Needs If-Match.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DecisionRequest.class)))
    @APIResponse(responseCode = "200", description = "The need, now closed")
    @APIResponse(responseCode = "400", description = "No rationale")
    @APIResponse(responseCode = "404", description = "No such need")
    @APIResponse(responseCode = "409", description = "The need is already closed or improved")
    @APIResponse(responseCode = "412", description = "The need changed since it was read (If-Match stale)")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public RestResponse<Views.NeedView> decide(@PathParam("id") UUID id,
            @Parameter(description = "The ETag read with the need, e.g. \"2\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            DecisionRequest body) {
        if (body == null || body.rationale() == null || body.rationale().isBlank()) {
            // The request's own form first, whatever need it names.
            throw ProblemException.validation("1 invalid field(s); nothing was changed", List.of(new FieldError(
                    "/rationale", "rationale is required: why the need is answered without a PDSA cycle")));
        }
        own(id, Roles.IMPROVEMENT_LEAD);
        ImprovementNeed need = needs.decide(id, ifMatch, body == null ? null : body.rationale());
        return get(need.id);
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({ Roles.VIEWER, Roles.IMPROVEMENT_LEAD, Roles.NATIONAL })
    @Operation(summary = "Every change to the need: who, when, what")
    @APIResponse(responseCode = "200", description = "Oldest first")
    @APIResponse(responseCode = "404", description = "No such need")
    @Transactional
    public List<Views.HistoryEntry> history(@PathParam("id") UUID id) {
        readable(id);
        return ChangeHistory.of(id).stream().map(Views::history).toList();
    }

    static <T> RestResponse<T> withEtag(T body, int version) {
        return RestResponse.ResponseBuilder.ok(body).header(HttpHeaders.ETAG, Preconditions.etag(version)).build();
    }
}
