package uk.nhs.pdsa.findings.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.pdsa.events.AuditResultRecorded;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.findings.service.FindingWorker;
import uk.nhs.pdsa.findings.service.Recomputation;
import uk.nhs.pdsa.events.Period;
import uk.nhs.pdsa.findings.repository.SeriesRepository;
import uk.nhs.pdsa.runtime.inbox.RejectedEventException;
import uk.nhs.pdsa.runtime.inbox.EventInbox;

/**
 * Audit-result revisions and withdrawals, a whole poll at a time (a withdrawal drops the point): one transaction stores every changed point and marks its series
 * and the funnel it belongs to for recomputation, which the {@link FindingWorker} does once per series and funnel
 * however many of its points the batch held. Idempotent by its effect: a point only takes a higher revision than
 * the one held and keeps the id of the event that brought it, so a redelivered event changes nothing.
 * <p>
 * A large poll (a rebuild, a backlog) is stored a partition at a time, one transaction per partition, on as many
 * threads as there are cores: results are keyed by metric, so partitions share no series, trust sum or funnel, and
 * one partition's store reads and parses while another's waits on PostgreSQL. The poll counts as consumed (its
 * offsets are committed) only once every partition's transaction has committed; a partition that failed is
 * delivered again with the others, which its revisions make harmless.
 */
@ApplicationScoped
public class AuditResultConsumer {
    public static final String CHANNEL = "audit-results";
    static final String CONSUMER = "findings.audit-results";

    private final EventInbox inbox;
    private final SeriesRepository series;
    private final Recomputation recomputation;
    private final FindingWorker worker;
    private final ResultPartitions partitions;
    private final Counter consumed;
    private final Counter split;
    /** The fewest records of a poll stored a partition at a time (live polls are smaller: one transaction). */
    private final int splitAt;
    private final ExecutorService stores = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
            new ThreadFactory() {
                private final AtomicInteger made = new AtomicInteger();

                @Override
                public Thread newThread(Runnable work) {
                    Thread t = new Thread(work, "result-store-" + made.incrementAndGet());
                    t.setDaemon(true);
                    t.setContextClassLoader(AuditResultConsumer.class.getClassLoader());
                    return t;
                }
            });

    public AuditResultConsumer(EventInbox inbox, SeriesRepository series, Recomputation recomputation, FindingWorker worker,
            ResultPartitions partitions, MeterRegistry metrics,
            @ConfigProperty(name = "pdsa.findings.store.split-at", defaultValue = "1024") int splitAt) {
        this.inbox = inbox;
        this.partitions = partitions;
        this.series = series;
        this.recomputation = recomputation;
        this.worker = worker;
        this.consumed = metrics.counter("pdsa_findings_results_consumed");
        this.split = metrics.counter("pdsa_findings_result_polls_split");
        this.splitAt = splitAt;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        long newest = 0;
        for (ConsumerRecord<String, String> r : records) {
            newest = Math.max(newest, r.timestamp());
        }
        worker.batchConsumed(Instant.ofEpochMilli(newest));
        if (records.count() >= splitAt && records.partitions().size() > 1) {
            split.increment();
            storeByPartition(records);
        } else {
            store(records);
        }
        // Their effects are committed: a partition being read back counts once it reaches where it stood.
        for (TopicPartition p : records.partitions()) {
            List<ConsumerRecord<String, String>> read = records.records(p);
            partitions.consumedUpTo(p.partition(), read.get(read.size() - 1).offset() + 1);
        }
    }

    private void store(Iterable<ConsumerRecord<String, String>> records) {
        inbox.<AuditResultRecorded>handleBatch(CONSUMER, records, java.util.Set.of(EventType.AUDIT_RESULT_RECORDED,
                EventType.AUDIT_RESULT_WITHDRAWN), AuditResultConsumer::check,
                results -> {
                    recomputation.pointsChanged(series.store(results));
                    consumed.increment(results.size());
                });
    }

    /** Each partition's records in a transaction of its own, side by side; returns when all are done. */
    private void storeByPartition(ConsumerRecords<String, String> records) {
        List<Future<?>> stored = new ArrayList<>();
        for (TopicPartition p : records.partitions()) {
            stored.add(stores.submit(() -> store(records.records(p))));
        }
        RuntimeException failed = null;
        for (Future<?> f : stored) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed = failed != null ? failed : new IllegalStateException("Interrupted while storing a poll", e);
            } catch (ExecutionException e) {
                // The first failure is thrown once every partition's transaction has ended: none is left running.
                failed = failed != null ? failed : e.getCause() instanceof RuntimeException r ? r
                        : new IllegalStateException(e.getCause());
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    @PreDestroy
    void stop() {
        stores.shutdown();
    }

    /** Rejects an event whose period or measures cannot make a point (retrying cannot mend it). */
    static void check(AuditResultRecorded r) {
        try {
            Period.parse(r.period());
        } catch (IllegalArgumentException e) {
            throw new RejectedEventException(r.resultId().toString(), e.getMessage(), e);
        }
        if (r.metricType() == null) {
            throw new RejectedEventException(r.resultId().toString(), "the metric type is not one the platform knows");
        }
        boolean fits = r.withdrawn() || (r.metricType().counted()
                ? r.numerator() != null && r.denominator() != null && r.denominator() > 0
                        && (!r.metricType().standardised() || r.expected() != null && r.expected().signum() > 0)
                : r.value() != null);
        if (!fits) {
            throw new RejectedEventException(r.resultId().toString(), "measures do not fit metric type "
                    + r.metricType().code());
        }
    }
}
