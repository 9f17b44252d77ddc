package uk.nhs.pdsa.notification.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.transaction.Transactional;
import uk.nhs.pdsa.notification.Contact;
import uk.nhs.pdsa.notification.model.ContactRequest;
import uk.nhs.pdsa.notification.service.ContactService;
import uk.nhs.pdsa.notification.service.TestMessages;
import uk.nhs.pdsa.runtime.rest.PageView;
import uk.nhs.pdsa.runtime.problem.ProblemException;
import uk.nhs.pdsa.runtime.security.Caller;
import uk.nhs.pdsa.runtime.security.Roles;

@Path("/api/v1/contacts")
@Tag(name = "Contacts", description = "Who each organisation wants told, in which role, on which channels")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.TRUST_ADMIN })
public class ContactResource {
    private final ContactService contacts;
    private final TestMessages tests;
    private final Caller caller;

    public ContactResource(ContactService contacts, TestMessages tests, Caller caller) {
        this.contacts = contacts;
        this.tests = tests;
        this.caller = caller;
    }

    /** The platform's admin reaches every contact; a trust's admin its own organisation's only (others: 404). */
    private Contact reachable(UUID id) {
        Contact c = contacts.get(id);
        if (!caller.has(Roles.ADMIN)) {
            caller.requireOwn(c.organisation, "No contact " + id, Roles.TRUST_ADMIN);
        }
        return c;
    }

    /** A trust's admin adds and changes contacts of its own organisation only. */
    private void mayWrite(ContactRequest request) {
        String organisation = request == null || request.organisation() == null ? null : request.organisation().trim();
        if (!caller.has(Roles.ADMIN) && organisation != null && !organisation.isEmpty()
                && !organisation.equals(caller.organisation())) {
            throw ProblemException.forbidden("A trust's administrator manages its own organisation's contacts only ("
                    + caller.organisation() + ")");
        }
    }

    @Schema(name = "Contact", example = """
            {"id": "5b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d", "version": 1, "organisation": "RXH", "name": "Dr C Lead",
             "role": "clinical-lead", "email": "c.lead@nhs.net", "webhookUrl": null, "webhookDisabledAt": null,
             "eventTypes": [], "audits": [], "delivery": "immediate",
             "createdAt": "2026-01-05T09:00:00Z", "updatedAt": "2026-01-05T09:00:00Z"}""")
    public record ContactView(UUID id, int version, String organisation, String name, String role, String email,
            String webhookUrl, Instant webhookDisabledAt, List<String> eventTypes, List<String> audits, String delivery,
            Instant createdAt, Instant updatedAt) {
        static ContactView of(Contact c) {
            return new ContactView(c.id, c.version, c.organisation, c.name, c.role, c.email, c.webhookUrl,
                    c.webhookDisabledAt, c.eventTypes, c.audits, c.delivery, c.createdAt, c.updatedAt);
        }
    }

    @GET
    @Operation(summary = "Contacts, by organisation and role")
    @APIResponse(responseCode = "200", description = "A page of the contacts (webhook secrets are never shown)")
    public PageView<ContactView> list(@QueryParam("organisation") String organisation, @QueryParam("role") String role,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("100") int size) {
        uk.nhs.pdsa.runtime.rest.FilterRules.check().organisation("organisation", organisation)
                .oneOf("role", role, uk.nhs.pdsa.notification.routing.ContactRoles.ALL).orRefuse();
        PageView.check(page, size, 500);
        if (!caller.has(Roles.ADMIN)) {
            if (caller.asksForAnother(organisation)) {
                return new PageView<>(page, size, 0, List.of()); // a trust's admin lists its own contacts only
            }
            organisation = caller.organisation();
        }
        return PageView.of(contacts.list(organisation, role).stream().map(ContactView::of).toList(), page, size);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One contact")
    @APIResponse(responseCode = "200", description = "The contact")
    @APIResponse(responseCode = "404", description = "No such contact")
    public ContactView get(@PathParam("id") UUID id) {
        return ContactView.of(reachable(id));
    }

    /** The notifications a test message was recorded as. */
    @Schema(name = "TestMessage", example = """
            {"notifications": ["7c9e6679-7425-40de-944b-e07fc1f90ae7"]}""")
    public record TestMessage(List<UUID> notifications) {
    }

    @POST
    @Path("/{id}/test-message")
    @Transactional
    @Operation(summary = "Send the contact a test message on each of its channels (email, webhook)",
            description = "Delivered and logged like any message (event type test): its status is in /api/v1/notifications.")
    @APIResponse(responseCode = "202", description = "Recorded; delivery follows at once",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = TestMessage.class)))
    @APIResponse(responseCode = "404", description = "No such contact")
    public Response testMessage(@PathParam("id") UUID id) {
        return Response.accepted(new TestMessage(tests.send(reachable(id)))).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a contact: a role at an organisation, an email address and/or a signed webhook, preferences")
    @APIResponse(responseCode = "201", description = "Added; Location header",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = ContactView.class)))
    @APIResponse(responseCode = "400", description = "Every invalid field by JSON pointer")
    public RestResponse<ContactView> create(ContactRequest request) {
        mayWrite(request);
        Contact c = contacts.create(request);
        return RestResponse.ResponseBuilder.<ContactView>created(URI.create("/api/v1/contacts/" + c.id))
                .entity(ContactView.of(c)).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a contact (setting a webhook URL again re-enables an endpoint that answered 410)")
    @APIResponse(responseCode = "200", description = "Replaced")
    @APIResponse(responseCode = "400", description = "Every invalid field by JSON pointer")
    @APIResponse(responseCode = "404", description = "No such contact")
    public ContactView replace(@PathParam("id") UUID id, ContactRequest request) {
        reachable(id);
        mayWrite(request);
        return ContactView.of(contacts.replace(id, request));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a contact (its past notifications stay in the log)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such contact")
    public void delete(@PathParam("id") UUID id) {
        reachable(id);
        contacts.delete(id);
    }
}
