package uk.nhs.pdsa.portal.rest;

import static uk.nhs.pdsa.portal.view.Links.text;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import uk.nhs.pdsa.portal.client.ActionPlanApi;
import uk.nhs.pdsa.portal.client.FindingsApi;
import uk.nhs.pdsa.portal.rest.Pages.Fact;
import uk.nhs.pdsa.portal.view.Catalogue;
import uk.nhs.pdsa.portal.view.Changes;
import uk.nhs.pdsa.portal.view.Form;
import uk.nhs.pdsa.portal.view.FormErrors;
import uk.nhs.pdsa.portal.view.Links;
import uk.nhs.pdsa.portal.view.Person;
import uk.nhs.pdsa.portal.view.Words;
import uk.nhs.pdsa.portal.view.Worksheet;

/**
 * Improvement work in the browser: a need answered by a decision or by planning a cycle, a cycle's Do, Study and
 * Act, the owner's handover, the ramp. Every form posts here (with its CSRF token); the portal sends the API the
 * same JSON a trust system would, with the person's token and the version they read ({@code If-Match}), so the
 * service's rules and its optimistic locking hold: a 400 comes back as the form with its errors and what was
 * typed, a 412 as the page that says who changed the cycle since it was opened.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class WorkPages {
    /** A measure the plan may move: a series of the need's organisation, as a checkbox. */
    public record Choice(String value, String label) {
    }

    /** A row of questions and of team members on the plan form: its number and its fields' names. */
    public record Row(int number, String question, String prediction, String teamName, String teamRole) {
        static List<Row> all() {
            return first(Worksheet.ROWS);
        }

        static List<Row> team() {
            return first(Worksheet.TEAM_ROWS);
        }

        private static List<Row> first(int count) {
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                rows.add(new Row(i + 1, "question" + i, "prediction" + i, "teamName" + i, "teamRole" + i));
            }
            return rows;
        }
    }

    /** A finding in a need's evidence. */
    public record Evidence(String what, String period, String status, String link) {
    }

    /** A cycle in a list: its page, its title, where it stands. */
    public record CycleLink(int sequence, String title, String stage, String owner, String decision, String score,
            String suggested, String link) {
    }

    /** The answer of an API call: its body, or the status and problem it refused with. */
    record Answer(JsonNode body, int status, JsonNode problem) {
        boolean ok() {
            return status < 300;
        }
    }

    @Inject
    Person person;

    @Inject
    Catalogue catalogue;

    @Inject
    @RestClient
    ActionPlanApi actionPlan;

    @Inject
    @RestClient
    FindingsApi findings;

    @Inject
    Template need;

    @Inject
    Template plan;

    @Inject
    Template cycle;

    @Inject
    Template conflict;

    @Inject
    Template ramp;

    // ------------------------------------------------------------------------------------------- improvement need

    @GET
    @Path("needs/{id}")
    public TemplateInstance need(@PathParam("id") String id) {
        return needPage(actionPlan.need(person.bearer(), id), Form.empty(), FormErrors.none());
    }

    private TemplateInstance needPage(JsonNode n, Form form, FormErrors errors) {
        String audit = n.path("audit").asText();
        String metric = n.path("metric").asText();
        String organisation = n.path("organisation").asText();
        String microsystem = text(n, "microsystem");
        String status = n.path("status").asText();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Status", Words.needStatus(status)));
        facts.add(new Fact("Opened", Words.day(n.path("openedAt").asText(""))));
        facts.add(new Fact("Answer by", Words.day(n.path("dueBy").asText(""))));
        if (n.hasNonNull("escalation")) {
            facts.add(new Fact("Escalated", Words.escalation(n.path("escalation"))));
        }
        if (n.hasNonNull("answer")) {
            facts.add(new Fact("Answered", Words.answer(n.path("answer"))));
        }
        List<Evidence> evidence = new ArrayList<>();
        for (JsonNode e : n.path("evidence")) {
            boolean outlierCase = "outlier-case".equals(e.path("kind").asText());
            evidence.add(new Evidence(outlierCase ? "Outlier case: " + Words.outlierCaseLevel(text(e, "variation"))
                    : Words.variation(text(e, "variation")), Words.period(e.path("period").asText()),
                    "open".equals(e.path("status").asText()) ? "Stands now" : "Resolved",
                    (outlierCase ? "/outliers/" : "/findings/") + Links.encode(e.path("findingId").asText())));
        }
        List<CycleLink> cycles = cycles(n.path("cycles"));
        JsonNode array = JsonNodeFactory.instance.arrayNode().add(n);
        List<String> labels = labels(audit, metric, organisation, microsystem);
        StringBuilder picture = new StringBuilder("/chart.svg?").append(Links.series(audit, metric, organisation, microsystem));
        Changes.of(array, audit, metric, microsystem, labels).forEach(c -> picture.append("&note=").append(Links.encode(c.note())));
        return need.data("person", person).data("id", n.path("id").asText()).data("version", n.path("version").asInt())
                .data("metricTitle", catalogue.metricTitle(audit, metric)).data("auditTitle", catalogue.auditTitle(audit))
                .data("place", catalogue.placeName(organisation, microsystem)).data("facts", facts)
                .data("evidence", evidence).data("cycles", cycles).data("open", "open".equals(status))
                .data("picture", labels.isEmpty() ? null : picture.toString())
                .data("chart", Links.chart(audit, metric, organisation, microsystem))
                .data("form", form).data("errors", errors).data("current", "home");
    }

    @POST
    @Path("needs/{id}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@PathParam("id") String id, @BeanParam PostedForm posted) {
        Form form = posted.toForm();
        Answer answer = call(() -> actionPlan.decide(person.bearer(), quoted(form.get("version")), id,
                Worksheet.decision(form)));
        if (answer.ok()) {
            return seeOther("/needs/" + Links.encode(id));
        }
        if (answer.status() == 412) {
            return conflictPage("improvement need", actionPlan.need(person.bearer(), id), "/needs/" + Links.encode(id),
                    List.of(new Fact("Rationale", form.get("rationale"))), needHistoryLatest(id));
        }
        return page(answer.status(), needPage(actionPlan.need(person.bearer(), id), form,
                FormErrors.of(answer.problem(), "rationale")));
    }

    // ------------------------------------------------------------------------------------------------- plan

    @GET
    @Path("needs/{id}/plan")
    public TemplateInstance planForNeed(@PathParam("id") String id) {
        JsonNode n = actionPlan.need(person.bearer(), id);
        Form form = Form.empty().set("needId", id).add("measure", Worksheet.measure(n));
        return planPage(n, form, FormErrors.none());
    }

    @GET
    @Path("cycles/{id}/next")
    public TemplateInstance planNext(@PathParam("id") String id) {
        JsonNode c = actionPlan.cycle(person.bearer(), id);
        return planPage(actionPlan.need(person.bearer(), c.path("needId").asText()), Worksheet.nextAfter(c),
                FormErrors.none());
    }

    @POST
    @Path("cycles")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response planCycle(@BeanParam PostedForm posted) {
        Form form = posted.toForm();
        ObjectNode body = Worksheet.plan(form);
        Answer answer = call(() -> actionPlan.plan(person.bearer(), body));
        if (answer.ok()) {
            return seeOther("/cycles/" + Links.encode(answer.body().path("id").asText()));
        }
        String needId = !form.get("needId").isEmpty() ? form.get("needId")
                : actionPlan.cycle(person.bearer(), form.get("follows")).path("needId").asText();
        return page(answer.status(), planPage(actionPlan.need(person.bearer(), needId), form,
                FormErrors.of(answer.problem(), "title")));
    }

    private TemplateInstance planPage(JsonNode n, Form form, FormErrors errors) {
        String organisation = n.path("organisation").asText();
        String microsystem = text(n, "microsystem");
        List<Choice> measures = new ArrayList<>();
        measures.add(choice(n));
        for (JsonNode s : findings.series(person.bearer(), organisation).path("items")) {
            boolean samePlace = java.util.Objects.equals(microsystem, text(s, "microsystem"));
            Choice c = choice(s);
            if (samePlace && measures.stream().noneMatch(m -> m.value().equals(c.value()))) {
                measures.add(c);
            }
        }
        String next = form.get("follows");
        return plan.data("person", person).data("needId", n.path("id").asText())
                .data("metricTitle", catalogue.metricTitle(n.path("audit").asText(), n.path("metric").asText()))
                .data("place", catalogue.placeName(organisation, microsystem)).data("measures", measures)
                .data("rows", Row.all()).data("teamRows", Row.team()).data("next", !next.isEmpty()).data("form", form).data("errors", errors)
                .data("current", "home");
    }

    private Choice choice(JsonNode series) {
        String audit = series.path("audit").asText();
        String metric = series.path("metric").asText();
        return new Choice(Worksheet.measure(series), catalogue.metricTitle(audit, metric) + " at "
                + catalogue.placeName(series.path("organisation").asText(), text(series, "microsystem")) + " ("
                + catalogue.auditTitle(audit) + ")");
    }

    // ------------------------------------------------------------------------------------------------ cycle

    @GET
    @Path("cycles/{id}")
    public TemplateInstance cycle(@PathParam("id") String id) {
        return cyclePage(actionPlan.cycle(person.bearer(), id), Form.empty(), FormErrors.none());
    }

    @POST
    @Path("cycles/{id}/{stage: do|study|act}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response record(@PathParam("id") String id, @PathParam("stage") String stage,
            @BeanParam PostedForm posted) {
        Form form = posted.toForm();
        ObjectNode body = switch (stage) {
            case "do" -> Worksheet.doRecord(form);
            case "study" -> Worksheet.study(form);
            default -> Worksheet.act(form);
        };
        Answer answer = call(() -> actionPlan.record(person.bearer(), quoted(form.get("version")), id, stage, body));
        return afterCycleWrite(id, form, answer, stage, body);
    }

    /** The owner's handover or the team's change. */
    @POST
    @Path("cycles/{id}/{part: owner|team}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response replace(@PathParam("id") String id, @PathParam("part") String part, @BeanParam PostedForm posted) {
        Form form = posted.toForm();
        ObjectNode body = "owner".equals(part) ? Worksheet.handOver(form) : Worksheet.team(form);
        Answer answer = call(() -> actionPlan.replace(person.bearer(), quoted(form.get("version")), id, part, body));
        return afterCycleWrite(id, form, answer, part, body);
    }

    /**
     * After an adopted change, the ward's chart gets new limits from the month the change was made: later months are
     * judged against the new level. findings keeps who, why and the cycle; the chart page shows the new segment.
     */
    @POST
    @Path("cycles/{id}/rebase")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rebase(@PathParam("id") String id, @BeanParam PostedForm posted) {
        JsonNode c = actionPlan.cycle(person.bearer(), id);
        Rebase r = rebaseOf(c);
        if (r == null || r.done() != null) {
            return seeOther("/cycles/" + Links.encode(id) + "#rebase");
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("audit", r.audit()).put("metric", r.metric()).put("organisation", r.organisation())
                .put("microsystem", r.microsystem()).put("period", r.period())
                .put("reason", "Adopted: " + c.path("title").asText() + " (PDSA cycle " + c.path("sequence").asInt() + ")")
                .put("cycleId", id);
        Answer answer = call(() -> findings.rebase(person.bearer(), body));
        if (answer.ok() || answer.status() == 409) {
            return seeOther(Links.chart(r.audit(), r.metric(), r.organisation(), r.microsystem()));
        }
        return page(answer.status(), cyclePage(c, Form.empty().set("form", "rebase"), FormErrors.of(answer.problem(), "rebase")));
    }

    /** Undo this cycle's rebase of its ward chart: the chart's limits come from the whole series again. */
    @POST
    @Path("cycles/{id}/rebase/undo")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response undoRebase(@PathParam("id") String id, @BeanParam PostedForm posted) {
        Rebase r = rebaseOf(actionPlan.cycle(person.bearer(), id));
        if (r != null && r.rebaseId() != null) {
            findings.undoRebase(person.bearer(), r.rebaseId());
        }
        return seeOther("/cycles/" + Links.encode(id) + "#rebase");
    }

    /**
     * An adopted cycle's offer to rebase its first measure's ward chart: where, from when, and whether it was done
     * ({@code done} the day, {@code rebaseId} the rebase to undo).
     */
    record Rebase(String audit, String metric, String organisation, String microsystem, String period, String month,
            String done, String rebaseId) {
    }

    private Rebase rebaseOf(JsonNode c) {
        JsonNode m = c.path("plan").path("measures").path(0);
        if (!"adopt".equals(c.path("actDecision").asText()) || !c.path("doRecord").hasNonNull("changeDate")
                || !m.hasNonNull("microsystem") || !person.roles().contains("improvement-lead")) {
            return null;
        }
        String audit = m.path("audit").asText();
        String metric = m.path("metric").asText();
        String organisation = m.path("organisation").asText();
        String microsystem = m.path("microsystem").asText();
        List<String> labels = labels(audit, metric, organisation, microsystem);
        String period = Changes.periodOf(java.time.LocalDate.parse(c.path("doRecord").path("changeDate").asText()), labels);
        if (period == null || labels.indexOf(period) <= 0) {
            return null;
        }
        String done = null;
        String rebaseId = null;
        for (JsonNode r : findings.rebases(person.bearer(), audit, metric, microsystem)) {
            if (period.equals(r.path("period").asText()) && !r.hasNonNull("removedAt")) {
                done = Words.day(r.path("createdAt").asText(""));
                rebaseId = r.path("id").asText();
            }
        }
        return new Rebase(audit, metric, organisation, microsystem, period, Words.period(period), done, rebaseId);
    }

    private Response afterCycleWrite(String id, Form form, Answer answer, String what, ObjectNode sent) {
        if (answer.ok()) {
            return seeOther("/cycles/" + Links.encode(id) + "#" + what);
        }
        JsonNode now = actionPlan.cycle(person.bearer(), id);
        if (answer.status() == 412) {
            List<Fact> yours = new ArrayList<>();
            sent.fields().forEachRemaining(f -> yours.add(fact(f.getKey(), f.getValue())));
            return conflictPage("PDSA cycle", now, "/cycles/" + Links.encode(id), yours, cycleHistoryLatest(id));
        }
        return page(answer.status(), cyclePage(now, form.set("form", what), FormErrors.of(answer.problem(),
                firstField(what))));
    }

    private static String firstField(String stage) {
        return switch (stage) {
            case "do" -> "changeDate";
            case "study" -> "comparison";
            case "owner" -> "ownerName";
            case "team" -> "teamName0";
            default -> "decision";
        };
    }

    private TemplateInstance cyclePage(JsonNode c, Form form, FormErrors errors) {
        JsonNode p = c.path("plan");
        if (!"team".equals(form.get("form"))) {
            Worksheet.withTeam(form, p); // the team form starts from the team as it is
        }
        List<String> next = new ArrayList<>();
        c.path("next").forEach(s -> next.add(s.asText()));
        List<Fact> planFacts = new ArrayList<>();
        planFacts.add(new Fact("Objective", p.path("objective").asText("")));
        planFacts.add(new Fact("Change idea", p.path("changeIdea").asText("")));
        for (JsonNode q : p.path("predictions")) {
            planFacts.add(new Fact("Question: " + q.path("question").asText(), "Prediction: " + q.path("prediction").asText()));
        }
        List<String> measureNames = new ArrayList<>();
        for (JsonNode m : p.path("measures")) {
            measureNames.add(catalogue.metricTitle(m.path("audit").asText(), m.path("metric").asText()) + " at "
                    + catalogue.placeName(m.path("organisation").asText(), text(m, "microsystem")));
        }
        planFacts.add(new Fact("Measures", String.join("; ", measureNames)));
        JsonNode data = p.path("dataCollection");
        planFacts.add(new Fact("Data collection", "Who: " + data.path("who").asText("-") + ". What: "
                + data.path("what").asText("-") + ". When: " + data.path("when").asText("-") + ". Where: "
                + data.path("where").asText("-") + "."));
        List<String> team = new ArrayList<>();
        p.path("team").forEach(t -> team.add(t.path("name").asText() + (t.hasNonNull("role") ? " (" + t.path("role").asText() + ")" : "")));
        planFacts.add(new Fact("Team", team.isEmpty() ? "None named" : String.join(", ", team)));
        planFacts.add(new Fact("Planned", Words.day(p.path("plannedStart").asText("")) + " to "
                + Words.day(p.path("plannedEnd").asText(""))));
        List<Fact> doFacts = facts(c.path("doRecord"), "changeDate", "whatWasDone", "problems", "observations");
        List<Fact> studyFacts = facts(c.path("study"), "comparison", "learning");
        List<Fact> evidence = new ArrayList<>();
        for (JsonNode e : c.path("study").path("evidence")) {
            evidence.add(new Fact(catalogue.metricTitle(e.path("measure").path("audit").asText(),
                    e.path("measure").path("metric").asText()), Words.evidence(e)));
        }
        List<Fact> actFacts = facts(c.path("act"), "decision", "rationale", "teamScore");
        // The chart of the first measure, with this cycle's change marked once it is made.
        String picture = null;
        JsonNode first = p.path("measures").path(0);
        if (!first.isMissingNode()) {
            String audit = first.path("audit").asText();
            String metric = first.path("metric").asText();
            String organisation = first.path("organisation").asText();
            String microsystem = text(first, "microsystem");
            StringBuilder url = new StringBuilder("/chart.svg?").append(Links.series(audit, metric, organisation, microsystem));
            if (c.path("doRecord").hasNonNull("changeDate")) {
                String label = Changes.periodOf(java.time.LocalDate.parse(c.path("doRecord").path("changeDate").asText()),
                        labels(audit, metric, organisation, microsystem));
                if (label != null) {
                    url.append("&note=").append(Links.encode(label + ":Change made (cycle " + c.path("sequence").asInt() + ")"));
                }
            }
            picture = url.toString();
        }
        JsonNode owner = c.path("owner");
        return cycle.data("person", person).data("id", c.path("id").asText()).data("version", c.path("version").asInt())
                .data("title", c.path("title").asText()).data("sequence", c.path("sequence").asInt())
                .data("stage", c.path("stage").asText()).data("stageWords", Words.cycleWaits(c.path("stage").asText()))
                .data("owner", owner.path("name").asText("not named") + (owner.hasNonNull("role") ? " (" + owner.path("role").asText() + ")" : ""))
                .data("needId", c.path("needId").asText())
                .data("place", catalogue.placeName(c.path("organisation").asText(), text(c, "microsystem")))
                .data("planFacts", planFacts).data("doFacts", doFacts).data("studyFacts", studyFacts)
                .data("evidence", evidence).data("actFacts", actFacts)
                .data("suggested", String.format(java.util.Locale.UK, "%.1f", c.path("suggestedScore").asDouble()))
                .data("suggestedWords", Words.score(c.path("suggestedScore").asDouble()))
                .data("canDo", next.contains("do")).data("canStudy", next.contains("study")).data("canAct", next.contains("act"))
                .data("canHandOver", next.contains("owner")).data("canChangeTeam", next.contains("team"))
                .data("teamRows", Row.team())
                .data("canPlanNext", "act".equals(c.path("stage").asText()) && !"abandon".equals(c.path("actDecision").asText())
                        && !c.hasNonNull("nextCycleId"))
                .data("picture", picture).data("rebase", rebaseOf(c))
                .data("chartLink", first.isMissingNode() ? null : Links.chart(first.path("audit").asText(),
                        first.path("metric").asText(), first.path("organisation").asText(), text(first, "microsystem")))
                .data("form", form).data("errors", errors)
                .data("stageForm", form.get("form")).data("current", "home");
    }

    private static List<Fact> facts(JsonNode record, String... fields) {
        List<Fact> facts = new ArrayList<>();
        if (record.isMissingNode() || record.isNull()) {
            return facts;
        }
        for (String field : fields) {
            if (record.hasNonNull(field)) {
                String value = record.path(field).asText();
                facts.add(new Fact(Words.field(field), field.endsWith("Date") ? Words.day(value) : Words.decision(value)));
            }
        }
        return facts;
    }

    // ------------------------------------------------------------------------------------------------- ramp

    @GET
    @Path("cycles/{id}/ramp")
    public TemplateInstance ramp(@PathParam("id") String id) {
        JsonNode r = actionPlan.ramp(person.bearer(), id);
        List<CycleLink> steps = new ArrayList<>();
        for (JsonNode s : r.path("cycles")) {
            steps.add(new CycleLink(s.path("sequence").asInt(), s.path("title").asText(), Words.cycleWaits(s.path("stage").asText()),
                    s.path("changeIdea").asText(""), s.hasNonNull("actDecision") ? Words.decision(s.path("actDecision").asText())
                            + (s.hasNonNull("actRationale") ? ": " + s.path("actRationale").asText() : "") : "Not yet decided",
                    s.hasNonNull("teamScore") ? String.format(java.util.Locale.UK, "%.1f", s.path("teamScore").asDouble()) : "Not given",
                    String.format(java.util.Locale.UK, "%.1f", s.path("suggestedScore").asDouble()),
                    "/cycles/" + Links.encode(s.path("id").asText())));
        }
        return ramp.data("person", person).data("status", Words.rampStatus(r.path("status").asText()))
                .data("place", catalogue.placeName(r.path("organisation").asText(), text(r, "microsystem")))
                .data("needId", r.path("needId").asText()).data("steps", steps).data("current", "home");
    }

    // ------------------------------------------------------------------------------------------------ common

    private List<CycleLink> cycles(JsonNode summaries) {
        List<CycleLink> cycles = new ArrayList<>();
        for (JsonNode s : summaries) {
            cycles.add(new CycleLink(s.path("sequence").asInt(), s.path("title").asText(), Words.cycleWaits(s.path("stage").asText()),
                    s.path("owner").path("name").asText("not named"), s.hasNonNull("actDecision")
                            ? Words.decision(s.path("actDecision").asText()) : "", "", "",
                    "/cycles/" + Links.encode(s.path("id").asText())));
        }
        return cycles;
    }

    /** The chart's period labels, oldest first; none when findings holds no series for it. */
    private List<String> labels(String audit, String metric, String organisation, String microsystem) {
        List<String> labels = new ArrayList<>();
        try {
            findings.chart(person.bearer(), audit, metric, organisation, microsystem).path("points")
                    .forEach(p -> labels.add(p.path("label").asText()));
        } catch (WebApplicationException e) {
            // no chart yet: the page shows none
        }
        return labels;
    }

    private JsonNode needHistoryLatest(String id) {
        JsonNode history = actionPlan.needHistory(person.bearer(), id);
        return history.path(history.size() - 1);
    }

    private JsonNode cycleHistoryLatest(String id) {
        JsonNode history = actionPlan.cycleHistory(person.bearer(), id);
        return history.path(history.size() - 1);
    }

    /** "Changed by <who> at <when> since you opened it": both versions side by side, nothing overwritten. */
    private Response conflictPage(String what, JsonNode now, String address, List<Fact> yours, JsonNode latest) {
        String who = latest.hasNonNull("actorName") ? latest.path("actorName").asText() : Words.actor(text(latest, "actor"));
        List<Fact> theirs = new ArrayList<>();
        theirs.add(new Fact("What they did", Words.cycleAction(latest.path("action").asText())));
        latest.path("details").fields().forEachRemaining(f -> {
            if (!f.getValue().isNull() && !f.getKey().startsWith("recorded")) {
                theirs.add(fact(f.getKey(), f.getValue()));
            }
        });
        theirs.add(new Fact("Where it stands now", now.has("stage") ? Words.cycleWaits(now.path("stage").asText())
                : Words.needStatus(now.path("status").asText())));
        return Response.status(409).type(MediaType.TEXT_HTML_TYPE).entity(conflict.data("person", person).data("what", what)
                .data("who", who).data("when", Words.moment(latest.path("at").asText(""))).data("yours", yours)
                .data("theirs", theirs).data("address", address).data("current", "home").render()).build();
    }

    /** One recorded value in words: a person by name, a date as a day, a decision explained. */
    private static Fact fact(String field, JsonNode value) {
        if (value.isArray()) {
            List<String> names = new ArrayList<>();
            value.forEach(v -> names.add(v.path("name").asText()));
            return new Fact(Words.field(field), names.isEmpty() ? "Nobody" : String.join(", ", names));
        }
        String text = value.isObject() ? value.path("name").asText() : value.asText();
        return new Fact(Words.field(field), field.endsWith("Date") ? Words.day(text) : Words.decision(text));
    }

    private Answer call(Supplier<JsonNode> request) {
        try {
            return new Answer(request.get(), 200, null);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 404 || status == 403 || status >= 500) {
                throw e; // the error pages say these
            }
            return new Answer(null, status, FormErrors.problem(e));
        }
    }

    private static String quoted(String version) {
        return "\"" + version.replace("\"", "") + "\"";
    }

    private static Response seeOther(String address) {
        return Response.seeOther(URI.create(address)).build();
    }

    private static Response page(int status, TemplateInstance page) {
        return Response.status(status == 409 ? 409 : 400).type(MediaType.TEXT_HTML_TYPE).entity(page.render()).build();
    }
}
