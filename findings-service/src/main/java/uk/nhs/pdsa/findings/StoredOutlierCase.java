package uk.nhs.pdsa.findings;

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
import jakarta.persistence.Table;
import uk.nhs.pdsa.findings.outlier.OutlierCase;

/** An outlier case as stored: the case with its history ({@link OutlierCase}), and the columns lists filter on. */
@Entity
@Table(name = "outlier_case")
public class StoredOutlierCase extends PanacheEntityBase {
    @Id
    public UUID id;

    public String audit;

    public String metric;

    public String period;

    public String organisation;

    public String level;

    public String stage;

    @Column(name = "due_by")
    public LocalDate dueBy;

    @JdbcTypeCode(SqlTypes.JSON)
    public OutlierCase state;

    public int version;

    /** The trust's response (its improvement need answered): cycle or decision; null while it has not. */
    @Column(name = "response_kind")
    public String responseKind;

    @Column(name = "response_need_id")
    public UUID responseNeedId;

    @Column(name = "response_cycle_id")
    public UUID responseCycleId;

    @Column(name = "responded_at")
    public Instant respondedAt;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Keeps the case after a step; a step that changed nothing writes nothing. */
    public boolean become(OutlierCase next, Instant now) {
        if (next.equals(state)) {
            return false;
        }
        state = next;
        level = next.level();
        stage = next.stage().name().toLowerCase().replace('_', '-');
        dueBy = next.dueBy();
        version++;
        updatedAt = now;
        return true;
    }

    /**
     * Keeps the trust's response (its need answered) and the case after it: always a new version, even when the stage
     * stays (a case the clinical lead had already marked responded gains the answer).
     */
    public void responded(String kind, UUID needId, UUID cycleId, Instant at, OutlierCase next, Instant now) {
        responseKind = kind;
        responseNeedId = needId;
        responseCycleId = cycleId;
        respondedAt = at;
        if (!become(next, now)) {
            version++;
            updatedAt = now;
        }
    }

    public static StoredOutlierCase opened(String audit, OutlierCase raised, Instant now) {
        StoredOutlierCase c = new StoredOutlierCase();
        c.id = UUID.randomUUID();
        c.audit = audit;
        c.metric = raised.metric();
        c.period = raised.period();
        c.organisation = raised.organisation();
        c.openedAt = now;
        c.version = 0;
        c.become(raised, now);
        return c;
    }

    public static Optional<StoredOutlierCase> of(String audit, String metric, String period, String organisation) {
        return find("audit = ?1 and metric = ?2 and period = ?3 and organisation = ?4", audit, metric, period,
                organisation).firstResultOptional();
    }

    public static List<StoredOutlierCase> ofPeriod(String audit, String metric, String period) {
        return list("audit = ?1 and metric = ?2 and period = ?3", audit, metric, period);
    }

    /** Cases someone still has to act on (not published, not closed). */
    public static List<StoredOutlierCase> open() {
        return list("stage not in ('published', 'closed')");
    }
}
