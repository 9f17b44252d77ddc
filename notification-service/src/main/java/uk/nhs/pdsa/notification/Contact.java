package uk.nhs.pdsa.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import uk.nhs.pdsa.notification.routing.Recipient;

/** Someone an organisation wants told: a role, channels (email, webhook) and preferences. */
@Entity
@Table(name = "contact")
public class Contact extends PanacheEntityBase {
    public static final String IMMEDIATE = "immediate";
    public static final String DAILY_DIGEST = "daily-digest";

    @Id
    public UUID id;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false)
    public String organisation;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String role;

    public String email;

    @Column(name = "webhook_url")
    public String webhookUrl;

    /** Sealed at rest (AES-256-GCM, {@link uk.nhs.pdsa.notification.delivery.SecretBox}); never shown in an answer. */
    @Column(name = "webhook_secret")
    @jakarta.persistence.Convert(converter = uk.nhs.pdsa.notification.delivery.SealedSecret.class)
    public String webhookSecret;

    /** Set when the endpoint answered 410 Gone: nothing more is sent to it until it is set again. */
    @Column(name = "webhook_disabled_at")
    public Instant webhookDisabledAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "event_types", nullable = false)
    public List<String> eventTypes;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> audits;

    /** {@code immediate} or {@code daily-digest}. */
    @Column(nullable = false)
    public String delivery;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public Recipient recipient() {
        return new Recipient(id, organisation, role, email, webhookUrl != null && webhookDisabledAt == null, eventTypes,
                audits, DAILY_DIGEST.equals(delivery));
    }

    /** The contacts of several organisations in one query, each organisation's in the order they were added. */
    public static List<Contact> ofOrganisations(java.util.Collection<String> organisations) {
        return list("organisation in ?1 order by createdAt", organisations);
    }
}
