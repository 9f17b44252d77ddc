package uk.nhs.pdsa.notification.rest;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.notification.Contact;
import uk.nhs.pdsa.notification.routing.Roles;
import uk.nhs.pdsa.runtime.problem.Problem;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;
import uk.nhs.pdsa.runtime.rest.QueryFilter;

@Path("/api/v1/contacts")
@Tag(name = "Contacts", description = "Who each organisation wants told, in which role, on which channels")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(uk.nhs.pdsa.runtime.security.Roles.ADMIN)
public class ContactResource {
    private static final Set<String> EVENT_TYPES = java.util.Arrays.stream(EventType.values()).map(EventType::ceType)
            .collect(Collectors.toSet());

    private final boolean allowHttpWebhooks;

    public ContactResource(@ConfigProperty(name = "pdsa.contacts.allow-http-webhooks") boolean allowHttpWebhooks) {
        this.allowHttpWebhooks = allowHttpWebhooks;
    }

    @Schema(name = "ContactRequest", example = """
            {"organisation": "RXH", "name": "Dr C Lead", "role": "clinical-lead", "email": "c.lead@nhs.net",
             "eventTypes": ["nhs.pdsa.finding.raised.v1"], "audits": ["nhfd"], "delivery": "immediate"}""")
    public record ContactRequest(String organisation, String name, String role, String email, String webhookUrl,
            String webhookSecret, List<String> eventTypes, List<String> audits, String delivery) {
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
    @APIResponse(responseCode = "200", description = "The contacts (webhook secrets are never shown)")
    @Transactional
    public List<ContactView> list(@QueryParam("organisation") String organisation, @QueryParam("role") String role) {
        QueryFilter filter = new QueryFilter().equal("organisation", organisation).equal("role", role);
        return Contact.<Contact>find(filter.orderedBy("organisation, role, createdAt"), filter.parameters()).page(0, 1000)
                .list().stream().map(ContactView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One contact")
    @APIResponse(responseCode = "200", description = "The contact")
    @APIResponse(responseCode = "404", description = "No such contact", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Transactional
    public ContactView get(@PathParam("id") UUID id) {
        return ContactView.of(find(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a contact: a role at an organisation, an email address and/or a signed webhook, preferences")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContactRequest.class),
            examples = @ExampleObject(name = "clinical-lead", value = """
                    {"organisation": "RXH", "name": "Dr C Lead", "role": "clinical-lead", "email": "c.lead@nhs.net",
                     "eventTypes": [], "audits": ["nhfd"], "delivery": "immediate"}""")))
    @APIResponse(responseCode = "201", description = "Added; Location header")
    @APIResponse(responseCode = "400", description = "Every invalid field by JSON pointer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Transactional
    public RestResponse<ContactView> create(ContactRequest request) {
        validate(request);
        Contact c = new Contact();
        c.id = UUID.randomUUID();
        c.version = 1;
        c.createdAt = Instant.now();
        apply(c, request);
        c.persist();
        return RestResponse.ResponseBuilder.<ContactView>created(URI.create("/api/v1/contacts/" + c.id))
                .entity(ContactView.of(c)).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a contact (setting a webhook URL again re-enables an endpoint that answered 410)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContactRequest.class),
            examples = @ExampleObject(name = "digest", value = """
                    {"organisation": "RXH", "name": "Dr C Lead", "role": "clinical-lead", "email": "c.lead@nhs.net",
                     "eventTypes": ["nhs.pdsa.finding.raised.v1"], "audits": [], "delivery": "immediate"}""")))
    @APIResponse(responseCode = "200", description = "Replaced")
    @APIResponse(responseCode = "400", description = "Every invalid field by JSON pointer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such contact", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Transactional
    public ContactView replace(@PathParam("id") UUID id, ContactRequest request) {
        Contact c = find(id);
        validate(request);
        apply(c, request);
        c.version++;
        c.webhookDisabledAt = null;
        return ContactView.of(c);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a contact (its past notifications stay in the log)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such contact", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Transactional
    public void delete(@PathParam("id") UUID id) {
        find(id).delete();
    }

    private static void apply(Contact c, ContactRequest r) {
        c.organisation = r.organisation().trim();
        c.name = r.name().trim();
        c.role = r.role();
        c.email = blankToNull(r.email());
        c.webhookUrl = blankToNull(r.webhookUrl());
        c.webhookSecret = c.webhookUrl == null ? null : r.webhookSecret();
        c.eventTypes = r.eventTypes() == null ? List.of() : List.copyOf(r.eventTypes());
        c.audits = r.audits() == null ? List.of() : List.copyOf(r.audits());
        c.delivery = r.delivery() == null ? Contact.IMMEDIATE : r.delivery();
        c.updatedAt = Instant.now();
    }

    private void validate(ContactRequest r) {
        List<FieldError> errors = new ArrayList<>();
        if (r == null) {
            throw ProblemException.validation("A contact is required", List.of(new FieldError("", "body is empty")));
        }
        if (r.organisation() == null || !r.organisation().trim().matches("[A-Z0-9]{2,10}")) {
            errors.add(new FieldError("/organisation", "an organisation code (ODS code or the catalogue's code), e.g. RXH"));
        }
        if (r.name() == null || r.name().isBlank() || r.name().length() > 200) {
            errors.add(new FieldError("/name", "a name of 1 to 200 characters"));
        }
        if (!Roles.ALL.contains(r.role())) {
            errors.add(new FieldError("/role", "'" + r.role() + "' is not a role: one of " + String.join(", ", Roles.ALL)));
        }
        String email = blankToNull(r.email());
        if (email != null && (email.length() > 320 || !email.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"))) {
            errors.add(new FieldError("/email", "'" + email + "' is not an email address"));
        }
        String url = blankToNull(r.webhookUrl());
        if (email == null && url == null) {
            errors.add(new FieldError("/email", "an email address or a webhook URL (or both) is required"));
        }
        if (url != null) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            boolean https = uri != null && "https".equals(uri.getScheme()) && uri.getHost() != null;
            boolean http = uri != null && "http".equals(uri.getScheme()) && uri.getHost() != null;
            if (!https && !(http && allowHttpWebhooks)) {
                errors.add(new FieldError("/webhookUrl", "'" + url + "' must be an https URL"
                        + (allowHttpWebhooks ? " (or http)" : "")));
            }
            if (!validSecret(r.webhookSecret())) {
                errors.add(new FieldError("/webhookSecret",
                        "a webhook needs a secret 'whsec_' + base64 of 24 to 64 random bytes (Standard Webhooks)"));
            }
        }
        if (r.eventTypes() != null) {
            for (int i = 0; i < r.eventTypes().size(); i++) {
                if (!EVENT_TYPES.contains(r.eventTypes().get(i))) {
                    errors.add(new FieldError("/eventTypes/" + i, "'" + r.eventTypes().get(i) + "' is not an event type"));
                }
            }
        }
        if (r.delivery() != null && !Contact.IMMEDIATE.equals(r.delivery()) && !Contact.DAILY_DIGEST.equals(r.delivery())) {
            errors.add(new FieldError("/delivery", "delivery must be immediate or daily-digest"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors.size() + " invalid field(s); nothing was changed", errors);
        }
    }

    static boolean validSecret(String secret) {
        if (secret == null || !secret.startsWith("whsec_")) {
            return false;
        }
        try {
            int length = Base64.getDecoder().decode(secret.substring("whsec_".length())).length;
            return length >= 24 && length <= 64;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Contact find(UUID id) {
        return Contact.<Contact>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("No contact " + id));
    }
}
