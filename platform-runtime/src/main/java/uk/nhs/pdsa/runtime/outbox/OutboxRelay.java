package uk.nhs.pdsa.runtime.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
 * ({@code acks=all}, idempotent producer). Before a batch is sent its rows are marked in doubt (committed
 * separately); a later relay that finds such marks first looks the events up on their topic
 * ({@link OutboxReconciler}) and sends only those that are not there, so a crash between acknowledgement
 * and commit does not publish an event twice. Consumers stay idempotent on {@code ce_id} all the same.
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
    private final OutboxReconciler reconciler;
    private final Counter reconciled;

    public OutboxRelay(EntityManager em, Producer<String, String> producer, OutboxConfig config, MeterRegistry registry,
            ManagedExecutor executor, OutboxReconciler reconciler) {
        this.em = em;
        this.reconciler = reconciler;
        this.reconciled = Counter.builder("pdsa.outbox.reconciled")
                .description("In-doubt outbox events found already on their topic, so not sent again")
                .register(registry);
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

    /** @return how many rows were published (or found already published) and removed */
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
        Long[] ids = batch.stream().map(e -> e.id).toArray(Long[]::new);
        List<OutboxEvent> toSend = withoutThoseAlreadyPublished(batch, ids);
        // Marked in a transaction of its own, committed before the first record leaves: if this process dies
        // after the broker stored the records but before the delete below commits, the next relay knows to look.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "insert into outbox_in_doubt (id, since) select unnest(cast(:ids as bigint[])), now()"
                                + " on conflict do nothing")
                .setParameter("ids", ids)
                .executeUpdate());
        List<Future<RecordMetadata>> acks = new ArrayList<>(toSend.size());
        for (OutboxEvent event : toSend) {
            acks.add(producer.send(toRecord(event)));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            awaitAck(ack);
        }
        em.createNativeQuery("delete from outbox_event where id = any(cast(:ids as bigint[]))")
                .setParameter("ids", ids)
                .executeUpdate();
        em.createNativeQuery("delete from outbox_in_doubt where id = any(cast(:ids as bigint[]))")
                .setParameter("ids", ids)
                .executeUpdate();
        published.increment(batch.size());
        return batch.size();
    }

    /** Drops the rows of an earlier, interrupted attempt that did reach their topic. */
    private List<OutboxEvent> withoutThoseAlreadyPublished(List<OutboxEvent> batch, Long[] ids) {
        @SuppressWarnings("unchecked")
        List<Object[]> marks = em.createNativeQuery(
                        "select id, since from outbox_in_doubt where id = any(cast(:ids as bigint[]))")
                .setParameter("ids", ids)
                .getResultList();
        if (marks.isEmpty()) {
            return batch;
        }
        Map<Long, Instant> since = new HashMap<>();
        for (Object[] mark : marks) {
            since.put(((Number) mark[0]).longValue(), toInstant(mark[1]));
        }
        Set<String> found = new HashSet<>();
        batch.stream().filter(e -> since.containsKey(e.id))
                .collect(Collectors.groupingBy(e -> e.topic))
                .forEach((topic, events) -> found.addAll(reconciler.alreadyPublished(topic,
                        events.stream().map(e -> since.get(e.id)).min(Instant::compareTo).orElseThrow(),
                        events.stream().map(e -> e.eventId.toString()).collect(Collectors.toSet()))));
        reconciled.increment(found.size());
        return batch.stream().filter(e -> !found.contains(e.eventId.toString())).toList();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
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
