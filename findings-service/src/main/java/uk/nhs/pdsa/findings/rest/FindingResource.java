package uk.nhs.pdsa.findings.rest;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.panache.common.Page;
import jakarta.ws.rs.DefaultValue;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import uk.nhs.pdsa.runtime.rest.CsvWriter;
import uk.nhs.pdsa.runtime.security.Roles;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.findings.Finding;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;
import uk.nhs.pdsa.runtime.rest.PageView;
import uk.nhs.pdsa.runtime.rest.QueryFilter;

/** Findings as last published (the payload of their latest event), current ones by default. */
@Path("/api/v1/findings")
@Tag(name = "Findings", description = "Special cause variation in a series and trusts outside a funnel, as last published")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.VIEWER, Roles.IMPROVEMENT_LEAD, Roles.COLLEGE, Roles.NATIONAL })
public class FindingResource {
    private static final Set<String> STATUSES = Set.of(FindingState.OPEN, FindingState.RESOLVED, "all");
    private static final Set<String> KINDS = Set.of(FindingState.SPECIAL_CAUSE, FindingState.OUTLIER);
    private static final Set<String> ORIENTATIONS = Set.of(FindingState.CONCERN, FindingState.IMPROVEMENT,
            FindingState.NEUTRAL);

    private final FindingsAccess access;

    public FindingResource(FindingsAccess access) {
        this.access = access;
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, CsvWriter.TEXT_CSV })
    @Operation(summary = "Findings, most recently changed first, a page at a time",
            description = "Current (open) findings unless status says otherwise. Special causes of series (trust and"
                    + " microsystem) and outliers of funnels (trusts, per period). A trust's token lists its own"
                    + " organisation's; a college's those of the audits of its specialties.")
    public PageView<FindingState> list(@QueryParam("organisation") String organisation,
            @QueryParam("audit") String audit, @QueryParam("metric") String metric,
            @QueryParam("microsystem") String microsystem, @QueryParam("period") String period,
            @Parameter(description = "open (default), resolved or all") @QueryParam("status") @DefaultValue("open") String status,
            @Parameter(description = "special-cause or outlier") @QueryParam("kind") String kind,
            @Parameter(description = "concern, improvement or neutral") @QueryParam("orientation") String orientation,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("100") int size) {
        List<FieldError> errors = uk.nhs.pdsa.runtime.rest.FilterRules.check().organisation("organisation", organisation)
                .code("audit", audit).code("metric", metric).microsystem("microsystem", microsystem).period("period", period)
                .errors();
        oneOf(status, STATUSES, "status", errors);
        oneOf(kind, KINDS, "kind", errors);
        oneOf(orientation, ORIENTATIONS, "orientation", errors);
        if (page < 0) {
            errors.add(new FieldError("/page", "must be 0 or more"));
        }
        if (size < 1 || size > 1000) {
            errors.add(new FieldError("/size", "must be between 1 and 1000"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors.size() + " invalid parameter(s)", errors);
        }
        PageView.check(page, size, 1000); // and a page too far on for its first item's position
        QueryFilter filter = access.scope(new QueryFilter()).equal("organisation", organisation).equal("audit", audit)
                .equal("metric", metric).equal("microsystem", microsystem).equal("period", period)
                .equal("status", "all".equals(status) ? null : status).equal("kind", kind)
                .equal("orientation", orientation);
        var found = Finding.<Finding>find(filter.orderedBy("updatedAt desc, findingId"), filter.parameters());
        List<FindingState> items = found.page(Page.of(page, size)).list().stream().map(f -> f.state).toList();
        return new PageView<>(page, size, found.count(), items);
    }

    @GET
    @Path("/{findingId}")
    @Operation(summary = "One finding, open or resolved")
    public FindingState get(@PathParam("findingId") UUID findingId) {
        FindingState state = Finding.<Finding>findByIdOptional(findingId).map(f -> f.state)
                .orElseThrow(() -> ProblemException.notFound("No finding " + findingId));
        access.requireRead(state.organisation(), state.audit(), "No finding " + findingId);
        return state;
    }

    private static void oneOf(String value, Set<String> allowed, String name, List<FieldError> errors) {
        if (value != null && !value.isBlank() && !allowed.contains(value)) {
            errors.add(new FieldError("/" + name, "'" + value + "' is not one of " + new java.util.TreeSet<>(allowed)));
        }
    }
}
