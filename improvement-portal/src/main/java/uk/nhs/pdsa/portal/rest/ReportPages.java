package uk.nhs.pdsa.portal.rest;

import static uk.nhs.pdsa.portal.view.Links.text;

import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import uk.nhs.pdsa.portal.client.ActionPlanApi;
import uk.nhs.pdsa.portal.client.FindingsApi;
import uk.nhs.pdsa.portal.view.Catalogue;
import uk.nhs.pdsa.portal.view.Links;
import uk.nhs.pdsa.portal.view.Person;
import uk.nhs.pdsa.portal.view.Words;

/**
 * The trust's year for its board and quality account: the findings raised, the improvement needs they opened and
 * how they were answered, the PDSA cycles and what they decided, the needs that ended improved. A page that prints
 * well, and the same rows as CSV. Read with the person's own token: a trust sees its own; national oversight any
 * trust's ({@code ?organisation=}), with the outlier cases of the year.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ReportPages {
    /** Findings and needs read for one report: the latest of each, newest first. */
    static final int MOST = 500;

    /** An outlier case raised in the year, and where it stands. */
    public record CaseRow(String raised, String measure, String period, String level, String stage, String link) {
    }

    /** One finding of the year with what followed it. */
    public record Row(String raised, String what, String measure, String place, String period, String status,
            String need, int cycles, int adopted, String improved) {
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
    Template report;

    @GET
    @Path("report")
    public TemplateInstance page(@QueryParam("year") Integer year, @QueryParam("organisation") String requested) {
        int y = yearOf(year);
        String organisation = organisation(requested);
        JsonNode allNeeds = needs(organisation);
        List<Row> rows = rows(y, organisation, allNeeds);
        List<JsonNode> needs = new ArrayList<>();
        allNeeds.forEach(n -> {
            if (n.path("openedAt").asText("").startsWith(y + "-")) {
                needs.add(n);
            }
        });
        int answered = 0;
        int byCycle = 0;
        int cycles = 0;
        int completed = 0;
        int adopted = 0;
        int abandoned = 0;
        int improved = 0;
        List<Double> days = new ArrayList<>();
        for (JsonNode n : needs) {
            if (n.path("answer").hasNonNull("kind")) {
                answered++;
                byCycle += "cycle".equals(n.path("answer").path("kind").asText()) ? 1 : 0;
                if (n.path("answer").hasNonNull("at")) {
                    days.add((Instant.parse(n.path("answer").path("at").asText()).toEpochMilli()
                            - Instant.parse(n.path("openedAt").asText()).toEpochMilli()) / 86_400_000.0);
                }
            }
            improved += "improved".equals(n.path("status").asText()) ? 1 : 0;
            for (JsonNode c : n.path("cycles")) {
                cycles++;
                completed += c.hasNonNull("actDecision") ? 1 : 0;
                adopted += "adopt".equals(c.path("actDecision").asText()) ? 1 : 0;
                abandoned += "abandon".equals(c.path("actDecision").asText()) ? 1 : 0;
            }
        }
        long concerns = rows.stream().filter(r -> r.what().contains("concern") || r.what().contains("worse")).count();
        List<Pages.Fact> summary = List.of(
                new Pages.Fact("Findings raised", rows.size() + (rows.isEmpty() ? "" : " (" + concerns + " of concern)")),
                new Pages.Fact("Improvement needs opened", String.valueOf(needs.size())),
                new Pages.Fact("Answered", answered + " (" + byCycle + " by a PDSA cycle, " + (answered - byCycle) + " by a decision)"),
                new Pages.Fact("Median days to answer", days.isEmpty() ? "None answered" : String.format(java.util.Locale.UK, "%.1f",
                        median(days))),
                new Pages.Fact("PDSA cycles", cycles + " started, " + completed + " completed: " + adopted + " changes adopted, "
                        + abandoned + " abandoned"),
                new Pages.Fact("Improved", improved + " of the needs ended with results better than before"));
        List<CaseRow> cases = cases(y, organisation).stream().map(c -> new CaseRow(Words.day(raised(c)),
                catalogue.metricTitle(c.path("audit").asText(), c.path("metric").asText()),
                Words.period(c.path("period").asText()), Words.outlierCaseLevel(c.path("level").asText()),
                Words.outlierStage(c.path("stage").asText()), "/outliers/" + Links.encode(c.path("id").asText()))).toList();
        return report.data("person", person).data("year", y).data("previous", y - 1)
                .data("next", y < Year.now(ZoneOffset.UTC).getValue() ? y + 1 : null)
                .data("organisationName", catalogue.organisationName(organisation))
                .data("query", person.trust() ? "" : "&organisation=" + Links.encode(organisation))
                .data("summary", summary).data("rows", rows).data("cases", cases).data("most", MOST)
                .data("current", person.trust() ? "report" : "home");
    }

    /**
     * Whose report: a trust's own; for national oversight the trust it asks for (a 404 page without one, as for a
     * page that does not exist).
     */
    private String organisation(String requested) {
        if (person.trust() || !person.roles().contains("national")) {
            return person.organisation();
        }
        if (requested == null || requested.isBlank()) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        return requested.strip();
    }

    @GET
    @Path("report.csv")
    @Produces("text/csv")
    public Response csv(@QueryParam("year") Integer year, @QueryParam("organisation") String requested) {
        int y = yearOf(year);
        String organisation = organisation(requested);
        StringBuilder csv = new StringBuilder("raised,finding,measure,place,period,status,improvement_need,cycles,"
                + "changes_adopted,improved\n");
        JsonNode needs = needs(organisation);
        List<Row> rows = new ArrayList<>(caseRows(y, organisation, needs));
        rows.addAll(rows(y, organisation, needs));
        for (Row r : rows) {
            csv.append(String.join(",", cell(r.raised()), cell(r.what()), cell(r.measure()), cell(r.place()),
                    cell(r.period()), cell(r.status()), cell(r.need()), String.valueOf(r.cycles()),
                    String.valueOf(r.adopted()), cell(r.improved()))).append('\n');
        }
        return Response.ok(csv.toString()).header("Content-Disposition", "attachment; filename=\""
                + organisation + "-" + y + "-improvement.csv\"").build();
    }

    private static int yearOf(Integer year) {
        int now = Year.now(ZoneOffset.UTC).getValue();
        return year == null || year < 2000 || year > now ? now : year;
    }

    /** The organisation's outlier cases raised in the year (by the audits' analyses of closed periods). */
    private List<JsonNode> cases(int year, String organisation) {
        List<JsonNode> raised = new ArrayList<>();
        for (JsonNode c : findings.outlierCases(person.bearer(), organisation)) {
            if (raised(c).startsWith(year + "-")) {
                raised.add(c);
            }
        }
        return raised;
    }

    private static String raised(JsonNode outlierCase) {
        return outlierCase.path("history").path(0).path("on").asText("");
    }

    /** The year's outlier cases as CSV rows: each with where it stands and the need it opened, and what followed. */
    private List<Row> caseRows(int year, String organisation, JsonNode needs) {
        Map<String, JsonNode> needOf = needsByEvidence(needs);
        List<Row> rows = new ArrayList<>();
        for (JsonNode c : cases(year, organisation)) {
            JsonNode n = needOf.get(c.path("id").asText());
            rows.add(row(raised(c), "Outlier case: " + Words.outlierCaseLevel(c.path("level").asText()),
                    c.path("audit").asText(), c.path("metric").asText(), "Whole trust", c.path("period").asText(),
                    Words.outlierStage(c.path("stage").asText()), n));
        }
        return rows;
    }

    private static Map<String, JsonNode> needsByEvidence(JsonNode needs) {
        Map<String, JsonNode> needOf = new HashMap<>();
        for (JsonNode n : needs) {
            for (JsonNode e : n.path("evidence")) {
                needOf.putIfAbsent(e.path("findingId").asText(), n);
            }
        }
        return needOf;
    }

    /** One row: what was raised, and the need it opened with its cycles, changes adopted and improvement. */
    private Row row(String raised, String what, String audit, String metric, String place, String period, String status,
            JsonNode n) {
        int cycles = n == null ? 0 : n.path("cycles").size();
        int adopted = 0;
        if (n != null) {
            for (JsonNode c : n.path("cycles")) {
                adopted += "adopt".equals(c.path("actDecision").asText()) ? 1 : 0;
            }
        }
        return new Row(Words.day(raised), what, catalogue.metricTitle(audit, metric), place, Words.period(period), status,
                n == null ? "None" : Words.needStatus(n.path("status").asText()), cycles, adopted,
                n != null && n.hasNonNull("improvedAt") ? Words.day(n.path("improvedAt").asText()) : "");
    }

    /** The organisation's latest needs, each with its evidence and cycles. */
    private JsonNode needs(String organisation) {
        return actionPlan.needs(person.bearer(), organisation, null, null, MOST).path("items");
    }

    /** The findings raised in the year, newest first, each with the need it opened and what followed. */
    private List<Row> rows(int year, String organisation, JsonNode needs) {
        Map<String, JsonNode> needOf = needsByEvidence(needs);
        List<Row> rows = new ArrayList<>();
        for (JsonNode f : findings.findings(person.bearer(), organisation, "all", null, MOST).path("items")) {
            String raised = f.path("raisedAt").asText("");
            if (!raised.startsWith(year + "-")) {
                continue;
            }
            rows.add(row(raised, Words.findingKind(f.path("kind").asText(), f.path("orientation").asText()),
                    f.path("audit").asText(), f.path("metric").asText(),
                    "outlier".equals(f.path("kind").asText()) ? "Whole trust"
                            : catalogue.placeName(f.path("organisation").asText(), text(f, "microsystem")),
                    f.path("period").asText(), "open".equals(f.path("status").asText()) ? "Stands" : "Resolved",
                    needOf.get(f.path("findingId").asText())));
        }
        return rows;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** A CSV cell: quoted when it holds a comma, quote or line break; a leading =, +, - or @ made inert. */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
