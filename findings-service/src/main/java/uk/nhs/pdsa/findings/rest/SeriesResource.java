package uk.nhs.pdsa.findings.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import uk.nhs.pdsa.runtime.security.Roles;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.pdsa.events.SeriesKey;
import uk.nhs.pdsa.findings.SeriesPoint;
import uk.nhs.pdsa.findings.service.SeriesAnalyser;
import uk.nhs.pdsa.findings.spc.SpcAnalysis;
import uk.nhs.pdsa.runtime.problem.ProblemException;
import uk.nhs.pdsa.runtime.rest.QueryFilter;

@Path("/api/v1/series")
@Tag(name = "Series and SPC charts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.VIEWER, Roles.IMPROVEMENT_LEAD, Roles.COLLEGE })
public class SeriesResource {
    private final FindingsAccess access;

    public SeriesResource(FindingsAccess access) {
        this.access = access;
    }

    @GET
    @Operation(summary = "The series of an organisation (optionally one audit and metric), each with its latest variation")
    public List<SeriesView.Summary> list(@QueryParam("organisation") String organisation,
            @QueryParam("audit") String audit, @QueryParam("metric") String metric) {
        if (organisation == null || organisation.isBlank()) {
            throw ProblemException.validation("organisation is required",
                    List.of(new uk.nhs.pdsa.runtime.problem.Problem.FieldError("/organisation", "query parameter organisation is required")));
        }
        QueryFilter filter = access.scope(new QueryFilter()).equal("organisation", organisation).equal("audit", audit)
                .equal("metric", metric);
        Map<String, List<SeriesPoint>> bySeries = new LinkedHashMap<>();
        for (SeriesPoint p : SeriesPoint.<SeriesPoint>list(filter.orderedBy("seriesKey, periodStart, period"),
                filter.parameters())) {
            bySeries.computeIfAbsent(p.seriesKey, k -> new ArrayList<>()).add(p);
        }
        return bySeries.values().stream().map(points -> SeriesView.summary(points, SeriesAnalyser.analyse(points))).toList();
    }

    @GET
    @Path("/{audit}/{metric}/{organisation}")
    @Operation(summary = "The SPC chart of one series: points, centre line, limits, signals and variation")
    public SeriesView.Chart chart(@PathParam("audit") String audit, @PathParam("metric") String metric,
            @PathParam("organisation") String organisation, @QueryParam("microsystem") String microsystem) {
        String key = new SeriesKey(audit, metric, organisation, microsystem).asText();
        access.requireRead(organisation, audit, "No series " + key);
        List<SeriesPoint> points = SeriesPoint.ofSeries(key);
        if (points.isEmpty()) {
            throw ProblemException.notFound("No series " + key);
        }
        SpcAnalysis analysis = SeriesAnalyser.analyse(points);
        return SeriesView.chart(points, analysis);
    }
}
