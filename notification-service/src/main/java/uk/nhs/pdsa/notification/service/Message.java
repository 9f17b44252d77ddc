package uk.nhs.pdsa.notification.service;

import java.util.List;

/**
 * What to tell whom: the routing, wording, links and template of one message, before it is rendered and sent.
 *
 * @param template the Qute template pair ({@code templates/<template>.html|.txt}), e.g. {@code trust/finding}
 * @param address  an email address to use instead of the role's contacts (a cycle's owner, who may hold no
 *                 contact role), or null
 * @param chart    the stored chart an email shows inline as a picture, or null
 */
public record Message(String organisation, String audience, String recipientRole, String subject, String body,
        List<Link> links, String template, String address, Chart chart) {
    public static final String TRUST = "trust";

    public Message(String organisation, String audience, String recipientRole, String subject, String body) {
        this(organisation, audience, recipientRole, subject, body, List.of(), defaultTemplate(audience), null, null);
    }

    /** A stored series whose SPC chart a message is about (microsystem null: the whole trust). */
    public record Chart(String audit, String metric, String organisation, String microsystem) {
    }

    /**
     * A link to another service's page: {@code service} is {@code findings} or {@code action-plan}, resolved to its
     * public address when the message is rendered (e.g. the SPC chart picture, the improvement need).
     */
    public record Link(String label, String service, String path) {
    }

    public Message withLinks(List<Link> more) {
        return new Message(organisation, audience, recipientRole, subject, body, more, template, address, chart);
    }

    public Message withTemplate(String name) {
        return new Message(organisation, audience, recipientRole, subject, body, links, name, address, chart);
    }

    public Message to(String emailAddress) {
        return new Message(organisation, audience, recipientRole, subject, body, links, template, emailAddress, chart);
    }

    public Message showing(Chart picture) {
        return new Message(organisation, audience, recipientRole, subject, body, links, template, address, picture);
    }

    private static String defaultTemplate(String audience) {
        return switch (audience) {
            case "college" -> "college/summary";
            case "patient-group" -> "patient-group/publication";
            default -> "trust/finding";
        };
    }
}
