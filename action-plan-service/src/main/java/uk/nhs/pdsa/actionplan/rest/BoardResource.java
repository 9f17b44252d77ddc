package uk.nhs.pdsa.actionplan.rest;

import java.util.List;
import java.util.function.Predicate;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.panache.common.Parameters;
import jakarta.transaction.Transactional;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import uk.nhs.pdsa.runtime.security.Caller;
import uk.nhs.pdsa.runtime.problem.ProblemException;
import uk.nhs.pdsa.runtime.security.Roles;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.pdsa.actionplan.ImprovementNeed;
import uk.nhs.pdsa.actionplan.PdsaCycle;
import uk.nhs.pdsa.events.ImprovementNeedState;

@Path("/api/v1/organisations/{organisation}/microsystems/{microsystem}/board")
@Tag(name = "Board", description = "A microsystem's improvement work at a glance: needs by status, cycles by stage")
@Produces(MediaType.APPLICATION_JSON)
public class BoardResource {
    private final Caller caller;

    public BoardResource(Caller caller) {
        this.caller = caller;
    }
    /** Closed and improved needs and completed cycles: the most recent this many. */
    static final int RECENT = 50;

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.IMPROVEMENT_LEAD, Roles.NATIONAL })
    @APIResponse(responseCode = "404", description = "Not the caller's organisation")
    @Operation(summary = "A microsystem's improvement board: needs by status, cycles by stage",
            description = "Open and running work in full; closed and improved needs and completed cycles, the latest " + RECENT + ".")
    @APIResponse(responseCode = "200", description = "The board (empty columns for a microsystem with no needs or cycles)")
    @Transactional
    public Views.BoardView board(@Parameter(example = "RXH") @PathParam("organisation") String organisation,
            @Parameter(example = "trauma-ward-2") @PathParam("microsystem") String microsystem) {
        if (!caller.readsFor(organisation, Roles.VIEWER, Roles.IMPROVEMENT_LEAD)) {
            throw ProblemException.notFound("No board for " + organisation + "/" + microsystem);
        }
        Parameters where = Parameters.with("organisation", organisation).and("microsystem", microsystem);
        List<ImprovementNeed> needs = ImprovementNeed.list(
                "organisation = :organisation and microsystem = :microsystem order by openedAt desc", where);
        List<PdsaCycle> cycles = PdsaCycle.list(
                "organisation = :organisation and microsystem = :microsystem order by updatedAt desc", where);
        return new Views.BoardView(organisation, microsystem, new Views.NeedColumns(
                needs(needs, ImprovementNeedState.OPEN, Integer.MAX_VALUE),
                needs(needs, ImprovementNeedState.IN_PROGRESS, Integer.MAX_VALUE),
                needs(needs, ImprovementNeedState.CLOSED, RECENT),
                needs(needs, ImprovementNeedState.IMPROVED, RECENT)),
                new Views.CycleColumns(cycles(cycles, c -> "plan".equals(c.stage), Integer.MAX_VALUE),
                        cycles(cycles, c -> "do".equals(c.stage), Integer.MAX_VALUE),
                        cycles(cycles, c -> "study".equals(c.stage), Integer.MAX_VALUE),
                        cycles(cycles, c -> "act".equals(c.stage), RECENT)));
    }

    private static List<Views.NeedView> needs(List<ImprovementNeed> needs, String status, int limit) {
        return needs.stream().filter(n -> status.equals(n.status)).limit(limit).map(Views::need).toList();
    }

    private static List<Views.CycleSummary> cycles(List<PdsaCycle> cycles, Predicate<PdsaCycle> stage, int limit) {
        return cycles.stream().filter(stage).limit(limit).map(Views::summary).toList();
    }
}
