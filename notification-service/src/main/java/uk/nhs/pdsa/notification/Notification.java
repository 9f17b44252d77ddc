package uk.nhs.pdsa.notification;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One message to one recipient on one channel: a row of the delivery log. */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {
    /** Recorded, not yet handed to a channel (GOV.UK Notify's statuses follow). */
    public static final String CREATED = "created";
    /** Handed to the channel; a worker holds it until {@code nextAttemptAt} (then it is due again). */
    public static final String SENDING = "sending";
    public static final String DELIVERED = "delivered";
    /** Failed, will be tried again at {@code nextAttemptAt}. */
    public static final String TEMPORARY_FAILURE = "temporary-failure";
    /** Will not be delivered: refused by the receiver, every retry used (dead letter), or nobody holds the role. */
    public static final String PERMANENT_FAILURE = "permanent-failure";
    /** Our side failed (a template, a configuration): kept for an admin to retry. */
    public static final String TECHNICAL_FAILURE = "technical-failure";

    @Id
    public UUID id;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    /** The organisation the message is addressed to. */
    @Column(nullable = false)
    public String organisation;

    /** {@code trust}, {@code college} or {@code patient-group}. */
    @Column(nullable = false)
    public String audience;

    @Column(name = "recipient_role", nullable = false)
    public String recipientRole;

    @Column(nullable = false)
    public String channel;

    @Column(nullable = false)
    public String subject;

    @Column(nullable = false, columnDefinition = "text")
    public String body;

    @Column(nullable = false)
    public String status;

    /** The chart an email carries inline (PNG), or null. */
    @Column(columnDefinition = "bytea")
    public byte[] picture;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "contact_id")
    public UUID contactId;

    /** The address used: an email address or a webhook URL. */
    public String recipient;

    @Column(name = "html_body", columnDefinition = "text")
    public String htmlBody;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    /** Why it failed, for the failure statuses. */
    public String reason;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Waits for the contact's daily digest. */
    @Column(nullable = false)
    public boolean digest;

    /** The W3C trace context of the event that caused it, which its delivery joins; null: none. */
    public String traceparent;

    /** The digest notification this one was sent in. */
    @Column(name = "digest_id")
    public UUID digestId;
}
