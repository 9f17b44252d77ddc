package uk.nhs.pdsa.findings.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.pdsa.findings.model.SeriesSummary;
import uk.nhs.pdsa.findings.model.SpcChart;
import uk.nhs.pdsa.findings.service.SeriesCharts;
import uk.nhs.pdsa.runtime.rest.CsvWriter;
import uk.nhs.pdsa.runtime.rest.PageView;
import uk.nhs.pdsa.runtime.security.Roles;

/** An organisation's series, each linking to its chart at {@code /api/v1/spc}. */
@Path("/api/v1/series")
@Tag(name = "SPC charts and funnel plots")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.VIEWER, Roles.IMPROVEMENT_LEAD, Roles.COLLEGE, Roles.NATIONAL })
public class SeriesResource {
    private final SeriesCharts charts;
    private final FindingsAccess access;

    public SeriesResource(SeriesCharts charts, FindingsAccess access) {
        this.charts = charts;
        this.access = access;
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, CsvWriter.TEXT_CSV })
    @Operation(summary = "The series of an organisation (optionally one audit and metric), each with its latest variation",
            description = "The trust's own series (its trust-level results, or the sum of its microsystems) and each"
                    + " microsystem's; each names the address of its chart.")
    public PageView<SeriesSummary> list(@QueryParam("organisation") String organisation,
            @QueryParam("audit") String audit, @QueryParam("metric") String metric,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("100") int size) {
        uk.nhs.pdsa.runtime.rest.FilterRules.check().organisation("organisation", organisation).code("audit", audit)
                .code("metric", metric).orRefuse();
        PageView.check(page, size, 500);
        return charts.seriesOf(organisation, audit, metric, access.listableAudits(organisation), page, size);
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, CsvWriter.TEXT_CSV })
    @Path("/{audit}/{metric}/{organisation}")
    @Operation(deprecated = true, summary = "The SPC chart of a stored series (alias of GET /api/v1/spc)",
            description = "Answers exactly what GET /api/v1/spc?audit=&metric=&organisation=&microsystem= answers; kept"
                    + " for clients written before that address. New clients use /api/v1/spc.")
    public SpcChart chart(@PathParam("audit") String audit, @PathParam("metric") String metric,
            @PathParam("organisation") String organisation, @QueryParam("microsystem") String microsystem) {
        return access.readableSpc(charts, audit, metric, organisation, microsystem);
    }
}
