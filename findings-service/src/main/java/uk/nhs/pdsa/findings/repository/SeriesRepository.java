package uk.nhs.pdsa.findings.repository;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.hibernate.Session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import uk.nhs.pdsa.events.AuditResultRecorded;
import uk.nhs.pdsa.events.Period;
import uk.nhs.pdsa.events.SeriesKey;
import uk.nhs.pdsa.findings.SeriesPoint;
import uk.nhs.pdsa.findings.funnel.FunnelPlot;
import uk.nhs.pdsa.metrics.MetricType;
import uk.nhs.pdsa.runtime.inbox.EventInbox;

/**
 * The series points, the only class that reads or writes them, in set-based SQL (a statement per batch, however
 * large). Three tables hold them:
 * <ul>
 * <li>{@code series_point}: the latest revision of each result, trust-level or per microsystem;</li>
 * <li>{@code series}: the register of series by trust, so a trust's microsystems are found by key;</li>
 * <li>{@code trust_point}: each trust's series: its own trust-level result for a period when it submitted one,
 * else the sum of its microsystems' numerators and denominators (counted metrics only: values cannot be summed).
 * Trust charts and funnels read it.</li>
 * </ul>
 */
@ApplicationScoped
public class SeriesRepository {
    /** A point that changed. */
    public record Changed(String audit, String metric, String organisation, String microsystem, String period,
            MetricType metricType) {
    }

    /** Every series (trust/microsystem keys, {@code trust/} for a trust's own) and period a metric has points in. */
    public record MetricExtent(Set<String> series, Set<String> periods) {
    }

    private static final String COLUMNS = "series_key, period, period_start, audit, metric, organisation, %s,"
            + " metric_type, direction, target, numerator, denominator, value, expected";
    private static final String MICROSYSTEM_COLUMNS = String.format(COLUMNS, "microsystem");
    private static final String TRUST_COLUMNS = String.format(COLUMNS, "null::varchar");
    private static final Comparator<SeriesPoint> BY_PERIOD = Comparator.comparing(SeriesPoint::periodStart)
            .thenComparing(SeriesPoint::period);
    private static final String[] FUNNELLED = Arrays.stream(MetricType.values()).filter(MetricType::funnelled)
            .map(MetricType::code).toArray(String[]::new);

    private static final String UPSERT = "insert into series_point (series_key, period, period_start, audit, metric,"
            + " organisation, microsystem, metric_type, direction, target, numerator, denominator, value, expected,"
            + " result_id, revision, updated_at, event_id)"
            + " select u.series_key, u.period, u.period_start::date, u.audit, u.metric, u.organisation, u.microsystem,"
            + " u.metric_type, u.direction, u.target, u.numerator, u.denominator, u.value, u.expected, u.result_id,"
            + " u.revision, u.updated_at::timestamptz, u.event_id"
            + " from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],"
            + " ?::varchar[], ?::varchar[], ?::varchar[], ?::numeric[], ?::bigint[], ?::bigint[], ?::numeric[],"
            + " ?::numeric[], ?::uuid[], ?::int[], ?::varchar[], ?::varchar[]) as u(series_key, period, period_start,"
            + " audit, metric, organisation, microsystem, metric_type, direction, target, numerator, denominator, value,"
            + " expected, result_id, revision, updated_at, event_id)"
            + " where not exists (select 1 from withdrawn_point w where w.series_key = u.series_key"
            + " and w.period = u.period and w.revision >= u.revision)"
            + " on conflict (series_key, period) do update set audit = excluded.audit, metric = excluded.metric,"
            + " organisation = excluded.organisation, microsystem = excluded.microsystem,"
            + " metric_type = excluded.metric_type, direction = excluded.direction, target = excluded.target,"
            + " numerator = excluded.numerator, denominator = excluded.denominator, value = excluded.value,"
            + " expected = excluded.expected, result_id = excluded.result_id, revision = excluded.revision,"
            + " updated_at = excluded.updated_at, event_id = excluded.event_id"
            + " where series_point.revision < excluded.revision"
            + " returning audit, metric, organisation, microsystem, period, metric_type";
    private static final String TRUST_POINT_COLUMNS = "series_key, period, period_start, audit, metric, organisation,"
            + " metric_type, direction, target, numerator, denominator, value, expected, own";
    private static final String TRUST_POINT_UPDATE = " on conflict (series_key, period) do update set"
            + " period_start = excluded.period_start, metric_type = excluded.metric_type, direction = excluded.direction,"
            + " target = excluded.target, numerator = excluded.numerator, denominator = excluded.denominator,"
            + " value = excluded.value, expected = excluded.expected, own = excluded.own";

