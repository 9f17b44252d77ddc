package uk.nhs.pdsa.notification.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import uk.nhs.pdsa.events.ImprovementNeedState;
import uk.nhs.pdsa.events.PdsaCycleState;

/**
 * What a trust has done about a measure since a date, kept from action-plan's events ({@code cycle_progress},
 * {@code need_improved}): how many Plan-Do-Study-Act cycles started on it, how many finished and how they decided,
 * and whether results improved. Counts only: the cycles' own words stay with the trust.
 */
@ApplicationScoped
public class TrustProgress {
    /** The trust's work on one measure since a date. */
    @Schema(name = "TrustProgress", example = """
            {"testsStarted": 3, "testsFinished": 3, "adopted": 1, "adapted": 2, "abandoned": 0,
             "improvedAt": "2026-08-12T09:00:00Z"}""")
    public record Since(
            @Schema(description = "PDSA cycles (tests of change) started on the measure since the date") int testsStarted,
            @Schema(description = "Of them, cycles finished (Act recorded)") int testsFinished,
            @Schema(description = "Changes made standard practice") int adopted,
            @Schema(description = "Changes changed and tested again") int adapted,
            @Schema(description = "Changes stopped") int abandoned,
            @Schema(description = "When an improvement need on the measure ended improved since the date, or null") Instant improvedAt) {
    }

    private final EntityManager em;

    public TrustProgress(EntityManager em) {
        this.em = em;
    }

    /** A cycle was planned or completed: one row per organisation, audit and metric it means to move. */
    @Transactional(TxType.MANDATORY)
    public void cycle(PdsaCycleState c) {
        Set<List<String>> measures = new HashSet<>();
        for (PdsaCycleState.Measure m : c.measures()) {
            if (measures.add(List.of(m.organisation(), m.audit(), m.metric()))) {
                em.createNativeQuery("""
                        insert into cycle_progress (cycle_id, organisation, audit, metric, started_at, act_decision, completed_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                        on conflict (cycle_id, organisation, audit, metric) do update
                        set started_at = least(cycle_progress.started_at, excluded.started_at),
                            act_decision = coalesce(excluded.act_decision, cycle_progress.act_decision),
                            completed_at = coalesce(excluded.completed_at, cycle_progress.completed_at)""")
                        .setParameter(1, c.cycleId()).setParameter(2, m.organisation()).setParameter(3, m.audit())
                        .setParameter(4, m.metric()).setParameter(5, Timestamp.from(c.updatedAt()))
                        .setParameter(6, c.actDecision())
                        .setParameter(7, c.actDecision() == null ? null : Timestamp.from(c.updatedAt()))
                        .executeUpdate();
            }
        }
    }

    /** A need ended improved. */
    @Transactional(TxType.MANDATORY)
    public void improved(ImprovementNeedState n) {
        em.createNativeQuery("""
                insert into need_improved (need_id, organisation, audit, metric, improved_at) values (?1, ?2, ?3, ?4, ?5)
                on conflict (need_id) do nothing""")
                .setParameter(1, n.needId()).setParameter(2, n.organisation()).setParameter(3, n.audit())
                .setParameter(4, n.metric())
                .setParameter(5, Timestamp.from(n.improvedAt() != null ? n.improvedAt() : n.updatedAt()))
                .executeUpdate();
    }

    /** The trust's work on the measure since {@code from}. */
    @Transactional(TxType.MANDATORY)
    public Since since(String organisation, String audit, String metric, Instant from) {
        Object[] counts = (Object[]) em.createNativeQuery("""
                select count(*), count(completed_at), count(*) filter (where act_decision = 'adopt'),
                       count(*) filter (where act_decision = 'adapt'), count(*) filter (where act_decision = 'abandon')
                from cycle_progress where organisation = ?1 and audit = ?2 and metric = ?3 and started_at >= ?4""")
                .setParameter(1, organisation).setParameter(2, audit).setParameter(3, metric)
                .setParameter(4, Timestamp.from(from)).getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object> improved = em.createNativeQuery("""
                select min(improved_at) from need_improved
                where organisation = ?1 and audit = ?2 and metric = ?3 and improved_at >= ?4""")
                .setParameter(1, organisation).setParameter(2, audit).setParameter(3, metric)
                .setParameter(4, Timestamp.from(from)).getResultList();
        Object at = improved.isEmpty() ? null : improved.get(0);
        return new Since(count(counts[0]), count(counts[1]), count(counts[2]), count(counts[3]), count(counts[4]),
                at == null ? null : instant(at));
    }

    private static int count(Object value) {
        return ((Number) value).intValue();
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return (Instant) value;
    }
}
