package uk.nhs.pdsa.findings.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.pdsa.findings.chart.SvgChart;
import uk.nhs.pdsa.findings.model.FunnelChart;
import uk.nhs.pdsa.findings.model.FunnelRequest;
import uk.nhs.pdsa.findings.model.SpcChart;
import uk.nhs.pdsa.findings.model.SpcRequest;
import uk.nhs.pdsa.findings.service.FunnelRequests;
import uk.nhs.pdsa.findings.service.SpcRequests;
import uk.nhs.pdsa.findings.service.SeriesCharts;
import uk.nhs.pdsa.runtime.rest.CsvWriter;
import uk.nhs.pdsa.runtime.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.quarkus.security.Authenticated;

/** SPC charts and funnel plots, of stored series or of any data posted; JSON or, for stored ones, an SVG picture. */
@Path("/api/v1")
@Tag(name = "SPC charts and funnel plots", description = "Making Data Count SPC charts and Spiegelhalter funnel plots")
public class SpcResource {
    static final String SVG = "image/svg+xml";

    private final SeriesCharts stored;
    private final FindingsAccess access;

    public SpcResource(SeriesCharts stored, FindingsAccess access) {
        this.stored = stored;
        this.access = access;
    }

    private SpcChart readableSpc(String audit, String metric, String organisation, String microsystem) {
        return access.readableSpc(stored, audit, metric, organisation, microsystem);
    }

    private FunnelChart readableFunnel(String audit, String metric, String period, String overdispersion) {
        return access.funnel(stored.funnel(audit, metric, period, overdispersion), audit,
                "No results for " + audit + "/" + metric + " in " + period);
    }

