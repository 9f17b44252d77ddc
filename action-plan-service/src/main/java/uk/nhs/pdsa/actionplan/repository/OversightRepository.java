package uk.nhs.pdsa.actionplan.repository;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import uk.nhs.pdsa.actionplan.model.OrganisationProgress;

/** Improvement needs and their cycles counted per organisation, in two grouped queries (no rows are loaded). */
@ApplicationScoped
public class OversightRepository {
    private final EntityManager em;

    OversightRepository(EntityManager em) {
        this.em = em;
    }

    /** One row per organisation with needs, by code; {@code audit} blank for every audit. */
    @Transactional
    public List<OrganisationProgress> progress(String audit, LocalDate today) {
        String only = audit == null ? "" : audit.strip();
        @SuppressWarnings("unchecked")
        List<Object[]> needRows = em.createNativeQuery("""
                select organisation,
                       count(*) filter (where status = 'open'),
                       count(*) filter (where status = 'in-progress'),
                       count(*) filter (where status = 'closed'),
                       count(*) filter (where status = 'improved'),
                       count(*) filter (where status = 'open' and due_by < ?2),
                       count(*) filter (where status = 'open' and escalation_level > 0),
                       count(answered_at),
                       percentile_cont(0.5) within group (order by extract(epoch from answered_at - opened_at) / 86400)
                           filter (where answered_at is not null)
                from improvement_need where (?1 = '' or audit = ?1)
                group by organisation order by organisation""")
                .setParameter(1, only).setParameter(2, Date.valueOf(today)).getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> cycleRows = em.createNativeQuery("""
                select n.organisation,
                       count(*) filter (where c.stage <> 'act'),
                       count(*) filter (where c.act_decision = 'adopt'),
                       count(*) filter (where c.act_decision = 'adapt'),
                       count(*) filter (where c.act_decision = 'abandon')
                from pdsa_cycle c join improvement_need n on n.id = c.need_id
                where (?1 = '' or n.audit = ?1)
                group by n.organisation""").setParameter(1, only).getResultList();
        Map<String, Object[]> cycles = new LinkedHashMap<>();
        cycleRows.forEach(r -> cycles.put((String) r[0], r));
        return needRows.stream().map(r -> {
            Object[] c = cycles.getOrDefault((String) r[0], new Object[] {r[0], 0, 0, 0, 0});
            Double median = r[8] == null ? null
                    : BigDecimal.valueOf(((Number) r[8]).doubleValue()).setScale(1, RoundingMode.HALF_UP).doubleValue();
            return new OrganisationProgress((String) r[0], count(r[1]), count(r[2]), count(r[3]), count(r[4]),
                    count(r[5]), count(r[6]), count(r[7]), median, count(c[1]), count(c[2]), count(c[3]), count(c[4]));
        }).toList();
    }

    private static int count(Object value) {
        return ((Number) value).intValue();
    }
}
