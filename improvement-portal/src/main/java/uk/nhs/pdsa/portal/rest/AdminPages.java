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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import uk.nhs.pdsa.portal.client.NotificationApi;
import uk.nhs.pdsa.portal.view.Catalogue;
import uk.nhs.pdsa.portal.view.Form;
import uk.nhs.pdsa.portal.view.FormErrors;
import uk.nhs.pdsa.portal.view.Links;
import uk.nhs.pdsa.portal.view.Person;
import uk.nhs.pdsa.portal.view.Words;

/**
 * Who receives messages, for the platform's admin (every organisation) and a trust's administrator (its own): add,
 * change and remove a contact (email, signed webhook, delivery), see what it was sent with each message's status,
 * and send it a test message. The notification API decides who may.
 */
@Path("/contacts")
@Produces(MediaType.TEXT_HTML)
public class AdminPages {
    /** A role a contact may hold. */
    public record Role(String value, String label) {
    }

    /** A message sent to a contact. */
    public record Sent(String subject, String channel, String status, String when, String reason) {
    }

    static final List<Role> ROLES = List.of(new Role("clinical-lead", "Clinical lead"),
            new Role("medical-director", "Medical director"), new Role("chief-executive", "Chief executive"),
            new Role("audit-lead", "Audit lead"), new Role("improvement-lead", "Improvement lead"),
            new Role("college-audit-lead", "Royal College audit lead"),
            new Role("patient-representative", "Patient representative"));

    @Inject
    Person person;

    @Inject
    Catalogue catalogue;

    @Inject
    @RestClient
    NotificationApi notification;

    @Inject
    @io.quarkus.qute.Location("contact-new.html")
    Template contactNew;

    @Inject
    Template contact;

    @Inject
    @io.quarkus.qute.Location("contact-remove.html")
    Template contactRemove;

    @GET
    @Path("new")
    public TemplateInstance addForm() {
        return newPage(Form.empty().set("delivery", "immediate"), FormErrors.none());
    }

    private TemplateInstance newPage(Form form, FormErrors errors) {
        return formPage(null, form, errors);
    }

    /** The contact form: adding one ({@code id} null) or changing one. */
    private TemplateInstance formPage(String id, Form form, FormErrors errors) {
        return contactNew.data("person", person).data("roles", ROLES).data("form", form).data("errors", errors)
                .data("id", id).data("organisationName", catalogue.organisationName(person.organisation()))
                .data("current", "home");
    }

    /** The API's contact from the form; a trust's administrator's contacts are its own organisation's. */
    private ObjectNode contactBody(Form form) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        for (String field : new String[] {"organisation", "name", "role", "email", "webhookUrl", "webhookSecret", "delivery"}) {
            if (!form.get(field).isEmpty()) {
                body.put(field, field.equals("organisation") ? form.get(field).toUpperCase(java.util.Locale.ROOT)
                        : form.get(field));
            }
        }
        if (person.trustAdmin()) {
            body.put("organisation", person.organisation());
        }
        return body;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(@BeanParam PostedForm posted) {
        Form form = posted.toForm();
        try {
            JsonNode added = notification.addContact(person.bearer(), contactBody(form));
            return Response.seeOther(URI.create("/contacts/" + Links.encode(added.path("id").asText()))).build();
        } catch (WebApplicationException e) {
            return refused(e, null, form);
        }
    }

    /** A 400 shows the form again with its errors and what was typed; anything else is the error page's. */
    private Response refused(WebApplicationException e, String id, Form form) {
        if (e.getResponse().getStatus() != 400) {
            throw e;
        }
        return Response.status(400).type(MediaType.TEXT_HTML_TYPE)
                .entity(formPage(id, form, FormErrors.of(FormErrors.problem(e), id == null ? "organisation" : "name")).render())
                .build();
    }

    @GET
    @Path("{id}/edit")
    public TemplateInstance editForm(@PathParam("id") String id) {
        JsonNode c = notification.contact(person.bearer(), id);
        Form form = Form.empty();
        for (String field : new String[] {"organisation", "name", "role", "email", "webhookUrl", "delivery"}) {
            form.set(field, c.path(field).asText(""));
        }
        return formPage(id, form, FormErrors.none());
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response change(@PathParam("id") String id, @BeanParam PostedForm posted) {
        Form form = posted.toForm();
        ObjectNode body = contactBody(form);
        // The form does not show the event types and audits a contact may be limited to (set through the API): keep them.
        JsonNode now = notification.contact(person.bearer(), id);
        body.set("eventTypes", now.path("eventTypes"));
        body.set("audits", now.path("audits"));
        try {
            notification.replaceContact(person.bearer(), id, body);
            return Response.seeOther(URI.create("/contacts/" + Links.encode(id))).build();
        } catch (WebApplicationException e) {
            return refused(e, id, form);
        }
    }

    @GET
    @Path("{id}/remove")
    public TemplateInstance removeForm(@PathParam("id") String id) {
        JsonNode c = notification.contact(person.bearer(), id);
        return contactRemove.data("person", person).data("id", id).data("name", c.path("name").asText(""))
                .data("organisation", catalogue.organisationName(c.path("organisation").asText())).data("current", "home");
    }

    @POST
    @Path("{id}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove(@PathParam("id") String id, @BeanParam PostedForm posted) {
        String name = notification.contact(person.bearer(), id).path("name").asText("");
        notification.removeContact(person.bearer(), id);
        return Response.seeOther(URI.create("/?removed=" + Links.encode(name))).build();
    }

    @GET
    @Path("{id}")
    public TemplateInstance contact(@PathParam("id") String id, @QueryParam("sent") String sent) {
        JsonNode c = notification.contact(person.bearer(), id);
        List<Sent> history = new ArrayList<>();
        for (JsonNode n : notification.notifications(person.bearer(), id, 50).path("items")) {
            history.add(new Sent(n.path("subject").asText(), n.path("channel").asText(),
                    Words.deliveryStatus(n.path("status").asText()), Words.moment(n.path("updatedAt").asText("")),
                    n.path("reason").asText("")));
        }
        String role = ROLES.stream().filter(r -> r.value().equals(c.path("role").asText())).map(Role::label).findFirst()
                .orElse(c.path("role").asText());
        String template = switch (c.path("role").asText()) {
            case "college-audit-lead" -> "college/summary";
            case "patient-representative" -> "patient-group/publication";
            default -> "trust/finding";
        };
        List<String> sample = new ArrayList<>();
        for (String paragraph : notification.preview(person.bearer(), template.split("/")[0], template.split("/")[1], "text")
                .split("\\n\\s*\\n")) {
            if (!paragraph.isBlank()) {
                sample.add(paragraph.strip());
            }
        }
        return contact.data("person", person).data("id", id).data("sample", sample).data("name", c.path("name").asText(""))
                .data("organisation", catalogue.organisationName(c.path("organisation").asText())).data("role", role)
                .data("email", c.path("email").asText("")).data("webhook", c.path("webhookUrl").asText(""))
                .data("disabled", c.hasNonNull("webhookDisabledAt"))
                .data("delivery", "daily-digest".equals(c.path("delivery").asText()) ? "A daily summary" : "Each message at once")
                .data("history", history).data("sent", sent != null).data("current", "home");
    }

    @POST
    @Path("{id}/test-message")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response test(@PathParam("id") String id, @BeanParam PostedForm posted) {
        notification.testMessage(person.bearer(), id);
        return Response.seeOther(URI.create("/contacts/" + Links.encode(id) + "?sent=1")).build();
    }
}
