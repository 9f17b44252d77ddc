package uk.nhs.pdsa.ingest;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One accepted set of numbers for a result, kept for ever with who sent it and when. */
@Entity
@Table(name = "audit_result_revision")
@IdClass(AuditResultRevision.Key.class)
public class AuditResultRevision extends PanacheEntityBase {
    @Id
    @Column(name = "result_id")
    public UUID resultId;

    @Id
    public int revision;

    public Long numerator;

    public Long denominator;

    public BigDecimal value;

    /** Standardised ratios: the count the audit's risk model expects; null for other metrics. */
    public BigDecimal expected;

    /** Set on a withdrawal (a revision without numbers). */
    @Column(name = "withdrawn_reason")
    public String withdrawnReason;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "submitted_by", nullable = false)
    public String submittedBy;

    /** Composite key (result, revision number). */
    public record Key(UUID resultId, int revision) implements Serializable {
    }
}
