package uk.nhs.pdsa.runtime.outbox;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import uk.nhs.pdsa.events.CloudEventHeaders;
import uk.nhs.pdsa.events.EventType;

/**
 * Publishes outbox rows to Kafka in id order, as CloudEvents in binary mode.
 * <p>
 * Per-key order across replicas: a transaction-scoped advisory lock lets one relay work at a time,
 * so two replicas never publish rows of the same key concurrently; the rows are locked
 * {@code FOR UPDATE SKIP LOCKED} and deleted only after the broker acknowledged every record
 * ({@code acks=all}, idempotent producer). A crash between acknowledgement and commit publishes
 * the rows again with the same {@code ce_id}; consumers are idempotent on it.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Any fixed number shared by all replicas of a service (each service has its own database). */
    private static final long RELAY_LOCK = 0x5044_5341_4f42_4f58L;

    private final EntityManager em;
    private final Producer<String, String> producer;
    private final OutboxConfig config;
    private final Counter published;
    private final ManagedExecutor executor;
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();

    public OutboxRelay(EntityManager em, Producer<String, String> producer, OutboxConfig config, MeterRegistry registry,
            ManagedExecutor executor) {
        this.em = em;
        this.executor = executor;
        this.producer = producer;
        this.config = config;
        this.published = Counter.builder("pdsa.outbox.published")
                .description("Events published from the transactional outbox")
                .register(registry);
    }

    /** Publishes right after a commit that wrote outbox rows, rather than at the next poll. */
    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxWritten written) {
        if (wakeUpPending.compareAndSet(false, true)) {
            executor.execute(() -> {
                wakeUpPending.set(false);
                relay();
            });
        }
    }

    @Scheduled(every = "${pdsa.outbox.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    synchronized void relay() {
        try {
            int sent;
            do {
                sent = QuarkusTransaction.requiringNew().call(this::publishBatch);
            } while (sent == config.batchSize());
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            LOG.warnf("Outbox relay will retry: %s (%s)", e.getMessage(), root);
        }
    }

    /** @return how many rows were published and removed */
    int publishBatch() {
        Boolean locked = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(:lock)")
                .setParameter("lock", RELAY_LOCK)
                .getSingleResult();
        if (!locked) {
            return 0;
        }
        List<OutboxEvent> batch = em.createNativeQuery(
                        "select * from outbox_event order by id limit :limit for update skip locked", OutboxEvent.class)
                .setParameter("limit", config.batchSize())
                .getResultList();
        if (batch.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (OutboxEvent event : batch) {
            acks.add(producer.send(toRecord(event)));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            awaitAck(ack);
        }
        em.createQuery("delete from OutboxEvent e where e.id in :ids")
                .setParameter("ids", batch.stream().map(e -> e.id).toList())
                .executeUpdate();
        published.increment(batch.size());
        return batch.size();
    }

    private void awaitAck(Future<RecordMetadata> ack) {
        try {
            ack.get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge an outbox event", e);
        }
    }

    private ProducerRecord<String, String> toRecord(OutboxEvent event) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(headers, CloudEventHeaders.ID, event.eventId.toString());
        header(headers, CloudEventHeaders.SOURCE, config.source());
        header(headers, CloudEventHeaders.TYPE, event.ceType);
        header(headers, CloudEventHeaders.SUBJECT, event.subject);
        header(headers, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(event.occurredAt));
        header(headers, CloudEventHeaders.DATA_SCHEMA, EventType.ofCeType(event.ceType).dataSchema());
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return new ProducerRecord<>(event.topic, null, event.messageKey, event.payload, headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
