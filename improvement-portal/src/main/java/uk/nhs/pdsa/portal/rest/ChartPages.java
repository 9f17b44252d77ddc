package uk.nhs.pdsa.portal.rest;

import static uk.nhs.pdsa.portal.view.Links.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import uk.nhs.pdsa.portal.client.ActionPlanApi;
import uk.nhs.pdsa.portal.client.FindingsApi;
import uk.nhs.pdsa.portal.view.Catalogue;
import uk.nhs.pdsa.portal.view.Changes;
import uk.nhs.pdsa.portal.view.Links;
import uk.nhs.pdsa.portal.view.Person;
import uk.nhs.pdsa.portal.view.Words;

/** A series' SPC chart (picture, table, CSV, PDSA changes marked) and a metric's funnel plot across trusts. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ChartPages {
    /** A row of the accessible table under a chart. */
    public record PointRow(String period, String value, String counts, String centre, String limits, String type) {
    }

    /** A row of the table under a funnel plot. */
    public record UnitRow(String organisation, boolean own, String cases, String value, String expected, String verdict) {
    }

    @Inject
    Person person;

    @Inject
    Catalogue catalogue;

    @Inject
    @RestClient
    FindingsApi findings;

    @Inject
    @RestClient
    ActionPlanApi actionPlan;

    @Inject
    Template chart;

    @Inject
    Template funnel;

    @GET
    @Path("chart")
    public TemplateInstance chart(@QueryParam("audit") String audit, @QueryParam("metric") String metric,
            @QueryParam("organisation") String organisation, @QueryParam("microsystem") String microsystem) {
        JsonNode spc = findings.chart(person.bearer(), audit, metric, organisation, microsystem);
        String type = catalogue.metricType(audit, metric);
        boolean proportion = "proportion".equals(type);
        List<PointRow> points = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (JsonNode p : spc.path("points")) {
            labels.add(p.path("label").asText());
            String counts = Words.counts(p);
            String limits = p.hasNonNull("lowerLimit") ? Words.value(p.path("lowerLimit").asDouble(), proportion) + " to "
                    + Words.value(p.path("upperLimit").asDouble(), proportion) : "none (run chart)";
            points.add(new PointRow(Words.period(p.path("label").asText()), Words.value(p.path("value").asDouble(), proportion),
                    counts, Words.value(p.path("centre").asDouble(), proportion), limits,
                    Words.variation(text(p, "pointType"))));
        }
        List<Changes.Change> changes = Changes.of(needsOf(organisation, microsystem), audit, metric, microsystem, labels);
        String metricTitle = catalogue.metricTitle(audit, metric);
        String place = catalogue.placeName(organisation, microsystem);
        JsonNode last = spc.path("points").path(labels.size() - 1);
        String description = metricTitle + " at " + place + ": " + points.size() + " points from "
                + Words.period(labels.get(0)) + " to " + Words.period(last.path("label").asText()) + ", latest "
                + Words.value(last.path("value").asDouble(), proportion) + ". " + Words.variation(text(spc, "variation"))
                + "." + (changes.isEmpty() ? "" : " " + changes.size() + " PDSA change(s) marked, listed below the chart.");
        String series = Links.series(audit, metric, organisation, microsystem);
        StringBuilder picture = new StringBuilder("/chart.svg?").append(series);
        changes.forEach(c -> picture.append("&note=").append(Links.encode(c.note())));
        boolean funnelled = !"value".equals(type) && (microsystem == null || microsystem.isBlank());
        String latest = last.path("label").asText();
        return chart.data("person", person).data("metricTitle", metricTitle).data("auditTitle", catalogue.auditTitle(audit))
                .data("countsHeading", Words.countsHeading(type))
                .data("place", place).data("variation", Words.variation(text(spc, "variation")))
                .data("variationTag", Words.variationTag(text(spc, "variation")))
                .data("assurance", Words.assurance(text(spc, "assurance")))
                .data("provisional", spc.path("provisional").asBoolean())
                .data("rebased", spc.path("points").findValues("segment").stream().anyMatch(s -> s.asInt() > 0))
                .data("chartType", spc.path("chart").asText()).data("description", description)
                .data("picture", picture.toString()).data("csv", "/chart.csv?" + series).data("changes", changes)
                .data("funnel", funnelled ? Links.funnel(audit, metric, latest) : null)
                .data("latestPeriod", Words.period(latest)).data("points", points).data("current", "organisation");
    }

    /** The organisation's needs with their cycles, for the changes to mark; none when the reader may not see them. */
    private JsonNode needsOf(String organisation, String microsystem) {
        try {
            return actionPlan.needs(person.bearer(), organisation, microsystem == null || microsystem.isBlank() ? null
                    : microsystem, null, 500).path("items");
        } catch (WebApplicationException e) {
            return MissingNode.getInstance(); // a college reading a trust's chart sees no trust's needs
        }
    }

    @GET
    @Path("chart.svg")
    @Produces("image/svg+xml")
    public String picture(@QueryParam("audit") String audit, @QueryParam("metric") String metric,
            @QueryParam("organisation") String organisation, @QueryParam("microsystem") String microsystem,
            @QueryParam("note") List<String> notes) {
        return findings.picture(person.bearer(), audit, metric, organisation, microsystem, notes);
    }

    @GET
    @Path("chart.csv")
    @Produces("text/csv")
    public Response csv(@QueryParam("audit") String audit, @QueryParam("metric") String metric,
            @QueryParam("organisation") String organisation, @QueryParam("microsystem") String microsystem) {
        JsonNode spc = findings.chart(person.bearer(), audit, metric, organisation, microsystem);
        StringBuilder csv = new StringBuilder("period,numerator,denominator,value,centre,lower_limit,upper_limit,point_type\n");
        for (JsonNode p : spc.path("points")) {
            csv.append(String.join(",", p.path("label").asText(), text(p, "numerator", ""), text(p, "denominator", ""),
                    p.path("value").asText(), p.path("centre").asText(), text(p, "lowerLimit", ""),
                    text(p, "upperLimit", ""), text(p, "pointType", ""))).append('\n');
        }
        return Response.ok(csv.toString()).header("Content-Disposition", "attachment; filename=\"" + audit + "-" + metric
                + "-" + organisation + (microsystem == null ? "" : "-" + microsystem) + ".csv\"").build();
    }

    /** One metric's funnel in one period: the reader's trust named and ringed, other trusts anonymised for trusts. */
    @GET
    @Path("funnel")
    public TemplateInstance funnel(@QueryParam("audit") String audit, @QueryParam("metric") String metric,
            @QueryParam("period") String period) {
        JsonNode plot = findings.funnel(person.bearer(), audit, metric, period);
        boolean proportion = "proportion".equals(plot.path("type").asText());
        String own = person.organisation();
        List<JsonNode> units = new ArrayList<>();
        plot.path("units").forEach(units::add);
        units.sort(Comparator.comparingDouble((JsonNode u) -> u.path(u.hasNonNull("expected") ? "expected" : "denominator")
                .asDouble()));
        List<UnitRow> rows = new ArrayList<>();
        String ownVerdict = null;
        for (JsonNode u : units) {
            String id = u.path("id").asText();
            boolean mine = id.equals(own);
            String name = mine ? catalogue.organisationName(id) : id.startsWith("peer-") ? "Another trust (" + id + ")"
                    : catalogue.organisationName(id);
            JsonNode l = u.path("limits");
            String verdict = Words.funnelVerdict(u.path("classification").asText());
            rows.add(new UnitRow(name, mine, Words.counts(u),
                    Words.value(u.path("value").asDouble(), proportion), Words.value(l.path("alertLow").asDouble(), proportion)
                            + " to " + Words.value(l.path("alertHigh").asDouble(), proportion), verdict));
            if (mine) {
                ownVerdict = verdict;
            }
        }
        String metricTitle = catalogue.metricTitle(audit, metric);
        String national = Words.value(plot.path("target").asDouble(), proportion);
        String description = "Funnel plot of " + metricTitle + " in " + Words.period(period) + ": " + rows.size()
                + " trusts against a national value of " + national + "."
                + (ownVerdict == null ? "" : " " + catalogue.organisationName(own) + ": " + ownVerdict + ".");
        return funnel.data("person", person).data("metricTitle", metricTitle).data("auditTitle", catalogue.auditTitle(audit))
                .data("countsHeading", Words.countsHeading(plot.path("type").asText()))
                .data("period", Words.period(period)).data("national", national).data("ownVerdict", ownVerdict)
                .data("overdispersion", plot.path("overdispersion").path("method").asText())
                .data("picture", "/funnel.svg?audit=" + Links.encode(audit) + "&metric=" + Links.encode(metric)
                        + "&period=" + Links.encode(period))
                .data("chart", Links.chart(audit, metric, own, null)).data("description", description)
                .data("rows", rows).data("current", "organisation");
    }

    @GET
    @Path("funnel.svg")
    @Produces("image/svg+xml")
    public String funnelPicture(@QueryParam("audit") String audit, @QueryParam("metric") String metric,
            @QueryParam("period") String period) {
        return findings.funnelPicture(person.bearer(), audit, metric, period);
    }
}
