package uk.nhs.pdsa.findings.service;

import java.math.BigDecimal;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.hibernate.Session;

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

    public FindingEvaluator(EntityManager em, Outbox outbox, ObjectMapper json) {
        this.em = em;
        this.outbox = outbox;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    /** @return the transitions written and published */
    @Transactional(TxType.MANDATORY)
    public List<FindingRules.Transition> evaluate(String audit, String metric, Collection<String> trusts,
            Collection<String> periods) {
        Optional<MetricSettings> settings = MetricSettings.of(audit, metric);
        Set<String> subjects = new LinkedHashSet<>();
        List<FindingState> desired = new ArrayList<>();
        return em.unwrap(Session.class).doReturningWork(connection -> {
            if (!trusts.isEmpty()) {
                Map<String, List<SeriesPoint>> byTrust = new TreeMap<>();
                for (SeriesPoint p : points(connection, audit, metric, "organisation", trusts)) {
                    byTrust.computeIfAbsent(p.organisation, t -> new ArrayList<>()).add(p);
                }
                for (List<SeriesPoint> trustPoints : byTrust.values()) {
                    for (Map.Entry<SeriesKey, List<SeriesPoint>> series : SeriesAssembly.seriesOfTrust(trustPoints).entrySet()) {
                        subjects.add(series.getKey().asText());
                        SpcAnalysis analysis = SeriesAnalyser.analyse(series.getValue(), settings);
                        FindingRules.specialCause(series.getKey(), analysis.direction(), analysis).ifPresent(desired::add);
                    }
                }
            }
            if (!periods.isEmpty()) {
                Map<String, List<SeriesPoint>> byPeriod = new TreeMap<>();
                for (SeriesPoint p : points(connection, audit, metric, "period", periods)) {
                    byPeriod.computeIfAbsent(p.period, t -> new ArrayList<>()).add(p);
                }
                for (String period : periods) {
                    subjects.add(funnelSubject(audit, metric, period));
                    List<SeriesPoint> points = byPeriod.getOrDefault(period, List.of());
                    List<FunnelPlot.Unit> units = SeriesAssembly.funnelUnits(points);
                    FunnelPlot.Type type = points.isEmpty() ? null : SeriesAssembly.funnelType(points.get(0).metricType);
                    if (type == null || units.size() < 2) {
                        continue;
                    }
                    String direction = settings.map(s -> s.direction).orElse(points.get(points.size() - 1).direction);
                    desired.addAll(FindingRules.outliers(audit, metric, direction, period,
                            FunnelPlot.compute(type, units, FunnelPlot.Method.AUTO)));
                }
            }
            List<FindingState> held = held(connection, subjects, desired.stream().map(FindingState::findingId).toList());
            List<FindingRules.Transition> transitions = FindingRules.reconcile(held, desired, clock.instant());
            write(connection, transitions);
            return transitions;
        });
    }

    static String funnelSubject(String audit, String metric, String period) {
        return audit + "/" + metric + "@" + period;
    }

    private static List<SeriesPoint> points(Connection c, String audit, String metric, String column,
            Collection<String> values) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select " + POINT_COLUMNS + " from series_point"
                + " where audit = ? and metric = ? and " + column + " = any(?::varchar[])")) {
            select.setString(1, audit);
            select.setString(2, metric);
            select.setArray(3, c.createArrayOf("varchar", values.toArray()));
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
                    BigDecimal value = rs.getBigDecimal(13);
                    p.value = value;
                    points.add(p);
                }
            }
            return points;
        }
    }

    private List<FindingState> held(Connection c, Collection<String> subjects, List<UUID> ids) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select state::text from finding"
                + " where (status = 'open' and subject = any(?::varchar[])) or finding_id = any(?::uuid[])")) {
            select.setArray(1, c.createArrayOf("varchar", subjects.toArray()));
            select.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            List<FindingState> held = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    held.add(json.readValue(rs.getString(1), FindingState.class));
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
                messages.add(new Outbox.Message(t.type(), f.eventId(), f.key(), f.key() + "@" + f.period(), f));
            }
            upsert.executeBatch();
            outbox.publishAll(messages);
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
