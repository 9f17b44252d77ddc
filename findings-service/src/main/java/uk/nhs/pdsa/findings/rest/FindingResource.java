package uk.nhs.pdsa.findings.rest;

import java.time.Instant;
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
import uk.nhs.pdsa.events.FindingRaised;
import uk.nhs.pdsa.findings.Finding;
import uk.nhs.pdsa.findings.mapping.FindingMapper;
import uk.nhs.pdsa.runtime.problem.ProblemException;
import uk.nhs.pdsa.runtime.rest.QueryFilter;

@Path("/api/v1/findings")
@Tag(name = "Findings")
@Produces(MediaType.APPLICATION_JSON)
public class FindingResource {

    public record FindingView(UUID findingId, String audit, String metric, String organisation, String microsystem,
            String period, String chart, String variation, double value, double centreLine, double lowerLimit,
            double upperLimit, List<FindingRaised.Signal> signals, Instant raisedAt) {

        static FindingView of(Finding f) {
            return new FindingView(f.findingId, f.audit, f.metric, f.organisation, f.microsystem, f.period, f.chart,
                    f.variation, f.value, f.centreLine, f.lowerLimit, f.upperLimit, FindingMapper.signals(f), f.raisedAt);
        }
    }

    @GET
    @Operation(summary = "Findings, newest first, filtered by organisation, audit, metric, microsystem or variation")
    public List<FindingView> list(@QueryParam("organisation") String organisation, @QueryParam("audit") String audit,
            @QueryParam("metric") String metric, @QueryParam("microsystem") String microsystem,
            @QueryParam("variation") String variation) {
        QueryFilter filter = new QueryFilter().equal("organisation", organisation).equal("audit", audit)
                .equal("metric", metric).equal("microsystem", microsystem).equal("variation", variation);
        return Finding.<Finding>find(filter.orderedBy("raisedAt desc"), filter.parameters()).page(0, 500).list()
                .stream().map(FindingView::of).toList();
    }

    @GET
    @Path("/{findingId}")
    @Operation(summary = "One finding")
    public FindingView get(@PathParam("findingId") UUID findingId) {
        return Finding.<Finding>findByIdOptional(findingId).map(FindingView::of)
                .orElseThrow(() -> ProblemException.notFound("No finding " + findingId));
    }
}
