package uk.nhs.pdsa.portal.rest;

import static uk.nhs.pdsa.portal.view.Links.text;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import uk.nhs.pdsa.portal.client.ActionPlanApi;
import uk.nhs.pdsa.portal.client.FindingsApi;
import uk.nhs.pdsa.portal.view.Catalogue;
import uk.nhs.pdsa.portal.view.Links;
import uk.nhs.pdsa.portal.view.Person;
import uk.nhs.pdsa.portal.view.Words;

/**
 * The pages. Each reads the services as the signed-in person, so the services' rules decide what it shows; a
 * series the person may not read is "not found" here as it is there.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class Pages {
    /** When the person last opened "what needs you": findings raised since then are listed as new. */
    static final String LAST_VISIT = "pdsa-last-visit";

    /** A row of the needs table on the home page. */
    public record NeedRow(String metric, String place, String status, boolean overdue, boolean mine, String dueBy,
            String opened, String chart, String link) {
    }

    /** A row of the findings tables on the home page. */
    public record FindingRow(String metric, String place, String what, String period, String chart, String finding,
            String raised) {
    }

    /** A PDSA cycle waiting for its next stage. */
    public record CycleRow(String title, String metric, String place, String waits, String owner, boolean mine,
            String plannedEnd, String link) {
    }

    /** One column of a microsystem's board: a need status or a cycle stage, and what stands in it. */
    public record Column(String heading, List<Item> items) {
    }

    /** A need or cycle on a board: what it is, where it stands, its page, whether it is late. */
    public record Item(String label, String value, String link, boolean overdue) {
    }

    /** A choice of a filter. */
    public record Option(String value, String label, boolean selected) {
    }

    /** A fact on the finding page. */
    public record Fact(String label, String value) {
    }

    /** A row of the organisation's summary table. */
    public record SeriesRow(String audit, String metric, String place, String latestPeriod, String latestValue,
            String variation, String variationTag, String assurance, String assuranceTag, String target, String chart,
            String board) {
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

    @ConfigProperty(name = "quarkus.oidc.authentication.cookie-force-secure", defaultValue = "false")
    boolean secureCookies;

    @Inject
    Template home;

    @Inject
    Template organisation;

    @Inject
    @Location("signed-out.html")
    Template signedOut;

    @Inject
    Template finding;

    @Inject
    Template board;

    @Inject
    AudienceHomes audiences;

    @GET
    public Response home(@CookieParam(LAST_VISIT) String lastVisitCookie, @QueryParam("removed") String removed) {
        if (person.roles().contains("regulator") && !person.trust()) {
            return Response.seeOther(java.net.URI.create("/outliers")).build(); // the regulator's view is the cases
        }
        if (!person.trust()) {
            return Response.ok(audiences.home(removed == null || removed.isBlank() ? null : removed)).build();
        }
        String org = person.organisation();
        JsonNode allNeeds = actionPlan.needs(person.bearer(), org, null, null, 200).path("items");
        List<NeedRow> needs = new ArrayList<>();
        List<CycleRow> cycles = new ArrayList<>();
        for (JsonNode n : allNeeds) {
            String status = n.path("status").asText();
            if (!status.equals("open") && !status.equals("in-progress")) {
                continue;
            }
            String audit = n.path("audit").asText();
            String metric = n.path("metric").asText();
            String place = catalogue.placeName(n.path("organisation").asText(), text(n, "microsystem"));
            boolean mine = false;
            for (JsonNode c : n.path("cycles")) {
                boolean owned = ownedByMe(c.path("owner"));
                mine |= owned;
                if (!"act".equals(c.path("stage").asText())) {
                    cycles.add(new CycleRow(c.path("title").asText(), catalogue.metricTitle(audit, metric), place,
                            Words.cycleWaits(c.path("stage").asText()), c.path("owner").path("name").asText("not named"),
                            owned, c.hasNonNull("plannedEnd") ? Words.day(c.path("plannedEnd").asText()) : "not set",
                            "/cycles/" + Links.encode(c.path("id").asText())));
                }
            }
            String due = n.path("dueBy").asText("");
            boolean overdue = status.equals("open") && !due.isEmpty() && LocalDate.parse(due).isBefore(LocalDate.now());
            needs.add(new NeedRow(catalogue.metricTitle(audit, metric), place, Words.needStatus(status), overdue, mine,
                    Words.day(due), Words.day(n.path("openedAt").asText("")),
                    Links.chart(audit, metric, n.path("organisation").asText(), text(n, "microsystem")),
                    "/needs/" + Links.encode(n.path("id").asText())));
        }
        // Mine first, then overdue, then the rest as action-plan listed them (newest first).
        needs.sort(Comparator.comparing((NeedRow r) -> !r.mine()).thenComparing(r -> !r.overdue()));
        cycles.sort(Comparator.comparing((CycleRow r) -> !r.mine()));
        List<FindingRow> concerns = new ArrayList<>();
        for (JsonNode f : findings.findings(person.bearer(), org, "open", "concern", 20).path("items")) {
            concerns.add(findingRow(f));
        }
        Instant lastVisit = instant(lastVisitCookie);
        List<FindingRow> since = new ArrayList<>();
        if (lastVisit != null) {
            for (JsonNode f : findings.findings(person.bearer(), org, "all", null, 50).path("items")) {
                Instant raised = instant(text(f, "raisedAt"));
                if (raised != null && raised.isAfter(lastVisit)) {
                    since.add(findingRow(f));
                }
            }
        }
        TemplateInstance page = home.data("person", person).data("organisationName", catalogue.organisationName(org))
                .data("needs", needs).data("cycles", cycles).data("concerns", concerns).data("since", since)
                .data("lastVisit", lastVisit == null ? null : Words.day(lastVisit.toString()))
                .data("sinceCaption", lastVisit == null ? "" : "Findings raised since your last visit on "
                        + Words.day(lastVisit.toString()))
                .data("current", "home");
        NewCookie visit = new NewCookie.Builder(LAST_VISIT).value(Instant.now().toString()).path("/").httpOnly(true)
                .secure(secureCookies).sameSite(NewCookie.SameSite.LAX).maxAge(400 * 24 * 3600).build();
        return Response.ok(page).cookie(visit).build();
    }

    private boolean ownedByMe(JsonNode owner) {
        String email = owner.path("email").asText("");
        return !email.isEmpty() ? email.equalsIgnoreCase(person.email()) : owner.path("name").asText("").equals(person.name());
    }

    private FindingRow findingRow(JsonNode f) {
        String audit = f.path("audit").asText();
        String metric = f.path("metric").asText();
        boolean outlier = "outlier".equals(f.path("kind").asText());
        String microsystem = outlier ? null : text(f, "microsystem");
        String what = Words.findingKind(f.path("kind").asText(), f.path("orientation").asText())
                + ("resolved".equals(f.path("status").asText()) ? " (since resolved)" : "");
        return new FindingRow(catalogue.metricTitle(audit, metric), catalogue.placeName(f.path("organisation").asText(),
                microsystem), what, Words.period(f.path("period").asText()),
                Links.chart(audit, metric, f.path("organisation").asText(), microsystem),
                "/findings/" + Links.encode(f.path("findingId").asText()), Words.day(f.path("raisedAt").asText("")));
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null; // a cookie from elsewhere or an old format: as if there were no last visit
        }
    }

    @GET
    @Path("organisation")
    public TemplateInstance organisation() {
        String org = person.organisation();
        List<SeriesRow> rows = new ArrayList<>();
        for (JsonNode s : findings.series(person.bearer(), org).path("items")) {
            String audit = s.path("audit").asText();
            String metric = s.path("metric").asText();
            boolean proportion = "proportion".equals(catalogue.metricType(audit, metric));
            rows.add(new SeriesRow(catalogue.auditTitle(audit), catalogue.metricTitle(audit, metric),
                    catalogue.placeName(org, text(s, "microsystem")), Words.period(s.path("latestPeriod").asText()),
                    Words.value(s.path("latestValue").asDouble(), proportion),
                    Words.variation(text(s, "variation")), Words.variationTag(text(s, "variation")),
                    Words.assurance(text(s, "assurance")), Words.assuranceTag(text(s, "assurance")),
                    s.hasNonNull("target") ? Words.value(s.path("target").asDouble(), proportion) : "None",
                    Links.chart(audit, metric, org, text(s, "microsystem")),
                    s.hasNonNull("microsystem") ? "/boards/" + Links.encode(s.path("microsystem").asText()) : null));
        }
        return organisation.data("person", person).data("organisationName", catalogue.organisationName(org))
                .data("rows", rows).data("current", "organisation");
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
        List<Fact> history = new ArrayList<>();
        history.add(new Fact(Words.day(f.path("raisedAt").asText("")), "Raised"));
        if (f.path("version").asInt() > 1 && f.hasNonNull("updatedAt") && !f.hasNonNull("resolvedAt")) {
            history.add(new Fact(Words.day(f.path("updatedAt").asText()), "Updated with newer results (version "
                    + f.path("version").asInt() + ")"));
        }
        if (f.hasNonNull("resolvedAt")) {
            history.add(new Fact(Words.day(f.path("resolvedAt").asText()), "Resolved: the chart no longer shows it"));
        }
        JsonNode need = needOf(f);
        List<Fact> needFacts = new ArrayList<>();
        if (need != null) {
            needFacts.add(new Fact("Status", Words.needStatus(need.path("status").asText())));
            needFacts.add(new Fact("Opened", Words.day(need.path("openedAt").asText(""))));
            needFacts.add(new Fact("Answer by", Words.day(need.path("dueBy").asText(""))));
            if (need.hasNonNull("escalation")) {
                needFacts.add(new Fact("Escalated", Words.escalation(need.path("escalation"))));
            }
            if (need.hasNonNull("answer")) {
                needFacts.add(new Fact("Answered", Words.answer(need.path("answer"))));
            }
            for (JsonNode c : need.path("cycles")) {
                needFacts.add(new Fact("PDSA cycle " + c.path("sequence").asInt(), c.path("title").asText() + " ("
                        + Words.cycleWaits(c.path("stage").asText()) + ")"));
            }
            try {
                for (JsonNode h : actionPlan.needHistory(person.bearer(), need.path("id").asText())) {
                    history.add(new Fact(Words.day(h.path("at").asText("")), Words.needAction(h.path("action").asText())
                            + " (" + Words.actor(Links.text(h, "actor")) + ")"));
                }
            } catch (WebApplicationException e) {
                // the history is a courtesy: the need itself is shown
            }
        }
        history.sort(Comparator.comparing(Fact::label, Comparator.comparing(Pages::sortableDay)));
        return finding.data("person", person).data("metricTitle", catalogue.metricTitle(audit, metric))
                .data("auditTitle", catalogue.auditTitle(audit)).data("place", place).data("facts", facts)
                .data("rules", rules).data("history", history).data("need", needFacts)
                .data("needLink", need == null ? null : "/needs/" + Links.encode(need.path("id").asText()))
                .data("chart", Links.chart(audit, metric, f.path("organisation").asText(), outlier ? null : text(f, "microsystem")))
                .data("funnel", outlier ? Links.funnel(audit, metric, f.path("period").asText()) : null)
                .data("current", "home");
    }

    /** The improvement need this finding opened or joined as evidence, if the person may see it. */
    private JsonNode needOf(JsonNode f) {
        String id = f.path("findingId").asText();
        try {
            for (JsonNode n : actionPlan.needs(person.bearer(), f.path("organisation").asText(), text(f, "microsystem"),
                    null, 200).path("items")) {
                if (id.equals(n.path("openingFindingId").asText())
                        || n.path("evidence").findValuesAsText("findingId").contains(id)) {
                    return n;
                }
            }
        } catch (WebApplicationException e) {
            // a college reads findings, not a trust's needs
        }
        return null;
    }

    private static LocalDate sortableDay(String day) {
        try {
            return LocalDate.parse(day, java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.UK));
        } catch (DateTimeParseException e) {
            return LocalDate.MIN;
        }
    }

    @GET
    @Path("boards/{microsystem}")
    public TemplateInstance board(@PathParam("microsystem") String microsystem, @QueryParam("owner") String ownerFilter,
            @QueryParam("metric") String metricFilter) {
        String org = person.organisation();
        JsonNode b = actionPlan.board(person.bearer(), org, microsystem);
        String owner = ownerFilter == null ? "" : ownerFilter;
        String metric = metricFilter == null ? "" : metricFilter;
        java.util.Set<String> owners = new java.util.TreeSet<>();
        java.util.Map<String, String> metrics = new java.util.TreeMap<>();
        java.util.Map<String, String> metricOfNeed = new java.util.HashMap<>();
        java.util.Map<String, java.util.Set<String>> ownersOfNeed = new java.util.HashMap<>();
        for (JsonNode c : b.path("cycles").findValues("owner")) {
            owners.add(c.path("name").asText("not named"));
        }
        for (String column : new String[] {"open", "inProgress", "improved", "closed"}) {
            for (JsonNode n : b.path("needs").path(column)) {
                String key = n.path("audit").asText() + "|" + n.path("metric").asText();
                metrics.put(key, catalogue.metricTitle(n.path("audit").asText(), n.path("metric").asText()));
                metricOfNeed.put(n.path("id").asText(), key);
                java.util.Set<String> names = new java.util.HashSet<>();
                n.path("cycles").forEach(c -> names.add(c.path("owner").path("name").asText("not named")));
                ownersOfNeed.put(n.path("id").asText(), names);
            }
        }
        List<Column> needs = new ArrayList<>();
        for (String[] column : new String[][] { {"open", "Waiting for an answer"}, {"inProgress", "PDSA cycle under way"},
            {"improved", "Improved"}, {"closed", "Closed by a decision"} }) {
            List<Item> items = new ArrayList<>();
            for (JsonNode n : b.path("needs").path(column[0])) {
                String id = n.path("id").asText();
                if ((!metric.isEmpty() && !metric.equals(metricOfNeed.get(id)))
                        || (!owner.isEmpty() && !ownersOfNeed.get(id).contains(owner))) {
                    continue;
                }
                String due = n.path("dueBy").asText("");
                boolean overdue = "open".equals(n.path("status").asText()) && !due.isEmpty()
                        && LocalDate.parse(due).isBefore(LocalDate.now());
                String when = switch (column[0]) {
                    case "open" -> (overdue ? "Overdue: answer was due by " : "Answer by ") + Words.day(due);
                    case "inProgress" -> "Opened " + Words.day(n.path("openedAt").asText(""));
                    case "improved" -> "Improved " + Words.day(n.path("improvedAt").asText(""));
                    default -> "Closed " + Words.day(n.path("updatedAt").asText(""));
                };
                items.add(new Item(catalogue.metricTitle(n.path("audit").asText(), n.path("metric").asText()), when,
                        "/needs/" + Links.encode(id), overdue));
            }
            needs.add(new Column(column[1], items));
        }
        List<Column> cycles = new ArrayList<>();
        for (String[] column : new String[][] { {"plan", "Plan"}, {"do", "Do"}, {"study", "Study"}, {"act", "Act (done)"} }) {
            List<Item> items = new ArrayList<>();
            for (JsonNode c : b.path("cycles").path(column[0])) {
                String name = c.path("owner").path("name").asText("not named");
                if ((!owner.isEmpty() && !owner.equals(name))
                        || (!metric.isEmpty() && !metric.equals(metricOfNeed.get(c.path("needId").asText())))) {
                    continue;
                }
                boolean late = !"act".equals(column[0]) && c.hasNonNull("plannedEnd")
                        && LocalDate.parse(c.path("plannedEnd").asText()).isBefore(LocalDate.now());
                items.add(new Item(c.path("title").asText(), "Owner " + name + (c.hasNonNull("plannedEnd")
                        ? (late ? ", past its planned end, " : ", planned to end ") + Words.day(c.path("plannedEnd").asText()) : ""),
                        "/cycles/" + Links.encode(c.path("id").asText()), late));
            }
            cycles.add(new Column(column[1], items));
        }
        List<Option> ownerOptions = new ArrayList<>();
        owners.forEach(o -> ownerOptions.add(new Option(o, o, o.equals(owner))));
        List<Option> metricOptions = new ArrayList<>();
        metrics.forEach((k, v) -> metricOptions.add(new Option(k, v, k.equals(metric))));
        return board.data("person", person).data("place", catalogue.placeName(org, microsystem)).data("needs", needs)
                .data("cycles", cycles).data("owners", ownerOptions).data("metrics", metricOptions)
                .data("microsystem", microsystem).data("filtered", !owner.isEmpty() || !metric.isEmpty())
                .data("current", "organisation");
    }

    @GET
    @Path("signed-out")
    public TemplateInstance signedOut() {
        return signedOut.instance();
    }
}
