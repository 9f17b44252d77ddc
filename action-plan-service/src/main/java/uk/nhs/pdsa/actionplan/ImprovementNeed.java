package uk.nhs.pdsa.actionplan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import uk.nhs.pdsa.events.ImprovementNeedState;

/** A concerning finding that a team must answer, by a PDSA cycle or a recorded decision, before {@code dueBy}. */
@Entity
@Table(name = "improvement_need")
public class ImprovementNeed extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(nullable = false)
    public String organisation;

    public String microsystem;

    @Column(nullable = false)
    public String audit;

    @Column(nullable = false)
    public String metric;

    @Column(nullable = false)
    public String status;

    @Column(name = "opening_finding_id", nullable = false)
    public UUID openingFindingId;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "due_by", nullable = false)
    public LocalDate dueBy;

    /** Counts changes; the REST ETag. Written under a row lock ({@link #lock}), so it never goes backwards. */
    @Column(nullable = false)
    public int version;

    @Column(name = "answer_kind")
    public String answerKind;

    @Column(name = "answer_cycle_id")
    public UUID answerCycleId;

    @Column(name = "answer_rationale")
    public String answerRationale;

    @Column(name = "answered_by")
    public String answeredBy;

    @Column(name = "answered_at")
    public Instant answeredAt;

    @Column(name = "escalation_level", nullable = false)
    public int escalationLevel;

    @Column(name = "escalation_role")
    public String escalationRole;

    @Column(name = "escalation_days")
    public Integer escalationDays;

    @Column(name = "escalated_at")
    public Instant escalatedAt;

    @Column(name = "concern_resolved_at")
    public Instant concernResolvedAt;

    @Column(name = "improved_at")
    public Instant improvedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Whether new concerns still join this need (it is waiting for an answer or a cycle answers it). */
    public boolean active() {
        return ImprovementNeedState.OPEN.equals(status) || ImprovementNeedState.IN_PROGRESS.equals(status);
    }

    /** The need, locked for update until the transaction ends. */
    public static Optional<ImprovementNeed> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public static Optional<ImprovementNeed> findActive(String organisation, String microsystem, String audit, String metric) {
        return find("organisation = :organisation and audit = :audit and metric = :metric and status in ('open', 'in-progress') and "
                + (microsystem == null ? "microsystem is null" : "microsystem = :microsystem"),
                microsystem == null
                        ? Parameters.with("organisation", organisation).and("audit", audit).and("metric", metric)
                        : Parameters.with("organisation", organisation).and("audit", audit).and("metric", metric)
                                .and("microsystem", microsystem))
                .firstResultOptional();
    }
}
