package uk.nhs.pdsa.notification.service;

import java.util.List;

/**
 * What to tell whom: the routing, wording and links of one message, before it is rendered by the template of its
 * audience and sent.
 */
public record Message(String organisation, String audience, String recipientRole, String subject, String body,
        List<Link> links) {
    public static final String TRUST = "trust";

    public Message(String organisation, String audience, String recipientRole, String subject, String body) {
        this(organisation, audience, recipientRole, subject, body, List.of());
    }

    /**
     * A link to another service's page: {@code service} is {@code findings} or {@code action-plan}, resolved to its
     * public address when the message is rendered (e.g. the SPC chart picture, the improvement need).
     */
    public record Link(String label, String service, String path) {
    }

    public Message withLinks(List<Link> more) {
        return new Message(organisation, audience, recipientRole, subject, body, more);
    }

    /** The template pair (.html and .txt) of this message's audience. */
    public String template() {
        return switch (audience) {
            case "college" -> "college/summary";
            case "patient-group" -> "patient-group/publication";
            default -> "trust/message";
        };
    }
}