    private final EntityManager em;

    public SeriesRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Stores the highest revision of each point in {@code results}, with the id of the event that brought it. A
     * revision lower than or equal to the one held changes nothing (redelivery, or revisions arriving out of
     * order), so only points that really changed are returned; their trusts' series follow in the same transaction.
     */
    @Transactional(TxType.MANDATORY)
    public List<Changed> store(List<EventInbox.Delivered<AuditResultRecorded>> results) {
        Map<String, EventInbox.Delivered<AuditResultRecorded>> latest = new LinkedHashMap<>();
        for (EventInbox.Delivered<AuditResultRecorded> r : results) {
            latest.merge(r.payload().seriesKey().withPeriod(r.payload().period()), r,
                    (a, b) -> b.payload().revision() > a.payload().revision() ? b : a);
        }
        List<EventInbox.Delivered<AuditResultRecorded>> recorded = latest.values().stream()
                .filter(r -> !r.payload().withdrawn()).toList();
        List<AuditResultRecorded> withdrawn = latest.values().stream().map(EventInbox.Delivered::payload)
                .filter(AuditResultRecorded::withdrawn).toList();
        List<String> eventIds = recorded.stream().map(EventInbox.Delivered::eventId).toList();
        List<AuditResultRecorded> rows = recorded.stream().map(EventInbox.Delivered::payload).toList();
        return em.unwrap(Session.class).doReturningWork(connection -> {
            List<Changed> changed = new ArrayList<>(withdraw(connection, withdrawn));
            boolean dropped = !changed.isEmpty();
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                Columns<AuditResultRecorded> columns = new Columns<>(connection, upsert, rows);
                columns.add("varchar", r -> r.seriesKey().asText());
                columns.add("varchar", AuditResultRecorded::period);
                columns.add("varchar", r -> Period.parse(r.period()).start().toString());
                columns.add("varchar", AuditResultRecorded::audit);
                columns.add("varchar", AuditResultRecorded::metric);
                columns.add("varchar", AuditResultRecorded::organisation);
                columns.add("varchar", AuditResultRecorded::microsystem);
                columns.add("varchar", r -> r.metricType().code());
                columns.add("varchar", AuditResultRecorded::direction);
                columns.add("numeric", AuditResultRecorded::target);
                columns.add("bigint", AuditResultRecorded::numerator);
                columns.add("bigint", AuditResultRecorded::denominator);
                columns.add("numeric", AuditResultRecorded::value);
                columns.add("numeric", AuditResultRecorded::expected);
                columns.add("uuid", AuditResultRecorded::resultId);
                columns.add("integer", AuditResultRecorded::revision);
                columns.add("varchar", r -> r.recordedAt().toString());
                upsert.setArray(columns.next(), connection.createArrayOf("varchar", eventIds.toArray()));
                try (ResultSet rs = upsert.executeQuery()) {
                    while (rs.next()) {
                        changed.add(new Changed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), MetricType.fromCode(rs.getString(6))));
                    }
                }
            }
            register(connection, changed);
            updateTrusts(connection, changed, dropped);
            return changed;
        });
    }

    /**
     * Drops withdrawn points (a lower revision only) and remembers each withdrawal's revision, so that an older
     * revision delivered late cannot bring a point back; returns the points dropped.
     */
    private static List<Changed> withdraw(Connection connection, List<AuditResultRecorded> withdrawn) throws SQLException {
        if (withdrawn.isEmpty()) {
            return List.of();
        }
        Array keys = varchars(connection, withdrawn.stream().map(r -> r.seriesKey().asText()).toList());
        Array periods = varchars(connection, withdrawn.stream().map(AuditResultRecorded::period).toList());
        Array revisions = connection.createArrayOf("integer", withdrawn.stream().map(AuditResultRecorded::revision).toArray());
        try (PreparedStatement remember = connection.prepareStatement("insert into withdrawn_point (series_key, period,"
                + " revision) select * from unnest(?::varchar[], ?::varchar[], ?::int[]) on conflict (series_key, period)"
                + " do update set revision = greatest(withdrawn_point.revision, excluded.revision)")) {
            remember.setArray(1, keys);
            remember.setArray(2, periods);
            remember.setArray(3, revisions);
            remember.executeUpdate();
        }
        List<Changed> dropped = new ArrayList<>();
        try (PreparedStatement delete = connection.prepareStatement("delete from series_point p using unnest(?::varchar[],"
                + " ?::varchar[], ?::int[]) as w(series_key, period, revision) where p.series_key = w.series_key"
                + " and p.period = w.period and p.revision < w.revision"
                + " returning p.audit, p.metric, p.organisation, p.microsystem, p.period, p.metric_type")) {
            delete.setArray(1, keys);
            delete.setArray(2, periods);
            delete.setArray(3, revisions);
            try (ResultSet rs = delete.executeQuery()) {
                while (rs.next()) {
                    dropped.add(new Changed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), MetricType.fromCode(rs.getString(6))));
                }
            }
        }
        return dropped;
    }

    /** The points of each series in {@code keys} that has any, in period order, by series key text. */
    public Map<String, List<SeriesPoint>> series(Collection<SeriesKey> keys) {
        List<String> microsystems = keys.stream().filter(k -> k.microsystem() != null).map(SeriesKey::asText).toList();
        List<String> trusts = keys.stream().filter(k -> k.microsystem() == null).map(SeriesKey::asText).toList();
        return em.unwrap(Session.class).doReturningWork(c -> {
            List<SeriesPoint> points = new ArrayList<>();
            if (!microsystems.isEmpty()) {
                points.addAll(read(c, "select " + MICROSYSTEM_COLUMNS + " from series_point"
                        + " where series_key = any(?::varchar[])", varchars(c, microsystems)));
            }
            if (!trusts.isEmpty()) {
                points.addAll(read(c, "select " + TRUST_COLUMNS + " from trust_point where series_key = any(?::varchar[])",
                        varchars(c, trusts)));
            }
            return bySeries(points);
        });
    }

    /**
     * The points of an organisation's series (its own, summed, and its microsystems'), optionally of one audit
     * and metric, in series and period order.
     *
     * @param audits the audits to include; null for every audit
     */
    public Map<String, List<SeriesPoint>> seriesOf(String organisation, String audit, String metric,
            Collection<String> audits) {
        String where = " where organisation = ? and (?::varchar is null or audit = ?) and (?::varchar is null or metric = ?)"
                + " and (?::varchar[] is null or audit = any(?::varchar[]))";
        return em.unwrap(Session.class).doReturningWork(c -> {
            Array wanted = audits == null ? null : varchars(c, List.copyOf(audits));
            Object[] parameters = { organisation, audit, audit, metric, metric, wanted, wanted };
            List<SeriesPoint> points = new ArrayList<>(read(c, "select " + TRUST_COLUMNS + " from trust_point" + where,
                    parameters));
            points.addAll(read(c, "select " + MICROSYSTEM_COLUMNS + " from series_point" + where
                    + " and microsystem is not null", parameters));
            return new TreeMap<>(bySeries(points));
        });
    }

    /** Each trust's point in each of the funnels (audit, metric, period), keyed {@code [audit, metric, period]}. */
    public Map<List<String>, List<SeriesPoint>> funnels(Collection<List<String>> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        return em.unwrap(Session.class).doReturningWork(c -> {
            Map<List<String>, List<SeriesPoint>> funnels = new HashMap<>();
            Object[] columns = new Object[3];
            for (int i = 0; i < 3; i++) {
                int column = i;
                columns[i] = varchars(c, keys.stream().map(k -> k.get(column)).toList());
            }
            for (SeriesPoint p : read(c, "select " + TRUST_COLUMNS + " from trust_point"
                    + " join unnest(?::varchar[], ?::varchar[], ?::varchar[]) as due(audit, metric, period)"
                    + " using (audit, metric, period) order by organisation", columns)) {
                funnels.computeIfAbsent(List.of(p.audit(), p.metric(), p.period()), k -> new ArrayList<>()).add(p);
            }
            return funnels;
        });
    }

    /** A trust's totals over the months of an analysis period; {@code expected} for standardised ratios only. */
    public record Totals(String organisation, long numerator, long denominator, Double expected) {
        public FunnelPlot.Unit unit() {
            return new FunnelPlot.Unit(organisation, numerator, denominator, expected == null ? Double.NaN : expected);
        }
    }

    /** The first month a metric has a trust point in, if any (months only: quarters and years are not analysed). */
    public java.util.Optional<String> firstMonth(String audit, String metric) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement select = c.prepareStatement("select min(period) from trust_point"
                    + " where audit = ? and metric = ? and period ~ '^[0-9]{4}-[0-9]{2}$'")) {
                select.setString(1, audit);
                select.setString(2, metric);
                try (ResultSet rs = select.executeQuery()) {
                    return java.util.Optional.ofNullable(rs.next() ? rs.getString(1) : null);
                }
            }
        });
    }

    /** Each trust's numerators and denominators summed over the months, by organisation. */
    public List<Totals> totals(String audit, String metric, List<String> months) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement select = c.prepareStatement("select organisation, sum(numerator), sum(denominator),"
                    + " sum(expected)::double precision"
                    + " from trust_point where audit = ? and metric = ? and period = any(?::varchar[])"
                    + " and numerator is not null group by organisation order by organisation")) {
                select.setString(1, audit);
                select.setString(2, metric);
                select.setArray(3, c.createArrayOf("varchar", months.toArray()));
                List<Totals> totals = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        totals.add(new Totals(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getObject(4, Double.class)));
                    }
                }
                return totals;
            }
        });
    }

    /** Every series and, for a metric compared on funnels, every period the metric has points in. */
    public MetricExtent extentOf(String audit, String metric) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            Set<String> series = new LinkedHashSet<>();
            Set<String> periods = new LinkedHashSet<>();
            try (PreparedStatement select = c.prepareStatement("select distinct organisation || '/' ||"
                    + " coalesce(microsystem, ''), period, metric_type = any(?::varchar[]) from series_point"
                    + " where audit = ? and metric = ?")) {
                select.setArray(1, c.createArrayOf("varchar", FUNNELLED));
                select.setString(2, audit);
                select.setString(3, metric);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        series.add(rs.getString(1));
                        if (rs.getBoolean(3)) {
                            periods.add(rs.getString(2));
                        }
                    }
                }
            }
            return new MetricExtent(series, periods);
        });
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
            insert.setArray(1, varchars(connection, List.copyOf(bySeries.keySet())));
            insert.setArray(2, varchars(connection, bySeries.values().stream()
                    .map(c -> new SeriesKey(c.audit(), c.metric(), c.organisation(), null).asText()).toList()));
            insert.setArray(3, varchars(connection, bySeries.values().stream().map(Changed::microsystem).toList()));
            insert.executeUpdate();
        }
    }

    /**
     * Brings the trusts' series ({@code trust_point}) up to date for the periods that changed: a trust-level
     * result is the trust's point for its period; otherwise the point is the sum of the trust's microsystems for
     * the period (counted metrics only), read through the register by key.
     */
    private static void updateTrusts(Connection connection, List<Changed> changed, boolean dropped) throws SQLException {
        Map<String, String[]> own = new LinkedHashMap<>();
        Map<String, String[]> summed = new LinkedHashMap<>();
        for (Changed c : changed) {
            String trust = new SeriesKey(c.audit(), c.metric(), c.organisation(), null).asText();
            String[] pair = {trust, c.period()};
            if (dropped) {
                // A point went: the trust's own result may be gone (its wards' sum takes over), or the last ward.
                own.putIfAbsent(trust + "@" + c.period(), pair);
                summed.putIfAbsent(trust + "@" + c.period(), pair);
            } else if (c.microsystem() == null) {
                own.putIfAbsent(trust + "@" + c.period(), pair);
            } else if (c.metricType().counted()) {
                summed.putIfAbsent(trust + "@" + c.period(), pair);
            }
        }
        if (dropped) {
            try (PreparedStatement stale = connection.prepareStatement("delete from trust_point t using"
                    + " unnest(?::varchar[], ?::varchar[]) as c(trust_key, period)"
                    + " where t.series_key = c.trust_key and t.period = c.period and case when t.own"
                    + " then not exists (select 1 from series_point p where p.series_key = c.trust_key"
                    + " and p.period = c.period)"
                    + " else not exists (select 1 from series s join series_point p on p.series_key = s.series_key"
                    + " where s.trust_key = c.trust_key and s.microsystem is not null and p.period = c.period) end")) {
                bindTrustPeriods(connection, stale, own.values());
                stale.executeUpdate();
            }
        }
        if (!own.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement("insert into trust_point (" + TRUST_POINT_COLUMNS
                    + ") select p.series_key, p.period, p.period_start, p.audit, p.metric, p.organisation, p.metric_type,"
                    + " p.direction, p.target, p.numerator, p.denominator, p.value, p.expected, true"
                    + " from unnest(?::varchar[], ?::varchar[]) as c(series_key, period)"
                    + " join series_point p using (series_key, period)" + TRUST_POINT_UPDATE)) {
                bindTrustPeriods(connection, insert, own.values());
                insert.executeUpdate();
            }
        }
        if (!summed.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement("insert into trust_point (" + TRUST_POINT_COLUMNS
                    + ") select c.trust_key, c.period, min(p.period_start), min(p.audit), min(p.metric),"
                    + " min(p.organisation), min(p.metric_type), min(p.direction), max(p.target), sum(p.numerator),"
                    + " sum(p.denominator), null, sum(p.expected), false"
                    + " from unnest(?::varchar[], ?::varchar[]) as c(trust_key, period)"
                    + " join series s on s.trust_key = c.trust_key and s.microsystem is not null"
                    // Each microsystem's point for the period by the whole primary key. Joined plainly, PostgreSQL
                    // looks a series up by its key alone and filters its months (36 rows read for each one kept, the
                    // statement's time nearly trebled); the fence (offset 0) keeps the period in the index lookup.
                    + " cross join lateral (select * from series_point q where q.series_key = s.series_key"
                    + " and q.period = c.period offset 0) p"
                    + " group by c.trust_key, c.period having bool_and(p.numerator is not null)"
                    + " and (min(p.metric_type) <> 'standardised-ratio' or bool_and(p.expected is not null))"
                    + TRUST_POINT_UPDATE + " where not trust_point.own")) {
                bindTrustPeriods(connection, insert, summed.values());
                insert.executeUpdate();
            }
        }
    }

    private static void bindTrustPeriods(Connection connection, PreparedStatement statement, Collection<String[]> keys)
            throws SQLException {
        statement.setArray(1, varchars(connection, keys.stream().map(k -> k[0]).toList()));
        statement.setArray(2, varchars(connection, keys.stream().map(k -> k[1]).toList()));
    }

    private static Array varchars(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("varchar", values.toArray());
    }

    private static Map<String, List<SeriesPoint>> bySeries(List<SeriesPoint> points) {
        Map<String, List<SeriesPoint>> series = new HashMap<>();
        for (SeriesPoint p : points) {
            series.computeIfAbsent(p.seriesKey(), k -> new ArrayList<>()).add(p);
        }
        series.values().forEach(s -> s.sort(BY_PERIOD));
        return series;
    }

    private static List<SeriesPoint> read(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            List<SeriesPoint> points = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    points.add(new SeriesPoint(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            MetricType.fromCode(rs.getString(8)), rs.getString(9), rs.getBigDecimal(10),
                            rs.getObject(11, Long.class), rs.getObject(12, Long.class), rs.getBigDecimal(13),
                            rs.getBigDecimal(14)));
                }
            }
            return points;
        }
    }

    /** Binds one array parameter per column of a batch, in order. */
    private static final class Columns<T> {
        private final Connection connection;
        private final PreparedStatement statement;
        private final List<T> rows;
        private int index = 1;

        Columns(Connection connection, PreparedStatement statement, List<T> rows) {
            this.connection = connection;
            this.statement = statement;
            this.rows = rows;
        }

        void add(String sqlType, Function<T, Object> column) throws SQLException {
            statement.setArray(index++, connection.createArrayOf(sqlType, rows.stream().map(column).toArray()));
        }

        int next() {
            return index;
        }
    }
}
