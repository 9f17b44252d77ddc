package uk.nhs.pdsa.findings.service;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.Session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import uk.nhs.pdsa.events.AuditResultRecorded;
import uk.nhs.pdsa.events.Period;
import uk.nhs.pdsa.events.SeriesKey;
import uk.nhs.pdsa.runtime.inbox.RejectedEventException;

/**
 * Stores the latest revision of each point, a whole batch in one statement. A revision lower than or equal to
 * the one held changes nothing (redelivery, or revisions arriving out of order), so only points that really
 * changed are returned and recomputed.
 */
@ApplicationScoped
public class SeriesStore {
    /** A point that changed. */
    public record Changed(String audit, String metric, String organisation, String microsystem, String period,
            String metricType) {
    }

    private static final String UPSERT = "insert into series_point (series_key, period, period_start, audit, metric,"
            + " organisation, microsystem, metric_type, direction, target, numerator, denominator, value, result_id,"
            + " revision, updated_at)"
            + " select u.series_key, u.period, u.period_start::date, u.audit, u.metric, u.organisation, u.microsystem,"
            + " u.metric_type, u.direction, u.target, u.numerator, u.denominator, u.value, u.result_id, u.revision,"
            + " u.updated_at::timestamptz"
            + " from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],"
            + " ?::varchar[], ?::varchar[], ?::varchar[], ?::numeric[], ?::bigint[], ?::bigint[], ?::numeric[],"
            + " ?::uuid[], ?::int[], ?::varchar[]) as u(series_key, period, period_start, audit, metric, organisation,"
            + " microsystem, metric_type, direction, target, numerator, denominator, value, result_id, revision,"
            + " updated_at)"
            + " on conflict (series_key, period) do update set audit = excluded.audit, metric = excluded.metric,"
            + " organisation = excluded.organisation, microsystem = excluded.microsystem,"
            + " metric_type = excluded.metric_type, direction = excluded.direction, target = excluded.target,"
            + " numerator = excluded.numerator, denominator = excluded.denominator, value = excluded.value,"
            + " result_id = excluded.result_id, revision = excluded.revision, updated_at = excluded.updated_at"
            + " where series_point.revision < excluded.revision"
            + " returning audit, metric, organisation, microsystem, period, metric_type";

    private final EntityManager em;

    public SeriesStore(EntityManager em) {
        this.em = em;
    }

    /** Keeps the register of series by trust ({@code series}) for the series that just gained points. */
    private static void register(java.sql.Connection connection, List<Changed> changed) throws java.sql.SQLException {
        if (changed.isEmpty()) {
            return;
        }
        Map<String, Changed> bySeries = new LinkedHashMap<>();
        changed.forEach(c -> bySeries.putIfAbsent(new SeriesKey(c.audit(), c.metric(), c.organisation(), c.microsystem())
                .asText(), c));
        try (PreparedStatement insert = connection.prepareStatement("insert into series (series_key, trust_key, microsystem)"
                + " select * from unnest(?::varchar[], ?::varchar[], ?::varchar[]) on conflict do nothing")) {
            insert.setArray(1, connection.createArrayOf("varchar", bySeries.keySet().toArray()));
            insert.setArray(2, connection.createArrayOf("varchar", bySeries.values().stream()
                    .map(c -> new SeriesKey(c.audit(), c.metric(), c.organisation(), null).asText()).toArray()));
            insert.setArray(3, connection.createArrayOf("varchar", bySeries.values().stream().map(Changed::microsystem).toArray()));
            insert.executeUpdate();
        }
    }

    /** Rejects an event whose period or measures cannot make a point (retrying cannot mend it). */
    public static void check(AuditResultRecorded r) {
        try {
            Period.parse(r.period());
        } catch (IllegalArgumentException e) {
            throw new RejectedEventException(r.resultId().toString(), e.getMessage(), e);
        }
        boolean counted = !"value".equals(r.metricType());
        if (counted ? r.numerator() == null || r.denominator() == null || r.denominator() <= 0 : r.value() == null) {
            throw new RejectedEventException(r.resultId().toString(), "measures do not fit metric type " + r.metricType());
        }
    }

    /** Stores the highest revision of each point in {@code results}; returns the points that changed. */
    @Transactional(TxType.MANDATORY)
    public List<Changed> store(List<AuditResultRecorded> results) {
        Map<String, AuditResultRecorded> latest = new LinkedHashMap<>();
        for (AuditResultRecorded r : results) {
            latest.merge(r.seriesKey().withPeriod(r.period()), r, (a, b) -> b.revision() > a.revision() ? b : a);
        }
        List<AuditResultRecorded> rows = new ArrayList<>(latest.values());
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                int i = 1;
                upsert.setArray(i++, connection.createArrayOf("varchar", rows.stream().map(r -> r.seriesKey().asText()).toArray()));
                upsert.setArray(i++, connection.createArrayOf("varchar", rows.stream().map(AuditResultRecorded::period).toArray()));
                upsert.setArray(i++, connection.createArrayOf("varchar", rows.stream().map(r -> Period.parse(r.period()).start().toString()).toArray()));
                upsert.setArray(i++, connection.createArrayOf("varchar", rows.stream().map(AuditResultRecorded::audit).toArray()));
                upsert.setArray(i++, connection.createArrayOf("varchar", rows.stream().map(AuditResultRecorded::metric).toArray()));
                upsert.setArray(i++, connection.createArrayOf("varchar", rows.stream().map(AuditResultRecorded::organisation).toArray()));
                upsert.setArray(i++, connection.createArrayOf("varchar", rows.stream().map(AuditResultRecorded::microsystem).toArray()));
                upsert.setArray(i++, connection.createArrayOf("varchar", rows.stream().map(AuditResultRecorded::metricType).toArray()));
                upsert.setArray(i++, connection.createArrayOf("varchar", rows.stream().map(AuditResultRecorded::direction).toArray()));
                upsert.setArray(i++, connection.createArrayOf("numeric", rows.stream().map(AuditResultRecorded::target).toArray(BigDecimal[]::new)));
                upsert.setArray(i++, connection.createArrayOf("bigint", rows.stream().map(AuditResultRecorded::numerator).toArray(Long[]::new)));
                upsert.setArray(i++, connection.createArrayOf("bigint", rows.stream().map(AuditResultRecorded::denominator).toArray(Long[]::new)));
                upsert.setArray(i++, connection.createArrayOf("numeric", rows.stream().map(AuditResultRecorded::value).toArray(BigDecimal[]::new)));
                upsert.setArray(i++, connection.createArrayOf("uuid", rows.stream().map(AuditResultRecorded::resultId).toArray()));
                upsert.setArray(i++, connection.createArrayOf("integer", rows.stream().map(AuditResultRecorded::revision).toArray(Integer[]::new)));
                upsert.setArray(i, connection.createArrayOf("varchar", rows.stream().map(r -> r.recordedAt().toString()).toArray()));
                List<Changed> changed = new ArrayList<>();
                try (ResultSet rs = upsert.executeQuery()) {
                    while (rs.next()) {
                        changed.add(new Changed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6)));
                    }
                }
                register(connection, changed);
                return changed;
            }
        });
    }
}
