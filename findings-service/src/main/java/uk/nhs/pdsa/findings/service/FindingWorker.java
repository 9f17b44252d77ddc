package uk.nhs.pdsa.findings.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import uk.nhs.pdsa.findings.state.FindingRules;

/**
 * Takes the recomputations that are due ({@code finding_due}) one metric at a time, each in its own transaction
 * under the metric's advisory lock (replicas share the work, never the same metric at once), and hands them to
 * the {@link FindingEvaluator}. Woken after every commit that marks work, and every {@code tick} regardless.
 * <p>
 * <b>Catching up.</b> While the consumer reads records the broker appended long ago (a rebuild from the start of
 * the topic, or a backlog after downtime), the worker waits until the consumer is idle: every series and funnel is
 * then recomputed once, from its final data, instead of once per batch through every intermediate state (which
 * would also publish findings that no longer hold). Live records are recomputed at once.
 */
@ApplicationScoped
public class FindingWorker {
    private static final Logger LOG = Logger.getLogger(FindingWorker.class);

    private final EntityManager em;
    private final FindingEvaluator evaluator;
    private final Duration tick;
    private final CatchUp catchUp;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Counter evaluated;
    private final Counter published;
    private volatile boolean running;
    private Thread thread;

    public FindingWorker(EntityManager em, FindingEvaluator evaluator, MeterRegistry metrics,
            @ConfigProperty(name = "pdsa.findings.worker.tick", defaultValue = "PT0.5S") Duration tick,
            @ConfigProperty(name = "pdsa.findings.catch-up.behind", defaultValue = "PT10S") Duration behind,
            @ConfigProperty(name = "pdsa.findings.catch-up.idle", defaultValue = "PT1S") Duration idle) {
        this.em = em;
        this.evaluator = evaluator;
        this.tick = tick;
        this.catchUp = new CatchUp(behind, idle);
        this.evaluated = metrics.counter("pdsa_findings_recomputed_metrics");
        this.published = metrics.counter("pdsa_findings_transitions");
    }

    void start(@Observes StartupEvent started) {
        running = true;
        thread = new Thread(this::loop, "finding-worker");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        running = false;
        wake();
        if (thread != null) {
            thread.join(Duration.ofSeconds(10).toMillis());
        }
    }

    void onMarked(@Observes(during = TransactionPhase.AFTER_SUCCESS) Recomputation.Marked marked) {
        wake();
    }

    /** The consumer took a batch whose newest record the broker appended at {@code newestAppended}. */
    public void batchConsumed(Instant newestAppended) {
        catchUp.batchConsumed(Instant.now(), newestAppended);
    }

    void wake() {
        wakeUps.release();
    }

    private void loop() {
        while (running) {
            try {
                wakeUps.tryAcquire(tick.toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                if (running && !catchUp.defer(Instant.now())) {
                    runDue();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "Recomputing findings failed; retrying in %s", tick);
            }
        }
    }

    /** Recomputes everything due now; returns the number of metrics recomputed. */
    int runDue() {
        int done = 0;
        int round;
        do {
            round = 0;
            for (String[] m : QuarkusTransaction.requiringNew().call(this::dueMetrics)) {
                if (!running || catchUp.defer(Instant.now())) {
                    return done;
                }
                if (QuarkusTransaction.requiringNew().call(() -> recompute(m[0], m[1]))) {
                    round++;
                }
            }
            done += round;
        } while (round > 0);
        return done;
    }

    @SuppressWarnings("unchecked")
    private List<String[]> dueMetrics() {
        List<Object[]> rows = em.createNativeQuery("select distinct audit, metric from finding_due limit 100")
                .getResultList();
        List<String[]> metrics = new ArrayList<>(rows.size());
        rows.forEach(r -> metrics.add(new String[] {(String) r[0], (String) r[1]}));
        return metrics;
    }

    /** One metric, under its lock; false when another transaction holds it. */
    @SuppressWarnings("unchecked")
    private boolean recompute(String audit, String metric) {
        Boolean locked = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(hashtext(:key))")
                .setParameter("key", "findings/" + audit + "/" + metric).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return false;
        }
        List<Object[]> due = em.createNativeQuery("delete from finding_due where audit = :audit and metric = :metric"
                        + " returning scope, key")
                .setParameter("audit", audit).setParameter("metric", metric).getResultList();
        Set<String> trusts = new TreeSet<>();
        Set<String> periods = new TreeSet<>();
        for (Object[] d : due) {
            (Recomputation.SERIES.equals(d[0]) ? trusts : periods).add((String) d[1]);
        }
        List<FindingRules.Transition> transitions = evaluator.evaluate(audit, metric, trusts, periods);
        evaluated.increment();
        published.increment(transitions.size());
        LOG.debugf("Recomputed %s/%s: %d trusts, %d funnels, %d changes", audit, metric, trusts.size(), periods.size(),
                transitions.size());
        return true;
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
