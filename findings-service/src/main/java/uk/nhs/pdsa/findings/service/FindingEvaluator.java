package uk.nhs.pdsa.findings.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.hibernate.Session;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import uk.nhs.pdsa.events.FindingState;
import uk.nhs.pdsa.events.SeriesKey;
import uk.nhs.pdsa.findings.MetricSettings;
import uk.nhs.pdsa.findings.SeriesPoint;
import uk.nhs.pdsa.findings.funnel.FunnelPlot;
import uk.nhs.pdsa.findings.spc.SpcAnalysis;
import uk.nhs.pdsa.findings.state.FindingRules;
import uk.nhs.pdsa.runtime.outbox.Outbox;

/**
 * Recomputes the findings of some trusts' series and some funnels of one metric from the stored points, compares
 * them with the findings held, and writes and publishes (through the outbox, same transaction) only what changed.
 * The caller holds the metric's lock, so no other transaction recomputes the same findings meanwhile.
 */
@ApplicationScoped
public class FindingEvaluator {
    private static final String POINT_COLUMNS = "series_key, period, period_start, audit, metric, organisation,"
            + " microsystem, metric_type, direction, target, numerator, denominator, value";

    private final EntityManager em;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private static final Logger LOG = Logger.getLogger(FindingEvaluator.class);

