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
    /** Recorded, not yet handed to a channel (GOV.UK Notify's first status). */
    public static final String CREATED = "created";

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

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
