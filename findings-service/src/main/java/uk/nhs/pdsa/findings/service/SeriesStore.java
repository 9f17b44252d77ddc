package uk.nhs.pdsa.findings.service;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
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
import uk.nhs.pdsa.runtime.inbox.EventInbox;
import uk.nhs.pdsa.runtime.inbox.RejectedEventException;

/**
 * Stores the latest revision of each point, a whole batch in one statement, with the id of the event that brought
 * it. A revision lower than or equal to the one held changes nothing (redelivery, or revisions arriving out of
 * order), so only points that really changed are returned and recomputed.
 */
@ApplicationScoped
public class SeriesStore {
    /** A point that changed. */
    public record Changed(String audit, String metric, String organisation, String microsystem, String period,
            String metricType) {
    }

    private static final String UPSERT = "insert into series_point (series_key, period, period_start, audit, metric,"
            + " organisation, microsystem, metric_type, direction, target, numerator, denominator, value, result_id,"
            + " revision, updated_at, event_id)"
            + " select u.series_key, u.period, u.period_start::date, u.audit, u.metric, u.organisation, u.microsystem,"
            + " u.metric_type, u.direction, u.target, u.numerator, u.denominator, u.value, u.result_id, u.revision,"
            + " u.updated_at::timestamptz, u.event_id"
            + " from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],"
            + " ?::varchar[], ?::varchar[], ?::varchar[], ?::numeric[], ?::bigint[], ?::bigint[], ?::numeric[],"
            + " ?::uuid[], ?::int[], ?::varchar[], ?::varchar[]) as u(series_key, period, period_start, audit, metric,"
            + " organisation, microsystem, metric_type, direction, target, numerator, denominator, value, result_id,"
            + " revision, updated_at, event_id)"
            + " on conflict (series_key, period) do update set audit = excluded.audit, metric = excluded.metric,"
            + " organisation = excluded.organisation, microsystem = excluded.microsystem,"
            + " metric_type = excluded.metric_type, direction = excluded.direction, target = excluded.target,"
            + " numerator = excluded.numerator, denominator = excluded.denominator, value = excluded.value,"
            + " result_id = excluded.result_id, revision = excluded.revision, updated_at = excluded.updated_at,"
            + " event_id = excluded.event_id"
            + " where series_point.revision < excluded.revision"
            + " returning audit, metric, organisation, microsystem, period, metric_type";

    private final EntityManager em;

    public SeriesStore(EntityManager em) {
        this.em = em;
    }

    /** Keeps the register of series by trust ({@code series}) for the series that just gained points. */
    private static void register(Connection connection, List<Changed> changed) throws SQLException {
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

    /**
     * Brings the trusts' series ({@code trust_point}) up to date for the periods that changed: a trust-level
     * result is the trust's point for its period; otherwise the point is the sum of the trust's microsystems for
     * the period (counted metrics only), read through the register by key.
     */
    private static void updateTrusts(Connection connection, List<Changed> changed) throws SQLException {
        Map<String, String[]> own = new LinkedHashMap<>();
        Map<String, String[]> summed = new LinkedHashMap<>();
        for (Changed c : changed) {
            String trust = new SeriesKey(c.audit(), c.metric(), c.organisation(), null).asText();
            if (c.microsystem() == null) {
                own.putIfAbsent(trust + "@" + c.period(), new String[] {trust, c.period()});
            } else if (SeriesReader.funnelType(c.metricType()) != null) {
                summed.putIfAbsent(trust + "@" + c.period(), new String[] {trust, c.period()});
            }
        }
        String columns = "series_key, period, period_start, audit, metric, organisation, metric_type, direction, target,"
                + " numerator, denominator, value, own";
        String update = " on conflict (series_key, period) do update set period_start = excluded.period_start,"
                + " metric_type = excluded.metric_type, direction = excluded.direction, target = excluded.target,"
                + " numerator = excluded.numerator, denominator = excluded.denominator, value = excluded.value,"
                + " own = excluded.own";
        if (!own.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement("insert into trust_point (" + columns + ")"
                    + " select p.series_key, p.period, p.period_start, p.audit, p.metric, p.organisation, p.metric_type,"
                    + " p.direction, p.target, p.numerator, p.denominator, p.value, true"
                    + " from unnest(?::varchar[], ?::varchar[]) as c(series_key, period)"
                    + " join series_point p using (series_key, period)" + update)) {
                bind(connection, insert, own.values());
                insert.executeUpdate();
            }
        }
        if (!summed.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement("insert into trust_point (" + columns + ")"
                    + " select c.trust_key, c.period, min(p.period_start), min(p.audit), min(p.metric),"
                    + " min(p.organisation), min(p.metric_type), min(p.direction), max(p.target), sum(p.numerator),"
                    + " sum(p.denominator), null, false"
                    + " from unnest(?::varchar[], ?::varchar[]) as c(trust_key, period)"
                    + " join series s on s.trust_key = c.trust_key and s.microsystem is not null"
                    + " join series_point p on p.series_key = s.series_key and p.period = c.period"
                    + " group by c.trust_key, c.period having bool_and(p.numerator is not null)"
                    + update + " where not trust_point.own")) {
                bind(connection, insert, summed.values());
                insert.executeUpdate();
            }
        }
    }

    private static void bind(Connection connection, PreparedStatement statement, Collection<String[]> keys)
            throws SQLException {
        statement.setArray(1, connection.createArrayOf("varchar", keys.stream().map(k -> k[0]).toArray()));
        statement.setArray(2, connection.createArrayOf("varchar", keys.stream().map(k -> k[1]).toArray()));
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
    public List<Changed> store(List<EventInbox.Delivered<AuditResultRecorded>> results) {
        Map<String, EventInbox.Delivered<AuditResultRecorded>> latest = new LinkedHashMap<>();
        for (EventInbox.Delivered<AuditResultRecorded> r : results) {
            latest.merge(r.payload().seriesKey().withPeriod(r.payload().period()), r,
                    (a, b) -> b.payload().revision() > a.payload().revision() ? b : a);
        }
        List<String> eventIds = latest.values().stream().map(EventInbox.Delivered::eventId).toList();
        List<AuditResultRecorded> rows = latest.values().stream().map(EventInbox.Delivered::payload).toList();
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
                upsert.setArray(i++, connection.createArrayOf("varchar", rows.stream().map(r -> r.recordedAt().toString()).toArray()));
                upsert.setArray(i, connection.createArrayOf("varchar", eventIds.toArray()));
                List<Changed> changed = new ArrayList<>();
                try (ResultSet rs = upsert.executeQuery()) {
                    while (rs.next()) {
                        changed.add(new Changed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6)));
                    }
                }
                register(connection, changed);
                updateTrusts(connection, changed);
                return changed;
            }
        });
    }
}
