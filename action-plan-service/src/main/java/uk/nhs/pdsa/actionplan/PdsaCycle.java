package uk.nhs.pdsa.actionplan;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import uk.nhs.pdsa.actionplan.pdsa.Stage;
import uk.nhs.pdsa.actionplan.worksheet.ActRecord;
import uk.nhs.pdsa.actionplan.worksheet.DoRecord;
import uk.nhs.pdsa.actionplan.worksheet.Plan;
import uk.nhs.pdsa.actionplan.worksheet.StudyRecord;
import uk.nhs.pdsa.events.PdsaCycleState.Person;

/** One Plan-Do-Study-Act cycle: its worksheet stage by stage, its place on a ramp, its owner and scores. */
@Entity
@Table(name = "pdsa_cycle")
public class PdsaCycle extends PanacheEntityBase {
    @Id
    public UUID id;

    /** Counts changes; the REST ETag. Written under a row lock ({@link #lock}). */
    @Column(nullable = false)
    public int version;

    @Column(name = "need_id")
    public UUID needId;

    @Column(name = "ramp_id", nullable = false)
    public UUID rampId;

    @Column(name = "previous_cycle_id")
    public UUID previousCycleId;

    @Column(nullable = false)
    public int sequence;

    @Column(nullable = false)
    public String organisation;

    public String microsystem;

    /** The last stage recorded: plan, do, study, act. */
    @Column(nullable = false)
    public String stage;

    @Column(nullable = false)
    public String title;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Person owner;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Plan plan;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "do_record")
    public DoRecord doRecord;

    @JdbcTypeCode(SqlTypes.JSON)
    public StudyRecord study;

    @JdbcTypeCode(SqlTypes.JSON)
    public ActRecord act;

    @Column(name = "act_decision")
    public String actDecision;

    @Column(name = "suggested_score", nullable = false)
    public BigDecimal suggestedScore;

    @Column(name = "team_score")
    public BigDecimal teamScore;

    @Column(name = "team_score_note")
    public String teamScoreNote;

    @Column(name = "planned_end", nullable = false)
    public LocalDate plannedEnd;

    /** The planned end for which the cycle was last reported overdue. */
    @Column(name = "overdue_for")
    public LocalDate overdueFor;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public Stage stageNow() {
        return Stage.of(stage);
    }

    public static Optional<PdsaCycle> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public static List<PdsaCycle> ofRamp(UUID rampId) {
        return list("rampId = ?1 order by sequence", rampId);
    }

    public static List<PdsaCycle> ofNeed(UUID needId) {
        return list("needId = ?1 order by createdAt", needId);
    }

    public static Optional<PdsaCycle> follower(UUID cycleId) {
        return find("previousCycleId", cycleId).firstResultOptional();
    }
}
