package uk.nhs.pdsa.findings.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import uk.nhs.pdsa.findings.messaging.ResultPartitions;
import uk.nhs.pdsa.findings.state.FindingRules;
import uk.nhs.pdsa.runtime.tracing.EventTracing;
import uk.nhs.pdsa.runtime.work.AfterCommitWorker;

/**
 * Takes the recomputations that are due ({@code finding_due}), a round of metrics at a time, each metric under its
 * advisory lock (replicas share the work, never the same metric at once), and hands them to the
 * {@link FindingEvaluator}. Woken after every commit that marks work, and every {@code tick} regardless. While the
 * consumer catches up on old records it waits, so each series is recomputed once from its final data
 * (docs/architecture.md, "Catching up"). It recomputes only the metrics whose audit results this instance consumes
 * ({@link ResultPartitions}): with several instances, each recomputes its own share.
 */
@ApplicationScoped
public class FindingWorker {
    private static final Logger LOG = Logger.getLogger(FindingWorker.class);

    private final EntityManager em;
    private final FindingEvaluator evaluator;
    private final EventTracing tracing;
    private final ResultPartitions partitions;
    private final CatchUp catchUp;
    private final long roundUnits;
    private final Counter evaluated;
    private final Counter published;
    private final Timer recomputeTime;
    private final AfterCommitWorker worker;
    private final Duration shutdownTimeout;
    private boolean deferred;

    public FindingWorker(EntityManager em, FindingEvaluator evaluator, MeterRegistry metrics, EventTracing tracing,
            ResultPartitions partitions,
            @ConfigProperty(name = "pdsa.findings.worker.tick", defaultValue = "PT0.5S") Duration tick,
            @ConfigProperty(name = "pdsa.findings.catch-up.behind", defaultValue = "PT10S") Duration behind,
            @ConfigProperty(name = "pdsa.findings.catch-up.idle", defaultValue = "PT1S") Duration idle,
            @ConfigProperty(name = "pdsa.findings.worker.round-units", defaultValue = "500") long roundUnits,
            @ConfigProperty(name = "pdsa.workers.shutdown-timeout", defaultValue = "30s") Duration shutdownTimeout) {
        this.em = em;
        this.evaluator = evaluator;
        this.tracing = tracing;
        this.partitions = partitions;
        this.worker = new AfterCommitWorker("finding-worker", tick, this::recomputeDue);
        this.shutdownTimeout = shutdownTimeout;
        this.catchUp = new CatchUp(behind, idle);
        this.roundUnits = roundUnits;
        this.evaluated = metrics.counter("pdsa_findings_recomputed_metrics");
        this.published = metrics.counter("pdsa_findings_transitions");
        this.recomputeTime = Timer.builder("pdsa_findings_recompute").description("Recomputing one metric's due series and funnels")
                .publishPercentiles(0.5, 0.99).register(metrics);
    }

    void start(@Observes StartupEvent started) {
        worker.start(Duration.ofMillis(1));
    }

    void stop(@Observes ShutdownEvent stopping) {
        worker.stop(shutdownTimeout);
    }

    void onMarked(@Observes(during = TransactionPhase.AFTER_SUCCESS) Recomputation.Marked marked) {
        wake();
    }

    /** The consumer took a batch whose newest record the broker appended at {@code newestAppended}. */
    public void batchConsumed(Instant newestAppended) {
        catchUp.batchConsumed(Instant.now(), newestAppended);
    }

    void wake() {
        worker.wake();
    }

    /** One round of due metrics, unless the consumer is catching up; true when there may be more. */
    private boolean recomputeDue() {
        boolean deferring = catchUp.defer(Instant.now());
        if (deferring != deferred) {
            deferred = deferring;
            LOG.infof(deferring ? "The consumer is catching up: recomputation waits until it is idle"
                    : "The consumer has caught up: recomputing what is due");
        }
        return !deferring && worker.isRunning() && QuarkusTransaction.requiringNew().call(this::round) > 0;
    }

