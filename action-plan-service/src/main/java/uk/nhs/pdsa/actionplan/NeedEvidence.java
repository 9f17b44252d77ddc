package uk.nhs.pdsa.actionplan;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A finding attached to a need as evidence. */
@Entity
@Table(name = "need_evidence")
@IdClass(NeedEvidence.Key.class)
public class NeedEvidence extends PanacheEntityBase {
    @Id
    @Column(name = "need_id")
    public UUID needId;

    @Id
    @Column(name = "finding_id")
    public UUID findingId;

    @Column(nullable = false)
    public String period;

    @Column(nullable = false)
    public String variation;

    /** The finding's signals, as the JSON array of the finding event. */
    @Column(nullable = false, columnDefinition = "text")
    public String signals;

    @Column(name = "added_at", nullable = false)
    public Instant addedAt;

    /** {@code special-cause} or {@code outlier}. */
    @Column(nullable = false)
    public String kind;

    /** {@code open} while the finding holds, {@code resolved} once findings reports it resolved. */
    @Column(nullable = false)
    public String status;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    public static List<NeedEvidence> ofNeed(UUID needId) {
        return list("needId = ?1 order by addedAt", needId);
    }

    /** Composite key (need, finding). */
    public record Key(UUID needId, UUID findingId) implements Serializable {
    }
}
