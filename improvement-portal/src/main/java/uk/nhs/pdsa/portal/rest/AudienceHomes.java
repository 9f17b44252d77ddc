package uk.nhs.pdsa.portal.rest;

import static uk.nhs.pdsa.portal.view.Links.text;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import uk.nhs.pdsa.portal.client.FindingsApi;
import uk.nhs.pdsa.portal.client.ActionPlanApi;
import uk.nhs.pdsa.portal.client.NotificationApi;
import uk.nhs.pdsa.portal.view.Catalogue;
import uk.nhs.pdsa.portal.view.Links;
import uk.nhs.pdsa.portal.view.Person;
import uk.nhs.pdsa.portal.view.Words;

/**
 * The home page of people who do not work for a trust: a Royal College's audit lead (the findings of its
 * specialties' audits across trusts, as findings allows a college), a patient group's representative (the
 * published findings, in plain words) and the platform's admin (the contacts messages go to).
 */
@RequestScoped
public class AudienceHomes {
    /** A finding across trusts, for a college. */
    public record CollegeRow(String trust, String place, String metric, String audit, String what, String period,
            String finding, String funnel) {
    }

    /** A published finding, in plain words. */
    public record Published(String sentence, String since, String trust, String published) {
    }

    /** A contact messages go to. */
    public record ContactRow(String organisation, String name, String role, String channels, String delivery, String link) {
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
    NotificationApi notification;

    @Inject
    Template college;

    @Inject
    Template published;

    @Inject
    Template contacts;

    @Inject
    Template norole;

    @Inject
    Template oversight;

    @Inject
    @RestClient
    ActionPlanApi actionPlan;

    /** @param removed the name of a contact just removed (the contacts home says so), else null */
    public TemplateInstance home(String removed) {
        if (person.roles().contains("college")) {
            return collegeHome();
        }
        if (person.roles().contains("patient-group")) {
            return publishedHome();
        }
        if (person.roles().contains("national") || person.roles().contains("commissioner")) {
            return oversightHome(); // a commissioner: its member trusts only (action-plan answers those)
        }
        if (person.roles().contains("admin") || person.roles().contains("trust-admin")) {
            return contactsHome(removed);
        }
        return norole.data("person", person).data("current", "home");
    }

    private TemplateInstance collegeHome() {
        List<CollegeRow> rows = new ArrayList<>();
        for (JsonNode f : findings.findings(person.bearer(), null, "open", null, 200).path("items")) {
            String audit = f.path("audit").asText();
            String metric = f.path("metric").asText();
            boolean outlier = "outlier".equals(f.path("kind").asText());
            String organisation = f.path("organisation").asText();
            rows.add(new CollegeRow(catalogue.organisationName(organisation),
                    outlier ? "Whole trust" : catalogue.placeName(organisation, text(f, "microsystem")),
                    catalogue.metricTitle(audit, metric), catalogue.auditTitle(audit),
                    Words.findingKind(f.path("kind").asText(), f.path("orientation").asText()),
                    Words.period(f.path("period").asText()), "/findings/" + Links.encode(f.path("findingId").asText()),
                    outlier ? Links.funnel(audit, metric, f.path("period").asText()) : null));
        }
        return college.data("person", person).data("organisationName", catalogue.organisationName(person.organisation()))
                .data("rows", rows).data("current", "home");
    }

    private TemplateInstance publishedHome() {
        List<Published> items = new ArrayList<>();
        for (JsonNode p : notification.publications(person.bearer()).path("items")) {
            String trust = catalogue.organisationName(p.path("organisation").asText());
            JsonNode since = p.path("since");
            items.add(new Published(Words.published(trust, catalogue.metricTitle(p.path("audit").asText(),
                    p.path("metric").asText()), catalogue.auditTitle(p.path("audit").asText()),
                    Words.period(p.path("period").asText()), p.path("orientation").asText()),
                    Words.since(since.path("testsStarted").asInt(), since.path("testsFinished").asInt(),
                            since.path("adopted").asInt(), since.hasNonNull("improvedAt")), trust,
                    Words.day(p.path("publishedAt").asText(""))));
        }
        return published.data("person", person).data("items", items).data("current", "home");
    }

    /** A trust's improvement in numbers, for national oversight. */
    public record TrustProgress(String trust, int open, int overdue, int escalated, int inProgress, int closed,
            int improved, String medianDays, int adopted, int abandoned, String report, int openCases) {
    }

    private TemplateInstance oversightHome() {
        java.util.Map<String, Integer> openCases = new java.util.HashMap<>();
        for (JsonNode c : findings.outlierCases(person.bearer(), null)) {
            String stage = c.path("stage").asText();
            if (!"published".equals(stage) && !"closed".equals(stage)) {
                openCases.merge(c.path("organisation").asText(), 1, Integer::sum);
            }
        }
        List<TrustProgress> rows = new ArrayList<>();
        for (JsonNode r : actionPlan.oversight(person.bearer())) {
            rows.add(new TrustProgress(catalogue.organisationName(r.path("organisation").asText()), r.path("open").asInt(),
                    r.path("overdue").asInt(), r.path("escalated").asInt(), r.path("inProgress").asInt(),
                    r.path("closed").asInt(), r.path("improved").asInt(),
                    r.hasNonNull("medianDaysToAnswer") ? String.format(java.util.Locale.UK, "%.1f",
                            r.path("medianDaysToAnswer").asDouble()) : "None answered",
                    r.path("adopted").asInt(), r.path("abandoned").asInt(),
                    // national oversight drills down to a trust's year; a commissioner sees the numbers only
                    person.roles().contains("national") ? "/report?organisation="
                            + Links.encode(r.path("organisation").asText()) : null,
                    openCases.getOrDefault(r.path("organisation").asText(), 0)));
        }
        return oversight.data("person", person).data("rows", rows).data("current", "home");
    }

    private TemplateInstance contactsHome(String removed) {
        List<ContactRow> rows = new ArrayList<>();
        for (JsonNode c : notification.contacts(person.bearer()).path("items")) {
            List<String> channels = new ArrayList<>();
            if (c.hasNonNull("email")) {
                channels.add("email " + c.path("email").asText());
            }
            if (c.hasNonNull("webhookUrl")) {
                channels.add("webhook " + c.path("webhookUrl").asText()
                        + (c.hasNonNull("webhookDisabledAt") ? " (disabled)" : ""));
            }
            rows.add(new ContactRow(catalogue.organisationName(c.path("organisation").asText()), c.path("name").asText(""),
                    c.path("role").asText().replace('-', ' '), String.join("; ", channels),
                    "daily-digest".equals(c.path("delivery").asText()) ? "Daily summary" : "At once",
                    "/contacts/" + Links.encode(c.path("id").asText())));
        }
        return contacts.data("person", person).data("rows", rows).data("removed", removed)
                .data("organisationName", catalogue.organisationName(person.organisation())).data("current", "home");
    }
}
