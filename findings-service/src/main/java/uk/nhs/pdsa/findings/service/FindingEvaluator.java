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
import uk.nhs.pdsa.findings.repository.SeriesRepository;
import uk.nhs.pdsa.findings.spc.SpcAnalysis;
import uk.nhs.pdsa.findings.state.FindingRules;
import uk.nhs.pdsa.runtime.outbox.Outbox;

/**
 * Recomputes the findings of the due series and funnels of several metrics from the stored points, compares them
 * with the findings held, and writes and publishes (through the outbox, same transaction) only what changed. The
 * caller holds the metrics' locks, so no other transaction recomputes the same findings meanwhile.
 */
@ApplicationScoped
public class FindingEvaluator {
    private static final Logger LOG = Logger.getLogger(FindingEvaluator.class);

    private final EntityManager em;
    private final SeriesRepository repository;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;

    public FindingEvaluator(EntityManager em, SeriesRepository repository, Outbox outbox, ObjectMapper json) {
        this.em = em;
        this.repository = repository;
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
        Set<SeriesKey> seriesKeys = new LinkedHashSet<>();
        List<List<String>> funnelKeys = new ArrayList<>();
        work.forEach((m, due) -> {
            for (String key : due.series()) {
                SeriesKey series = Recomputation.series(m.audit(), m.metric(), key);
                seriesKeys.add(series);
                seriesKeys.add(new SeriesKey(series.audit(), series.metric(), series.organisation(), null));
            }
            due.periods().forEach(p -> funnelKeys.add(List.of(m.audit(), m.metric(), p)));
        });
        long t0 = System.nanoTime();
        Map<String, List<SeriesPoint>> series = repository.series(seriesKeys);
        Map<String, List<String>> rebased = uk.nhs.pdsa.findings.SeriesRebase.activePeriods(seriesKeys);
        long tReadTrusts = System.nanoTime();
        for (SeriesKey key : seriesKeys) {
            List<SeriesPoint> points = series.get(key.asText());
            subjects.add(key.asText());
            if (points == null) {
                continue; // every point withdrawn: its findings resolve
            }
            SpcAnalysis analysis = SeriesAnalyser.analyse(points,
                    Optional.ofNullable(settings.get(new MetricKey(key.audit(), key.metric()))),
                    rebased.getOrDefault(key.asText(), List.of()));
            FindingRules.specialCause(key, analysis.direction(), analysis).ifPresent(desired::add);
        }
        long tSpc = System.nanoTime();
        java.util.Set<MetricKey> analysedByPolicy = analysedByPolicy();
        Map<List<String>, List<SeriesPoint>> funnels = repository.funnels(funnelKeys);
        long tReadFunnels = System.nanoTime();
        for (List<String> key : funnelKeys) {
            subjects.add(funnelSubject(key.get(0), key.get(1), key.get(2)));
            if (analysedByPolicy.contains(new MetricKey(key.get(0), key.get(1)))) {
                continue;
            }
            List<SeriesPoint> points = funnels.getOrDefault(key, List.of());
            List<FunnelPlot.Unit> units = SeriesCharts.units(points);
            FunnelPlot.Type type = points.isEmpty() ? null : FunnelPlot.Type.of(points.get(0).metricType()).orElse(null);
            if (type == null || units.size() < 2) {
                continue;
            }
            MetricSettings s = settings.get(new MetricKey(key.get(0), key.get(1)));
            String direction = s != null ? s.direction : points.get(points.size() - 1).direction();
            desired.addAll(FindingRules.outliers(key.get(0), key.get(1), direction, key.get(2),
                    FunnelPlot.compute(type, units, FunnelPlot.Method.AUTO, false)));
        }
        long t1 = System.nanoTime();
        return em.unwrap(Session.class).doReturningWork(connection -> {
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

    /**
     * The metrics an audit's outlier policy analyses: their providers are compared on closed periods
     * ({@link OutlierAnalysis}), so their live monthly funnels raise nothing (their open monthly outliers resolve).
     */
    private static java.util.Set<MetricKey> analysedByPolicy() {
        java.util.Set<MetricKey> analysed = new java.util.HashSet<>();
        for (uk.nhs.pdsa.findings.AuditOutlierPolicy p : uk.nhs.pdsa.findings.AuditOutlierPolicy.stated()) {
            p.rules().ifPresent(r -> r.metrics().forEach(m -> analysed.add(new MetricKey(p.audit, m))));
        }
        return analysed;
    }

    static String funnelSubject(String audit, String metric, String period) {
        return audit + "/" + metric + "@" + period;
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
