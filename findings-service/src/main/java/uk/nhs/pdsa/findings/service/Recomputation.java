package uk.nhs.pdsa.findings.service;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.hibernate.Session;
import uk.nhs.pdsa.runtime.tracing.EventTracing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import uk.nhs.pdsa.events.SeriesKey;
import uk.nhs.pdsa.findings.repository.SeriesRepository;

/**
 * Records, in the transaction that changed the data, which series and funnels must be recomputed
 * ({@code finding_due}); the {@link FindingWorker} takes them after the commit. A unit marked many times in a
 * batch, or in many batches before the worker gets to it, is recomputed once. The table has no unique key, so
 * marking never waits for a worker that is taking the same unit.
 */
@ApplicationScoped
public class Recomputation {
    public static final String SERIES = "series";
    public static final String FUNNEL = "funnel";

    /**
     * One unit of recomputation: a series and its trust's ({@link #SERIES}, key {@code trust/microsystem}, or
     * {@code trust/} for a trust-level series) or one funnel period ({@link #FUNNEL}, key the period).
     */
    public record Due(String audit, String metric, String scope, String key) {
    }

    /** Fired when units were marked; observed after the commit to wake the worker. */
    public record Marked() {
    }

    private final EntityManager em;
    private final SeriesRepository series;
    private final Event<Marked> marked;

    public Recomputation(EntityManager em, SeriesRepository series, Event<Marked> marked) {
        this.em = em;
        this.series = series;
        this.marked = marked;
    }

    /** Marks the trusts' series and the funnels the changed points belong to. */
    @Transactional(TxType.MANDATORY)
    public void pointsChanged(Collection<SeriesRepository.Changed> changed) {
        Set<Due> due = new LinkedHashSet<>();
        for (SeriesRepository.Changed c : changed) {
            due.add(new Due(c.audit(), c.metric(), SERIES, seriesKey(c.organisation(), c.microsystem())));
            if (c.metricType().funnelled()) {
                due.add(new Due(c.audit(), c.metric(), FUNNEL, c.period()));
            }
        }
        mark(List.copyOf(due));
    }

    /** Marks every series and funnel of a metric (its chart settings changed). */
    @Transactional(TxType.MANDATORY)
    public void metricChanged(String audit, String metric) {
        SeriesRepository.MetricExtent extent = series.extentOf(audit, metric);
        List<Due> due = new ArrayList<>();
        extent.series().forEach(key -> due.add(new Due(audit, metric, SERIES, key)));
        extent.periods().forEach(period -> due.add(new Due(audit, metric, FUNNEL, period)));
        mark(due);
    }

    /** Marks one series (and its trust's) for recomputation: its chart settings changed (a team rebased it). */
    @Transactional(TxType.MANDATORY)
    public void seriesChanged(String audit, String metric, String organisation, String microsystem) {
        mark(List.of(new Due(audit, metric, SERIES, seriesKey(organisation, microsystem))));
    }

    static String seriesKey(String organisation, String microsystem) {
        return organisation + "/" + (microsystem == null ? "" : microsystem);
    }

    /** The series a {@link #SERIES} key names: {@code trust/microsystem}, or {@code trust/} for the trust's own. */
    static SeriesKey series(String audit, String metric, String key) {
        int slash = key.indexOf('/');
        return new SeriesKey(audit, metric, key.substring(0, slash),
                slash == key.length() - 1 ? null : key.substring(slash + 1));
    }

    private void mark(List<Due> due) {
        if (due.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            // The trace of the events that made the work due goes with it to the recomputation (FindingWorker).
            try (PreparedStatement insert = connection.prepareStatement("insert into finding_due (audit, metric, scope, key,"
                    + " traceparent) select u.*, ? from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[]) as u")) {
                insert.setString(1, EventTracing.current());
                insert.setArray(2, connection.createArrayOf("varchar", due.stream().map(Due::audit).toArray()));
                insert.setArray(3, connection.createArrayOf("varchar", due.stream().map(Due::metric).toArray()));
                insert.setArray(4, connection.createArrayOf("varchar", due.stream().map(Due::scope).toArray()));
                insert.setArray(5, connection.createArrayOf("varchar", due.stream().map(Due::key).toArray()));
                insert.executeUpdate();
            }
        });
        marked.fire(new Marked());
    }
}
