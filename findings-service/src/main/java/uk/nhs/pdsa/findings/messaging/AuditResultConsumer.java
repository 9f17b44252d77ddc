package uk.nhs.pdsa.findings.messaging;

import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
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

    public AuditResultConsumer(EventInbox inbox, SeriesRepository series, Recomputation recomputation, FindingWorker worker,
            ResultPartitions partitions, MeterRegistry metrics) {
        this.inbox = inbox;
        this.partitions = partitions;
        this.series = series;
        this.recomputation = recomputation;
        this.worker = worker;
        this.consumed = metrics.counter("pdsa_findings_results_consumed");
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        long newest = 0;
        for (ConsumerRecord<String, String> r : records) {
            newest = Math.max(newest, r.timestamp());
        }
        worker.batchConsumed(Instant.ofEpochMilli(newest));
        inbox.<AuditResultRecorded>handleBatch(CONSUMER, records, java.util.Set.of(EventType.AUDIT_RESULT_RECORDED,
                EventType.AUDIT_RESULT_WITHDRAWN), AuditResultConsumer::check,
                results -> {
                    recomputation.pointsChanged(series.store(results));
                    consumed.increment(results.size());
                });
        // Their effects are committed: a partition being read back counts once it reaches where it stood.
        for (org.apache.kafka.common.TopicPartition p : records.partitions()) {
            List<ConsumerRecord<String, String>> read = records.records(p);
            partitions.consumedUpTo(p.partition(), read.get(read.size() - 1).offset() + 1);
        }
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
