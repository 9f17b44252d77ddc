package uk.nhs.pdsa.ingest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The current revision of one metric for one organisation (and microsystem) and period. */
@Entity
@Table(name = "audit_result")
public class AuditResult extends PanacheEntityBase {
    @Id
    public UUID id;

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
    public int revision;

    public Long numerator;

    public Long denominator;

    public BigDecimal value;

    /** Standardised ratios: the count the audit's risk model expects; null for other metrics. */
    public BigDecimal expected;

    /** Why the trust withdrew the result; null while it stands. */
    @Column(name = "withdrawn_reason")
    public String withdrawnReason;

    /** When the trust withdrew it; null while it stands. */
    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The id every revision of a natural key shares, the same on every node and in every replay. */
    public static UUID idOf(String audit, String metric, String organisation, String microsystem, String period) {
        String naturalKey = String.join("\u001f", audit, metric, organisation, Objects.toString(microsystem, ""), period);
        return UUID.nameUUIDFromBytes(naturalKey.getBytes(StandardCharsets.UTF_8));
    }
}
