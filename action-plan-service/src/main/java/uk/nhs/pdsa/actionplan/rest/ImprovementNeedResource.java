package uk.nhs.pdsa.actionplan.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.pdsa.actionplan.ImprovementNeed;
import uk.nhs.pdsa.actionplan.NeedEvidence;
import uk.nhs.pdsa.runtime.problem.ProblemException;
import uk.nhs.pdsa.runtime.rest.QueryFilter;

@Path("/api/v1/improvement-needs")
@Tag(name = "Improvement needs")
@Produces(MediaType.APPLICATION_JSON)
public class ImprovementNeedResource {

    public record NeedView(UUID id, String organisation, String microsystem, String audit, String metric, String status,
            UUID openingFindingId, Instant openedAt, LocalDate dueBy, List<EvidenceView> evidence) {
    }

    public record EvidenceView(UUID findingId, String period, String variation, Instant addedAt) {
    }

    @GET
    @Operation(summary = "Improvement needs, newest first, by organisation, microsystem or status")
    public List<NeedView> list(@QueryParam("organisation") String organisation,
            @QueryParam("microsystem") String microsystem, @QueryParam("status") String status) {
        QueryFilter filter = new QueryFilter().equal("organisation", organisation).equal("microsystem", microsystem)
                .equal("status", status);
        return ImprovementNeed.<ImprovementNeed>find(filter.orderedBy("openedAt desc"), filter.parameters())
                .page(0, 500).list().stream()
                .map(ImprovementNeedResource::view).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One improvement need with its evidence")
    public NeedView get(@PathParam("id") UUID id) {
        return ImprovementNeed.<ImprovementNeed>findByIdOptional(id).map(ImprovementNeedResource::view)
                .orElseThrow(() -> ProblemException.notFound("No improvement need " + id));
    }

    private static NeedView view(ImprovementNeed n) {
        return new NeedView(n.id, n.organisation, n.microsystem, n.audit, n.metric, n.status, n.openingFindingId,
                n.openedAt, n.dueBy, NeedEvidence.ofNeed(n.id).stream()
                        .map(e -> new EvidenceView(e.findingId, e.period, e.variation, e.addedAt)).toList());
    }
}
