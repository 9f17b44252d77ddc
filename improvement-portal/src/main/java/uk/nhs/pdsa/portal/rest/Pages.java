package uk.nhs.pdsa.portal.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import uk.nhs.pdsa.portal.client.ActionPlanApi;
import uk.nhs.pdsa.portal.client.FindingsApi;
import uk.nhs.pdsa.portal.view.Catalogue;
import uk.nhs.pdsa.portal.view.Person;
import uk.nhs.pdsa.portal.view.Words;

/**
 * The pages. Each reads the services as the signed-in person, so the services' rules decide what it shows; a
 * series the person may not read is "not found" here as it is there.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class Pages {
    /** A row of the needs table on the home page. */
    public record NeedRow(String metric, String place, String status, boolean overdue, String dueBy, String opened,
            String chart) {
    }

    /** A row of the concerns table on the home page. */
    public record FindingRow(String metric, String place, String what, String period, String chart, String finding) {
    }

    /** One column of a microsystem's board: a need status or a cycle stage, and what stands in it. */
    public record Column(String heading, List<Fact> items) {
    }

    /** A fact on the finding page. */
    public record Fact(String label, String value) {
    }

    /** A row of the organisation's summary table. */
    public record SeriesRow(String audit, String metric, String place, String latestPeriod, String variation,
            String variationTag, int points, String chart, String board) {
    }

    /** A row of the accessible table under a chart. */
    public record PointRow(String period, String value, String counts, String centre, String limits, String type) {
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
    Template home;

    @Inject
    Template organisation;

    @Inject
    Template chart;

    @Inject
    @Location("signed-out.html")
    Template signedOut;

    @Inject
    Template finding;

    @Inject
    Template board;

    @GET
    public TemplateInstance home() {
        String org = person.organisation();
        List<NeedRow> needs = new ArrayList<>();
        for (JsonNode n : actionPlan.needs(person.bearer(), org, null, 100).path("items")) {
            String status = n.path("status").asText();
            if (!status.equals("open") && !status.equals("in-progress")) {
                continue;
            }
            String due = n.path("dueBy").asText("");
            boolean overdue = status.equals("open") && !due.isEmpty() && LocalDate.parse(due).isBefore(LocalDate.now());
            needs.add(new NeedRow(catalogue.metricTitle(n.path("audit").asText(), n.path("metric").asText()),
                    catalogue.placeName(n.path("organisation").asText(), text(n, "microsystem")), Words.needStatus(status),
                    overdue, Words.day(due), Words.day(n.path("openedAt").asText("")),
                    chartLink(n.path("audit").asText(), n.path("metric").asText(), n.path("organisation").asText(),
                            text(n, "microsystem"))));
        }
        List<FindingRow> concerns = new ArrayList<>();
        for (JsonNode f : findings.findings(person.bearer(), org, "concern", 20).path("items")) {
            concerns.add(new FindingRow(catalogue.metricTitle(f.path("audit").asText(), f.path("metric").asText()),
                    catalogue.placeName(f.path("organisation").asText(), text(f, "microsystem")),
                    Words.findingKind(f.path("kind").asText(), f.path("orientation").asText()),
                    Words.period(f.path("period").asText()),
                    chartLink(f.path("audit").asText(), f.path("metric").asText(), f.path("organisation").asText(),
                            text(f, "microsystem")), "/findings/" + encode(f.path("findingId").asText())));
        }
        return home.data("person", person).data("organisationName", catalogue.organisationName(org))
                .data("needs", needs).data("concerns", concerns).data("current", "home");
    }

    @GET
    @Path("organisation")
    public TemplateInstance organisation() {
        String org = person.organisation();
        List<SeriesRow> rows = new ArrayList<>();
        for (JsonNode s : findings.series(person.bearer(), org)) {
            String audit = s.path("audit").asText();
            String metric = s.path("metric").asText();
            rows.add(new SeriesRow(catalogue.auditTitle(audit), catalogue.metricTitle(audit, metric),
                    catalogue.placeName(org, text(s, "microsystem")), Words.period(s.path("latestPeriod").asText()),
                    Words.variation(text(s, "variation")), Words.variationTag(text(s, "variation")),
                    s.path("points").asInt(), chartLink(audit, metric, org, text(s, "microsystem")),
                    s.hasNonNull("microsystem") ? "/boards/" + encode(s.path("microsystem").asText()) : null));
        }
        return organisation.data("person", person).data("organisationName", catalogue.organisationName(org))
                .data("rows", rows).data("current", "organisation");
    }

    @GET
    @Path("chart")
    public TemplateInstance chart(@QueryParam("audit") String audit, @QueryParam("metric") String metric,
            @QueryParam("organisation") String organisation, @QueryParam("microsystem") String microsystem) {
        JsonNode spc = findings.chart(person.bearer(), audit, metric, organisation, microsystem);
        boolean proportion = "proportion".equals(catalogue.metricType(audit, metric));
        List<PointRow> points = new ArrayList<>();
        for (JsonNode p : spc.path("points")) {
            String counts = p.hasNonNull("numerator") ? p.path("numerator").asLong() + " of " + p.path("denominator").asLong() : "";
            String limits = p.hasNonNull("lowerLimit") ? Words.value(p.path("lowerLimit").asDouble(), proportion) + " to "
                    + Words.value(p.path("upperLimit").asDouble(), proportion) : "none (run chart)";
            points.add(new PointRow(Words.period(p.path("label").asText()), Words.value(p.path("value").asDouble(), proportion),
                    counts, Words.value(p.path("centre").asDouble(), proportion), limits,
                    Words.variation(text(p, "pointType"))));
        }
        String metricTitle = catalogue.metricTitle(audit, metric);
        String place = catalogue.placeName(organisation, microsystem);
        JsonNode first = spc.path("points").path(0);
        JsonNode last = spc.path("points").path(spc.path("points").size() - 1);
        String description = metricTitle + " at " + place + ": " + points.size() + " points from "
                + Words.period(first.path("label").asText()) + " to " + Words.period(last.path("label").asText())
                + ", latest " + Words.value(last.path("value").asDouble(), proportion) + ". "
                + Words.variation(text(spc, "variation")) + ".";
        String query = query(audit, metric, organisation, microsystem);
        return chart.data("person", person).data("metricTitle", metricTitle).data("auditTitle", catalogue.auditTitle(audit))
                .data("place", place).data("variation", Words.variation(text(spc, "variation")))
                .data("variationTag", Words.variationTag(text(spc, "variation")))
                .data("assurance", Words.assurance(text(spc, "assurance")))
                .data("provisional", spc.path("provisional").asBoolean())
                .data("chartType", spc.path("chart").asText()).data("description", description)
                .data("picture", "/chart.svg?" + query).data("csv", "/chart.csv?" + query)
                .data("points", points).data("current", "organisation");
    }

    @GET
    @Path("chart.svg")
    @Produces("image/svg+xml")
    public String picture(@QueryParam("audit") String audit, @QueryParam("metric") String metric,
            @QueryParam("organisation") String organisation, @QueryParam("microsystem") String microsystem) {
        return findings.picture(person.bearer(), audit, metric, organisation, microsystem);
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

    @GET
    @Path("findings/{id}")
    public TemplateInstance finding(@PathParam("id") String id) {
        JsonNode f = findings.finding(person.bearer(), id);
        String audit = f.path("audit").asText();
        String metric = f.path("metric").asText();
        boolean proportion = "proportion".equals(catalogue.metricType(audit, metric));
        boolean outlier = "outlier".equals(f.path("kind").asText());
        String place = catalogue.placeName(f.path("organisation").asText(), outlier ? null : text(f, "microsystem"));
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("What the data shows", Words.findingKind(f.path("kind").asText(), f.path("orientation").asText())));
        facts.add(new Fact("Status", "open".equals(f.path("status").asText()) ? "Stands now" : "Resolved"));
        facts.add(new Fact("Latest period", Words.period(f.path("period").asText())));
        facts.add(new Fact("Latest value", Words.value(f.path("value").asDouble(), proportion)));
        List<Fact> rules = new ArrayList<>();
        if (outlier) {
            JsonNode o = f.path("outlier");
            facts.add(new Fact("Against other trusts", Words.outlierLevel(o.path("level").asText(), o.path("side").asText())));
            facts.add(new Fact("National value", Words.value(o.path("target").asDouble(), proportion)));
            facts.add(new Fact("Expected range at this size (95%)", Words.value(o.path("limits").path("alertLow").asDouble(),
                    proportion) + " to " + Words.value(o.path("limits").path("alertHigh").asDouble(), proportion)));
            facts.add(new Fact("Cases", o.path("numerator").asLong() + " of " + o.path("denominator").asLong()));
        } else {
            JsonNode c = f.path("specialCause");
            facts.add(new Fact("Since", Words.period(c.path("firstPeriod").asText())));
            facts.add(new Fact("Mean and control limits", Words.value(c.path("centreLine").asDouble(), proportion) + " (limits "
                    + Words.value(c.path("lowerLimit").asDouble(), proportion) + " to "
                    + Words.value(c.path("upperLimit").asDouble(), proportion) + ")"));
            for (JsonNode signal : c.path("signals")) {
                String from = Words.period(signal.path("fromPeriod").asText());
                String to = Words.period(signal.path("toPeriod").asText());
                rules.add(new Fact(Words.rule(signal.path("rule").asText()), from.equals(to) ? from : from + " to " + to));
            }
        }
        facts.add(new Fact("Raised", Words.day(f.path("raisedAt").asText(""))));
        return finding.data("person", person).data("metricTitle", catalogue.metricTitle(audit, metric))
                .data("auditTitle", catalogue.auditTitle(audit)).data("place", place).data("facts", facts)
                .data("rules", rules).data("chart", chartLink(audit, metric, f.path("organisation").asText(),
                        outlier ? null : text(f, "microsystem")))
                .data("current", "home");
    }

    @GET
    @Path("boards/{microsystem}")
    public TemplateInstance board(@PathParam("microsystem") String microsystem) {
        String org = person.organisation();
        JsonNode b = actionPlan.board(person.bearer(), org, microsystem);
        List<Column> needs = new ArrayList<>();
        for (String[] column : new String[][] { {"open", "Waiting for an answer"}, {"inProgress", "PDSA cycle under way"},
            {"improved", "Improved"}, {"closed", "Closed by a decision"} }) {
            List<Fact> items = new ArrayList<>();
            for (JsonNode n : b.path("needs").path(column[0])) {
                String due = n.path("dueBy").asText("");
                boolean overdue = "open".equals(n.path("status").asText()) && !due.isEmpty()
                        && LocalDate.parse(due).isBefore(LocalDate.now());
                items.add(new Fact(catalogue.metricTitle(n.path("audit").asText(), n.path("metric").asText()),
                        (overdue ? "Overdue: answer was due by " : "Answer by ") + Words.day(due)));
            }
            needs.add(new Column(column[1], items));
        }
        List<Column> cycles = new ArrayList<>();
        for (String[] column : new String[][] { {"plan", "Plan"}, {"do", "Do"}, {"study", "Study"}, {"act", "Act (done)"} }) {
            List<Fact> items = new ArrayList<>();
            for (JsonNode c : b.path("cycles").path(column[0])) {
                items.add(new Fact(c.path("title").asText(), "Owner " + c.path("owner").path("name").asText("not named")
                        + (c.hasNonNull("plannedEnd") ? ", planned to end " + Words.day(c.path("plannedEnd").asText()) : "")));
            }
            cycles.add(new Column(column[1], items));
        }
        return board.data("person", person).data("place", catalogue.placeName(org, microsystem)).data("needs", needs)
                .data("cycles", cycles).data("current", "organisation");
    }

    @GET
    @Path("signed-out")
    public TemplateInstance signedOut() {
        return signedOut.instance();
    }

    static String chartLink(String audit, String metric, String organisation, String microsystem) {
        return "/chart?" + query(audit, metric, organisation, microsystem);
    }

    private static String query(String audit, String metric, String organisation, String microsystem) {
        return "audit=" + encode(audit) + "&metric=" + encode(metric) + "&organisation=" + encode(organisation)
                + (microsystem == null || microsystem.isBlank() ? "" : "&microsystem=" + encode(microsystem));
    }

    static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    private static String text(JsonNode node, String field) {
        return text(node, field, null);
    }

    private static String text(JsonNode node, String field, String absent) {
        return node.hasNonNull(field) ? node.path(field).asText() : absent;
    }
}