    public FindingEvaluator(EntityManager em, Outbox outbox, ObjectMapper json) {
        this.em = em;
        this.outbox = outbox;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    /**
     * One metric's work: the series to recompute ({@code trust/microsystem}, or {@code trust/}; each with its
     * trust's series) and the periods whose funnels are to be recomputed.
     */
    public record Due(Set<String> series, Set<String> periods) {
    }

    /** A metric of an audit. */
    public record MetricKey(String audit, String metric) {
    }

    /**
     * Recomputes the due series and funnels of several metrics at once: a few set-based reads for all of them, one
     * write, one outbox insert.
     *
     * @return the transitions written and published
     */
    @Transactional(TxType.MANDATORY)
    public List<FindingRules.Transition> evaluate(Map<MetricKey, Due> work) {
        Map<MetricKey, MetricSettings> settings = new HashMap<>();
        MetricSettings.<MetricSettings>listAll().forEach(s -> settings.put(new MetricKey(s.audit, s.metric), s));
        Set<String> subjects = new LinkedHashSet<>();
        List<FindingState> desired = new ArrayList<>();
        return em.unwrap(Session.class).doReturningWork(connection -> {
            List<String> seriesKeys = new ArrayList<>();
            Set<SeriesKey> trusts = new LinkedHashSet<>();
            List<String[]> periodKeys = new ArrayList<>();
            work.forEach((m, due) -> {
                for (String key : due.series()) {
                    int slash = key.indexOf('/');
                    String organisation = key.substring(0, slash);
                    String microsystem = slash == key.length() - 1 ? null : key.substring(slash + 1);
                    SeriesKey trust = new SeriesKey(m.audit(), m.metric(), organisation, null);
                    if (microsystem != null) {
                        seriesKeys.add(new SeriesKey(m.audit(), m.metric(), organisation, microsystem).asText());
                    }
                    if (trusts.add(trust)) {
                        seriesKeys.add(trust.asText());
                    }
                }
                due.periods().forEach(p -> periodKeys.add(new String[] {m.audit(), m.metric(), p}));
            });
            long t0 = System.nanoTime();
            // The due series (and each trust's own trust-level series) by primary key, and per trust the sums of
            // its microsystems per period, added up by PostgreSQL.
            Map<String, List<SeriesPoint>> bySeries = new HashMap<>();
            for (SeriesPoint p : seriesPoints(connection, seriesKeys)) {
                bySeries.computeIfAbsent(p.seriesKey, k -> new ArrayList<>()).add(p);
            }
            Map<String, List<SeriesPoint>> sums = trustSums(connection, trusts);
            long tReadTrusts = System.nanoTime();
            for (String key : seriesKeys) {
                List<SeriesPoint> points = bySeries.get(key);
                if (points == null) {
                    points = sums.get(key);
                }
                if (points == null || points.isEmpty()) {
                    continue;
                }
                points.sort(BY_PERIOD);
                SeriesPoint first = points.get(0);
                SeriesKey series = new SeriesKey(first.audit, first.metric, first.organisation, first.microsystem);
                subjects.add(key);
                SpcAnalysis analysis = SeriesAnalyser.analyse(points,
                        Optional.ofNullable(settings.get(new MetricKey(first.audit, first.metric))));
                FindingRules.specialCause(series, analysis.direction(), analysis).ifPresent(desired::add);
            }
            long tSpc = System.nanoTime();
            Map<List<String>, List<SeriesPoint>> byPeriod = new HashMap<>();
            for (SeriesPoint p : points(connection, "period", periodKeys)) {
                byPeriod.computeIfAbsent(List.of(p.audit, p.metric, p.period), k -> new ArrayList<>()).add(p);
            }
            long tReadFunnels = System.nanoTime();
            for (String[] key : periodKeys) {
                subjects.add(funnelSubject(key[0], key[1], key[2]));
                List<SeriesPoint> points = byPeriod.getOrDefault(List.of(key), List.of());
                List<FunnelPlot.Unit> units = SeriesAssembly.funnelUnits(points);
                FunnelPlot.Type type = points.isEmpty() ? null : SeriesAssembly.funnelType(points.get(0).metricType);
                if (type == null || units.size() < 2) {
                    continue;
                }
                MetricSettings s = settings.get(new MetricKey(key[0], key[1]));
                String direction = s != null ? s.direction : points.get(points.size() - 1).direction;
                desired.addAll(FindingRules.outliers(key[0], key[1], direction, key[2],
                        FunnelPlot.compute(type, units, FunnelPlot.Method.AUTO, false)));
            }
            long t1 = System.nanoTime();
            List<FindingState> held = held(connection, subjects, desired.stream().map(FindingState::findingId).toList());
            List<FindingRules.Transition> transitions = FindingRules.reconcile(held, desired, clock.instant());
            long t2 = System.nanoTime();
            write(connection, transitions);
            if (LOG.isDebugEnabled()) {
                LOG.debugf("Evaluated %d series and funnels: points read in %d ms, charts in %d ms, funnel points read in"
                        + " %d ms, funnels in %d ms, held findings read in %d ms, %d changes written in %d ms",
                        subjects.size(), (tReadTrusts - t0) / 1_000_000, (tSpc - tReadTrusts) / 1_000_000,
                        (tReadFunnels - tSpc) / 1_000_000, (t1 - tReadFunnels) / 1_000_000, (t2 - t1) / 1_000_000,
                        transitions.size(), (System.nanoTime() - t2) / 1_000_000);
            }
            return transitions;
        });
    }

    static String funnelSubject(String audit, String metric, String period) {
        return audit + "/" + metric + "@" + period;
    }

    private static final java.util.Comparator<SeriesPoint> BY_PERIOD = java.util.Comparator
            .<SeriesPoint, java.time.LocalDate>comparing(p -> p.periodStart).thenComparing(p -> p.period);

    /** The stored points of the given series, by primary key. */
    private static List<SeriesPoint> seriesPoints(Connection c, List<String> keys) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select " + POINT_COLUMNS + " from series_point"
                + " where series_key = any(?::varchar[])")) {
            select.setArray(1, c.createArrayOf("varchar", keys.toArray()));
            return read(select);
        }
    }

    /**
     * Per trust and period, the sum of its microsystems' numerators and denominators (proportions and rates only:
     * values cannot be summed), as the points of the trust's series.
     */
    private static Map<String, List<SeriesPoint>> trustSums(Connection c, Collection<SeriesKey> trusts) throws SQLException {
        Map<String, List<SeriesPoint>> sums = new HashMap<>();
        if (trusts.isEmpty()) {
            return sums;
        }
        Map<String, SeriesKey> byText = new HashMap<>();
        trusts.forEach(t -> byText.put(t.asText(), t));
        try (PreparedStatement select = c.prepareStatement("select s.trust_key, p.period, min(p.period_start),"
                + " min(p.metric_type), min(p.direction), max(p.target), sum(p.numerator), sum(p.denominator)"
                + " from series s join series_point p on p.series_key = s.series_key"
                + " where s.trust_key = any(?::varchar[]) and s.microsystem is not null"
                + " group by s.trust_key, p.period having bool_and(p.numerator is not null)")) {
            select.setArray(1, c.createArrayOf("varchar", byText.keySet().toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    SeriesKey trust = byText.get(rs.getString(1));
                    SeriesPoint p = new SeriesPoint();
                    p.audit = trust.audit();
                    p.metric = trust.metric();
                    p.organisation = trust.organisation();
                    p.seriesKey = trust.asText();
                    p.period = rs.getString(2);
                    p.periodStart = rs.getObject(3, java.time.LocalDate.class);
                    p.metricType = rs.getString(4);
                    p.direction = rs.getString(5);
                    p.target = rs.getBigDecimal(6);
                    p.numerator = rs.getLong(7);
                    p.denominator = rs.getLong(8);
                    sums.computeIfAbsent(p.seriesKey, k -> new ArrayList<>()).add(p);
                }
            }
        }
        return sums;
    }

    /** Every stored point of the given (audit, metric, {@code column}) triples, in one query. */
    private static List<SeriesPoint> points(Connection c, String column, List<String[]> keys) throws SQLException {
        if (keys.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement select = c.prepareStatement("select " + POINT_COLUMNS + " from series_point"
                + " join unnest(?::varchar[], ?::varchar[], ?::varchar[]) as due(audit, metric, " + column + ")"
                + " using (audit, metric, " + column + ")")) {
            for (int i = 0; i < 3; i++) {
                int column_ = i;
                select.setArray(i + 1, c.createArrayOf("varchar", keys.stream().map(k -> k[column_]).toArray()));
            }
            return read(select);
        }
    }

    private static List<SeriesPoint> read(PreparedStatement select) throws SQLException {
        List<SeriesPoint> points = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                SeriesPoint p = new SeriesPoint();
                p.seriesKey = rs.getString(1);
                p.period = rs.getString(2);
                p.periodStart = rs.getObject(3, java.time.LocalDate.class);
                p.audit = rs.getString(4);
                p.metric = rs.getString(5);
                p.organisation = rs.getString(6);
                p.microsystem = rs.getString(7);
                p.metricType = rs.getString(8);
                p.direction = rs.getString(9);
                p.target = rs.getBigDecimal(10);
                p.numerator = rs.getObject(11, Long.class);
                p.denominator = rs.getObject(12, Long.class);
                p.value = rs.getBigDecimal(13);
                points.add(p);
            }
        }
        return points;
    }

    private List<FindingState> held(Connection c, Collection<String> subjects, List<UUID> ids) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select finding_id, state::text from finding"
                + " where status = 'open' and subject = any(?::varchar[])"
                + " union select finding_id, state::text from finding where finding_id = any(?::uuid[])")) {
            select.setArray(1, c.createArrayOf("varchar", subjects.toArray()));
            select.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            List<FindingState> held = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    held.add(json.readValue(rs.getString(2), FindingState.class));
                }
            }
            return held;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored finding is not a FindingState", e);
        }
    }

    private void write(Connection c, List<FindingRules.Transition> transitions) throws SQLException {
        if (transitions.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = c.prepareStatement("insert into finding (finding_id, kind, status, version,"
                + " orientation, subject, audit, metric, organisation, microsystem, period, state, raised_at, updated_at,"
                + " resolved_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)"
                + " on conflict (finding_id) do update set status = excluded.status, version = excluded.version,"
                + " orientation = excluded.orientation, period = excluded.period, state = excluded.state,"
                + " raised_at = excluded.raised_at, updated_at = excluded.updated_at, resolved_at = excluded.resolved_at")) {
            List<Outbox.Message> messages = new ArrayList<>(transitions.size());
            for (FindingRules.Transition t : transitions) {
                FindingState f = t.state();
                String subject = f.specialCause() != null ? f.key() : funnelSubject(f.audit(), f.metric(), f.period());
                int i = 1;
                upsert.setObject(i++, f.findingId());
                upsert.setString(i++, f.kind());
                upsert.setString(i++, f.status());
                upsert.setInt(i++, f.version());
                upsert.setString(i++, f.orientation());
                upsert.setString(i++, subject);
                upsert.setString(i++, f.audit());
                upsert.setString(i++, f.metric());
                upsert.setString(i++, f.organisation());
                upsert.setString(i++, f.microsystem());
                upsert.setString(i++, f.period());
                upsert.setString(i++, toJson(f));
                upsert.setObject(i++, utc(f.raisedAt()));
                upsert.setObject(i++, utc(f.updatedAt()));
                upsert.setObject(i, utc(f.resolvedAt()));
                upsert.addBatch();
                if (t.published()) {
                    messages.add(new Outbox.Message(t.type(), f.eventId(), f.key(), f.key() + "@" + f.period(), f));
                }
            }
            upsert.executeBatch();
            if (!messages.isEmpty()) {
                outbox.publishAll(messages);
            }
        }
    }

    private String toJson(FindingState f) {
        try {
            return json.writeValueAsString(f);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
