package uk.nhs.pdsa.notification.service;

/** What to tell whom: the routing and wording of one message, before it is logged or sent. */
public record Message(String organisation, String audience, String recipientRole, String subject, String body) {
    public static final String TRUST = "trust";
}
