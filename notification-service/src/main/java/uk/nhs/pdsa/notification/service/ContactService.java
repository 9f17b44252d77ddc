package uk.nhs.pdsa.notification.service;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.metrics.OrganisationCode;
import uk.nhs.pdsa.notification.Contact;
import uk.nhs.pdsa.notification.model.ContactRequest;
import uk.nhs.pdsa.notification.routing.ContactRoles;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;
import uk.nhs.pdsa.runtime.rest.QueryFilter;

/** Who each organisation wants told: contacts checked field by field (every problem at once) and kept. */
@ApplicationScoped
public class ContactService {
    private static final java.util.regex.Pattern AUDIT_CODE = java.util.regex.Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");
    private static final Set<String> EVENT_TYPES = Arrays.stream(EventType.values()).map(EventType::ceType)
            .collect(Collectors.toSet());

    private final boolean allowHttpWebhooks;

    private final uk.nhs.pdsa.notification.delivery.WebhookTargets targets;

    public ContactService(@ConfigProperty(name = "pdsa.contacts.allow-http-webhooks") boolean allowHttpWebhooks,
            uk.nhs.pdsa.notification.delivery.WebhookTargets targets) {
        this.allowHttpWebhooks = allowHttpWebhooks;
        this.targets = targets;
    }

    @Transactional
    public List<Contact> list(String organisation, String role) {
        QueryFilter filter = new QueryFilter().equal("organisation", organisation).equal("role", role);
        return Contact.<Contact>find(filter.orderedBy("organisation, role, createdAt"), filter.parameters()).page(0, 1000)
                .list();
    }

    /** @throws ProblemException 404 when there is no such contact */
    @Transactional
    public Contact get(UUID id) {
        return Contact.<Contact>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("No contact " + id));
    }

    @Transactional
    public Contact create(ContactRequest request) {
        validate(request);
        Contact c = new Contact();
        c.id = UUID.randomUUID();
        c.version = 1;
        c.createdAt = Instant.now();
        apply(c, request);
        c.persist();
        return c;
    }

    /** Replaces a contact; setting a webhook URL again re-enables an endpoint that answered 410. */
    @Transactional
    public Contact replace(UUID id, ContactRequest request) {
        Contact c = get(id);
        validate(request);
        apply(c, request);
        c.version++;
        c.webhookDisabledAt = null;
        return c;
    }

    @Transactional
    public void delete(UUID id) {
        get(id).delete();
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
        if (r == null) {
            throw ProblemException.validation("A contact is required", List.of(new FieldError("", "body is empty")));
        }
        List<FieldError> errors = new ArrayList<>();
        if (!OrganisationCode.isValid(r.organisation() == null ? null : r.organisation().trim())) {
            errors.add(new FieldError("/organisation", "an organisation code: " + OrganisationCode.RULE));
        }
        if (r.name() == null || r.name().isBlank() || r.name().length() > 200) {
            errors.add(new FieldError("/name", "a name of 1 to 200 characters"));
        }
        if (r.role() == null || !ContactRoles.ALL.contains(r.role())) {
            errors.add(new FieldError("/role", "'" + r.role() + "' is not a role: one of "
                    + String.join(", ", ContactRoles.ALL)));
        }
        String email = blankToNull(r.email());
        if (email != null && (email.length() > 320 || !email.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"))) {
            errors.add(new FieldError("/email", "'" + email + "' is not an email address"));
        }
        if (r.webhookUrl() != null && r.webhookUrl().isBlank()) {
            errors.add(new FieldError("/webhookUrl", "leave webhookUrl out (or null) for no webhook; an empty URL is not one"));
        }
        if (r.email() != null && r.email().isBlank()) {
            errors.add(new FieldError("/email", "leave email out (or null) for no email; an empty address is not one"));
        }
        String url = blankToNull(r.webhookUrl());
        if (email == null && url == null) {
            errors.add(new FieldError("/email", "an email address or a webhook URL (or both) is required"));
        }
        if (url != null) {
            checkWebhook(url, r.webhookSecret(), errors);
        }
        if (r.eventTypes() != null) {
            for (int i = 0; i < r.eventTypes().size(); i++) {
                if (r.eventTypes().get(i) == null || !EVENT_TYPES.contains(r.eventTypes().get(i))) {
                    errors.add(new FieldError("/eventTypes/" + i, "'" + r.eventTypes().get(i) + "' is not an event type"));
                }
            }
        }
        if (r.delivery() != null && !Contact.IMMEDIATE.equals(r.delivery()) && !Contact.DAILY_DIGEST.equals(r.delivery())) {
            errors.add(new FieldError("/delivery", "delivery must be immediate or daily-digest"));
        }
        if (r.audits() != null) {
            for (int i = 0; i < r.audits().size(); i++) {
                String audit = r.audits().get(i);
                if (audit == null || !AUDIT_CODE.matcher(audit).matches()) {
                    errors.add(new FieldError("/audits/" + i, "an audit code: lower-case letters, digits and hyphens"));
                } else if (r.audits().indexOf(audit) != i) {
                    errors.add(new FieldError("/audits/" + i, audit + " is listed twice"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors.size() + " invalid field(s); nothing was changed", errors);
        }
    }

    private void checkWebhook(String url, String secret, List<FieldError> errors) {
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
        } else {
            targets.refusal(url, false).ifPresent(why -> errors.add(new FieldError("/webhookUrl", why)));
        }
        if (!validSecret(secret)) {
            errors.add(new FieldError("/webhookSecret",
                    "a webhook needs a secret 'whsec_' + base64 of 24 to 64 random bytes (Standard Webhooks)"));
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
}
