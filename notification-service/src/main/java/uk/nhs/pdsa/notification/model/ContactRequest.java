package uk.nhs.pdsa.notification.model;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A contact as an admin adds or replaces it. */
@Schema(name = "ContactRequest", example = """
        {"organisation": "RXH", "name": "Dr C Lead", "role": "clinical-lead", "email": "c.lead@nhs.net",
         "eventTypes": ["nhs.pdsa.finding.raised.v1"], "audits": ["nhfd"], "delivery": "immediate"}""")
public record ContactRequest(String organisation, String name, String role, String email, String webhookUrl,
        String webhookSecret, List<String> eventTypes, List<String> audits, String delivery) {
}