    @POST
    @Authenticated
    @Path("/spc/compute")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Chart any series (p, pp, u, up, c, xmr or run) without storing it",
            description = "Limits per segment from its baseline, Making Data Count rules (beyond-limits, trend, shift,"
                    + " two-of-three), point types by direction, variation and assurance icons, Anhøj runs for run charts.")
    @APIResponse(responseCode = "200", description = "The chart", content = @Content(schema = @Schema(implementation = SpcChart.class)))
    public SpcChart compute(SpcRequest request) {
        return SpcRequests.compute(request);
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.IMPROVEMENT_LEAD, Roles.COLLEGE, Roles.NATIONAL, Roles.CHART_READER })
    @Path("/spc")
    @Produces({ MediaType.APPLICATION_JSON, CsvWriter.TEXT_CSV })
    @Operation(summary = "The SPC chart of a stored series",
            description = "Without microsystem: the trust's own results, or the sum of its microsystems when it submits per microsystem.")
    @APIResponse(responseCode = "200", description = "The chart", content = @Content(schema = @Schema(implementation = SpcChart.class)))
    @APIResponse(responseCode = "404", description = "No such series or funnel, or one the caller may not read")
    public SpcChart spc(@Parameter(example = "nhfd") @QueryParam("audit") String audit,
            @Parameter(example = "surgery-within-36h") @QueryParam("metric") String metric,
            @Parameter(example = "RXH") @QueryParam("organisation") String organisation,
            @Parameter(example = "trauma-ward-2") @QueryParam("microsystem") String microsystem) {
        return readableSpc(audit, metric, organisation, microsystem);
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.IMPROVEMENT_LEAD, Roles.COLLEGE, Roles.NATIONAL, Roles.CHART_READER })
    @Path("/spc")
    @Produces(SVG)
    @Operation(summary = "The SPC chart of a stored series as an SVG picture (Accept: image/svg+xml)")
    @APIResponse(responseCode = "200", description = "The picture", content = @Content(mediaType = SVG))
    @APIResponse(responseCode = "400", description = "A note is not period:text, or there are too many")
    @APIResponse(responseCode = "404", description = "No such series or funnel, or one the caller may not read")
    public String spcPicture(@QueryParam("audit") String audit, @QueryParam("metric") String metric,
            @QueryParam("organisation") String organisation, @QueryParam("microsystem") String microsystem,
            @Parameter(description = NOTE, example = "[\"2025-11:Theatre slot held\"]") @QueryParam("note") List<String> notes) {
        List<SvgChart.Note> marked = notes(notes);
        return SvgChart.spc(readableSpc(audit, metric, organisation, microsystem), marked);
    }

    static final String NOTE = "A note to mark on the picture, as period:text (for example a PDSA change date);"
            + " repeat for more (at most " + ChartNotes.MOST + ")";

    @POST
    @Authenticated
    @Path("/funnel/compute")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A funnel plot of any units (proportions or rates) without storing them",
            description = "Exact binomial or Poisson limits (Spiegelhalter 2005), overdispersion none, multiplicative,"
                    + " additive or auto (the default).")
    @APIResponse(responseCode = "200", description = "The funnel plot", content = @Content(schema = @Schema(implementation = FunnelChart.class)))
    public FunnelChart computeFunnel(FunnelRequest request) {
        return FunnelRequests.compute(request);
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.IMPROVEMENT_LEAD, Roles.COLLEGE, Roles.NATIONAL })
    @Path("/funnel")
    @Produces({ MediaType.APPLICATION_JSON, CsvWriter.TEXT_CSV })
    @Operation(summary = "The funnel plot of one metric and period across trusts (microsystems summed to their trust)")
    @APIResponse(responseCode = "200", description = "The funnel plot", content = @Content(schema = @Schema(implementation = FunnelChart.class)))
    @APIResponse(responseCode = "404", description = "No such series or funnel, or one the caller may not read")
    public FunnelChart funnel(@Parameter(example = "nhfd") @QueryParam("audit") String audit,
            @Parameter(example = "mortality-30-day") @QueryParam("metric") String metric,
            @Parameter(example = "2025-12") @QueryParam("period") String period,
            @Parameter(description = "none, multiplicative, additive or auto (default)") @QueryParam("overdispersion") String overdispersion) {
        return readableFunnel(audit, metric, period, overdispersion);
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.IMPROVEMENT_LEAD, Roles.COLLEGE, Roles.NATIONAL, Roles.CHART_READER })
    @Path("/spc.svg")
    @Produces(SVG)
    @Operation(summary = "The SPC chart of a stored series as an SVG picture, at an address a link in a message can open")
    @APIResponse(responseCode = "200", description = "The picture", content = @Content(mediaType = SVG))
    @APIResponse(responseCode = "400", description = "A note is not period:text, or there are too many")
    @APIResponse(responseCode = "404", description = "No such series or funnel, or one the caller may not read")
    public String spcPictureLink(@QueryParam("audit") String audit, @QueryParam("metric") String metric,
            @QueryParam("organisation") String organisation, @QueryParam("microsystem") String microsystem,
            @Parameter(description = NOTE) @QueryParam("note") List<String> notes) {
        return spcPicture(audit, metric, organisation, microsystem, notes);
    }

    private static List<SvgChart.Note> notes(List<String> notes) {
        return ChartNotes.parse(notes);
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.IMPROVEMENT_LEAD, Roles.COLLEGE, Roles.NATIONAL })
    @Path("/funnel.svg")
    @Produces(SVG)
    @Operation(summary = "The funnel plot as an SVG picture, at an address a link in a message can open")
    @APIResponse(responseCode = "200", description = "The picture", content = @Content(mediaType = SVG))
    @APIResponse(responseCode = "404", description = "No such series or funnel, or one the caller may not read")
    public String funnelPictureLink(@QueryParam("audit") String audit, @QueryParam("metric") String metric,
            @QueryParam("period") String period, @QueryParam("overdispersion") String overdispersion) {
        return funnelPicture(audit, metric, period, overdispersion);
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.IMPROVEMENT_LEAD, Roles.COLLEGE, Roles.NATIONAL })
    @Path("/funnel")
    @Produces(SVG)
    @Operation(summary = "The funnel plot as an SVG picture (Accept: image/svg+xml)")
    @APIResponse(responseCode = "200", description = "The picture", content = @Content(mediaType = SVG))
    @APIResponse(responseCode = "404", description = "No such series or funnel, or one the caller may not read")
    public String funnelPicture(@QueryParam("audit") String audit, @QueryParam("metric") String metric,
            @QueryParam("period") String period, @QueryParam("overdispersion") String overdispersion) {
        FunnelChart funnel = readableFunnel(audit, metric, period, overdispersion);
        return SvgChart.funnel(funnel, access.ownOrganisation());
    }
}
