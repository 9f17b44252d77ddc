package uk.nhs.pdsa.portal.rest;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

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
import uk.nhs.pdsa.portal.client.FindingsApi;
import uk.nhs.pdsa.portal.rest.Pages.Fact;
import uk.nhs.pdsa.portal.view.Catalogue;
import uk.nhs.pdsa.portal.view.FormErrors;
import uk.nhs.pdsa.portal.view.Links;
import uk.nhs.pdsa.portal.view.Person;
import uk.nhs.pdsa.portal.view.Words;

/**
 * Outlier cases of closed analysis periods, as the national audits run them: a trust's clinical lead reviews the
 * data behind its case (confirms them, or corrects them by resubmitting) and follows it to publication; national
 * oversight sees every trust's cases and takes the audit's steps. Each step posts the same JSON a system would,
 * with the person's token and the version they read, so findings' rules (whose step, in what order) hold.
 */
@Path("/outliers")
@Produces(MediaType.TEXT_HTML)
public class OutlierPages {
    /** A case in the list. */
    public record Row(String trust, String measure, String period, String level, String stage, String next,
            String due, boolean overdue, String link) {
    }

    /** A step in the case's history: when, what, who (a role, never a person). */
    public record Step(String on, String what, String by) {
    }

    /** A step the person may take now: the action the API knows, the button's words, whether it is the main one. */
    public record Action(String action, String label, boolean primary) {
    }

    @Inject
    Person person;

    @Inject
    Catalogue catalogue;

    @Inject
    @RestClient
    FindingsApi findings;

    @Inject
    Template outliers;

    @Inject
    Template outlier;

    @GET
    public TemplateInstance list() {
        List<Row> rows = new ArrayList<>();
        for (JsonNode c : findings.outlierCases(person.bearer(), null)) {
            String audit = c.path("audit").asText();
            rows.add(new Row(catalogue.organisationName(c.path("organisation").asText()),
                    catalogue.metricTitle(audit, c.path("metric").asText()) + " (" + catalogue.auditTitle(audit) + ")",
                    Words.period(c.path("period").asText()), Words.outlierCaseLevel(c.path("level").asText()),
                    Words.outlierStage(c.path("stage").asText()), Words.outlierRole(c.path("nextActor").asText()),
                    c.hasNonNull("dueBy") ? Words.day(c.path("dueBy").asText()) : "Nothing due",
                    c.path("overdue").asBoolean(), "/outliers/" + Links.encode(c.path("id").asText())));
        }
        return outliers.data("person", person).data("rows", rows).data("current", "outliers");
    }

    @GET
    @Path("{id}")
    public TemplateInstance show(@PathParam("id") String id) {
        return page(findings.outlierCase(person.bearer(), id), FormErrors.none());
    }

    @POST
    @Path("{id}/steps")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response step(@PathParam("id") String id, @BeanParam PostedForm posted) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("action", posted.action == null ? "" : posted.action);
        try {
            body.put("version", Integer.parseInt(posted.version == null ? "" : posted.version.strip()));
        } catch (NumberFormatException e) {
            // no version read: the service takes the step on the case as it is
        }
        try {
            findings.outlierStep(person.bearer(), id, body);
            return Response.seeOther(URI.create("/outliers/" + Links.encode(id))).build();
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status != 409 && status != 400) {
                throw e; // the error pages say these
            }
            FormErrors errors = FormErrors.of(FormErrors.problem(e), "steps");
            return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                    .entity(page(findings.outlierCase(person.bearer(), id), errors).render()).build();
        }
    }

    private TemplateInstance page(JsonNode c, FormErrors errors) {
        String audit = c.path("audit").asText();
        String organisation = c.path("organisation").asText();
        String metricTitle = catalogue.metricTitle(audit, c.path("metric").asText());
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Level", Words.outlierCaseLevel(c.path("level").asText())));
        boolean ratio = c.hasNonNull("expected");
        if (c.hasNonNull("value")) {
            facts.add(new Fact(ratio ? "Observed against expected" : "The trust's result",
                    Words.value(c.path("value").asDouble(), !ratio) + " (" + Words.counts(c)
                            + (ratio ? " for " + c.path("denominator").asLong() + " patients" : "") + ")"));
        }
        if (c.hasNonNull("target")) {
            facts.add(new Fact(ratio ? "As expected for the patients' risks" : "Across all trusts",
                    Words.value(c.path("target").asDouble(), !ratio)));
        }
        facts.add(new Fact("Where it stands", Words.outlierStage(c.path("stage").asText())));
        facts.add(new Fact("Who acts next", Words.outlierRole(c.path("nextActor").asText())));
        if (c.hasNonNull("dueBy")) {
            facts.add(new Fact("Due by", Words.day(c.path("dueBy").asText())
                    + (c.path("overdue").asBoolean() ? " (overdue)" : "")));
        }
        if (c.path("escalated").asBoolean()) {
            facts.add(new Fact("Escalated", "To the medical director: the deadline passed"));
        }
        if (c.path("reportedToRegulator").asBoolean()) {
            facts.add(new Fact("Reported", "To the Care Quality Commission: no response after the escalation"));
        }
        JsonNode response = c.path("response");
        if (response.isObject()) {
            facts.add(new Fact("The trust's response", ("cycle".equals(response.path("kind").asText())
                    ? "A PDSA cycle started on " : "A decision recorded with its reasons on ")
                    + Words.day(response.path("at").asText(""))));
        }
        List<Step> history = new ArrayList<>();
        for (JsonNode h : c.path("history")) {
            history.add(new Step(Words.day(h.path("on").asText("")), Words.outlierAction(h.path("action").asText()),
                    Words.outlierRole(h.path("by").asText())));
        }
        return outlier.data("person", person).data("id", c.path("id").asText()).data("version", c.path("version").asInt())
                .data("auditTitle", catalogue.auditTitle(audit)).data("metricTitle", metricTitle)
                .data("trust", catalogue.organisationName(organisation))
                .data("period", Words.period(c.path("period").asText())).data("facts", facts).data("history", history)
                .data("actions", actions(c, organisation)).data("clinicalLead", "data-review".equals(c.path("stage").asText()))
                .data("informed", "informed".equals(c.path("stage").asText())).data("errors", errors)
                .data("current", "outliers");
    }

    /** The steps this person may take at the case's stage: the audit's for national oversight, the data review for the trust. */
    private List<Action> actions(JsonNode c, String organisation) {
        boolean national = person.roles().contains("national");
        boolean lead = person.roles().contains("improvement-lead") && organisation.equals(person.organisation());
        boolean alarm = "alarm".equals(c.path("level").asText());
        return switch (c.path("stage").asText()) {
            case "provider-analysis" -> national
                    ? List.of(new Action("notify-clinical-lead", "Ask the trust's clinical lead to review the data", true))
                    : List.of();
            case "data-review" -> lead ? List.of(new Action("confirm-data", "Confirm the data are accurate", true),
                    new Action("correct-data", "The data are wrong: we will resubmit them", false)) : List.of();
            case "confirmed" -> national ? List.of(new Action("inform", "Tell the medical director and chief executive"
                    + (alarm ? ", and the Care Quality Commission" : ""), true)) : List.of();
            case "responded" -> national ? List.of(new Action("publish", "Publish the comparison", true)) : List.of();
            default -> List.of();
        };
    }
}
