package uk.nhs.pdsa.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A finding the trust was told of, on its way to wider audiences: Royal Colleges after {@code collegeAfter}
 * (concerns only), patient groups once published ({@code publicAfter} for trust-level findings, or by hand).
 */
@Entity
@Table(name = "disclosure")
public class Disclosure extends PanacheEntityBase {
    @Id
    @Column(name = "finding_id")
    public UUID findingId;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String orientation;

    @Column(nullable = false)
    public String audit;

    @Column(nullable = false)
    public String metric;

    @Column(nullable = false)
    public String organisation;

    public String microsystem;

    @Column(nullable = false)
    public String period;

    @Column(nullable = false)
    public double value;

    /** The usual value (special cause: the centre line) or the national one (outlier: the funnel's target). */
    @Column(nullable = false)
    public double reference;

    @Column(nullable = false)
    public String variation;

    @Column(name = "trust_told_at", nullable = false)
    public Instant trustToldAt;

    @Column(name = "college_after")
    public Instant collegeAfter;

    @Column(name = "public_after")
    public Instant publicAfter;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "published_how")
    public String publishedHow;

    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;

    /** Published findings (withdrawn ones too), newest first; {@code organisation} blank for every organisation's. */
    public static List<Disclosure> published(String organisation) {
        return organisation == null || organisation.isBlank()
                ? list("publishedAt is not null order by publishedAt desc")
                : list("publishedAt is not null and organisation = ?1 order by publishedAt desc", organisation);
    }
}