    /**
     * One transaction: claims due metrics (each under its advisory lock, skipping those another replica holds) until
     * about {@code pdsa.findings.worker.round-units} trusts and funnels are due, takes their due rows and recomputes
     * them together. Returns the number of metrics claimed.
     */
    @SuppressWarnings("unchecked")
    private int round() {
        long started = System.nanoTime();
        // Only metrics whose audit results this instance consumes, read up (ResultPartitions): each metric's data is on
        // one partition, so another instance never recomputes it from data still being read.
        List<Object[]> candidates = ((List<Object[]>) em.createNativeQuery("select audit, metric, count(*) from finding_due"
                + " group by audit, metric order by audit, metric").getResultList()).stream()
                .filter(c -> partitions.recomputesNow((String) c[0], (String) c[1])).toList();
        List<String> audits = new ArrayList<>();
        List<String> metrics = new ArrayList<>();
        long units = 0;
        for (Object[] c : candidates) {
            if (units >= roundUnits) {
                break;
            }
            Boolean locked = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(hashtext(:key))")
                    .setParameter("key", "findings/" + c[0] + "/" + c[1]).getSingleResult();
            if (Boolean.TRUE.equals(locked)) {
                audits.add((String) c[0]);
                metrics.add((String) c[1]);
                units += ((Number) c[2]).longValue();
            }
        }
        if (audits.isEmpty()) {
            return 0;
        }
        List<Object[]> due = em.createNativeQuery("with taken as (delete from finding_due d"
                        + " using unnest(cast(:audits as varchar[]), cast(:metrics as varchar[])) as c(audit, metric)"
                        + " where d.audit = c.audit and d.metric = c.metric returning d.audit, d.metric, d.scope, d.key,"
                        // One row per series or funnel, with one of the traces that made it due.
                        + " d.traceparent) select audit, metric, scope, key, max(traceparent) from taken group by 1, 2, 3, 4")
                .setParameter("audits", audits.toArray(String[]::new))
                .setParameter("metrics", metrics.toArray(String[]::new)).getResultList();
        Map<FindingEvaluator.MetricKey, FindingEvaluator.Due> work = new TreeMap<>(
                Comparator.comparing(FindingEvaluator.MetricKey::audit).thenComparing(FindingEvaluator.MetricKey::metric));
        for (Object[] d : due) {
            FindingEvaluator.Due w = work.computeIfAbsent(new FindingEvaluator.MetricKey((String) d[0], (String) d[1]),
                    k -> new FindingEvaluator.Due(new TreeSet<>(), new TreeSet<>()));
            (Recomputation.SERIES.equals(d[2]) ? w.series() : w.periods()).add((String) d[3]);
        }
        // The recomputation joins the trace of the events that made it due (linked to each when they are several).
        Span span = tracing.start("findings recompute", SpanKind.INTERNAL,
                due.stream().map(d -> (String) d[4]).filter(java.util.Objects::nonNull).distinct().toList());
        List<FindingRules.Transition> transitions;
        try (Scope traced = span.makeCurrent()) {
            transitions = evaluator.evaluate(work);
        } finally {
            span.end();
        }
        evaluated.increment(audits.size());
        published.increment(transitions.stream().filter(FindingRules.Transition::published).count());
        long took = System.nanoTime() - started;
        recomputeTime.record(took, TimeUnit.NANOSECONDS);
        if (took > TimeUnit.SECONDS.toNanos(1) || LOG.isDebugEnabled()) {
            LOG.logf(took > TimeUnit.SECONDS.toNanos(1) ? Logger.Level.INFO : Logger.Level.DEBUG,
                    "Recomputed %d metrics in %d ms: %d series and funnels, %d changes", audits.size(),
                    TimeUnit.NANOSECONDS.toMillis(took),
                    work.values().stream().mapToInt(w -> w.series().size() + w.periods().size()).sum(), transitions.size());
        }
        return audits.size();
    }

    /**
     * Whether the consumer is catching up: it took a batch within {@code idle}, and that batch's newest record had
     * been on the broker for more than {@code behind} when it arrived.
     */
    static final class CatchUp {
        private final Duration behind;
        private final Duration idle;
        private volatile Instant lastBatchAt;
        private volatile Duration lastBatchBehind = Duration.ZERO;

        CatchUp(Duration behind, Duration idle) {
            this.behind = behind;
            this.idle = idle;
        }

        void batchConsumed(Instant now, Instant newestAppended) {
            lastBatchBehind = Duration.between(newestAppended, now);
            lastBatchAt = now;
        }

        boolean defer(Instant now) {
            Instant last = lastBatchAt;
            return last != null && Duration.between(last, now).compareTo(idle) < 0
                    && lastBatchBehind.compareTo(behind) > 0;
        }
    }
}
