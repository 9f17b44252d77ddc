package uk.nhs.pdsa.runtime.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import uk.nhs.pdsa.events.CloudEventHeaders;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.runtime.work.AfterCommitWorker;

/**
 * Publishes outbox rows to Kafka in id order, as CloudEvents in binary mode.
 * <p>
 * Per-key order across replicas: a transaction-scoped advisory lock lets one relay work at a time,
 * so two replicas never publish rows of the same key concurrently; the rows are locked
 * {@code FOR UPDATE SKIP LOCKED} and deleted only after the broker acknowledged every record
 * ({@code acks=all}, idempotent producer). Before a batch is sent its id range is marked in doubt (committed
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
    private final AfterCommitWorker worker;
    private final OutboxReconciler reconciler;
    private final Counter reconciled;
    private final Timer batches;

    public OutboxRelay(EntityManager em, Producer<String, String> producer, OutboxConfig config, MeterRegistry registry,
            OutboxReconciler reconciler, javax.sql.DataSource dataSource) {
        this.em = em;
        // What an alert watches: events accepted but not yet on their topic, and how long the oldest has waited.
        uk.nhs.pdsa.runtime.health.SqlGauges.register(registry, dataSource, "pdsa.outbox.pending",
                "Events in the transactional outbox, not yet published", "select count(*) from outbox_event");
        uk.nhs.pdsa.runtime.health.SqlGauges.register(registry, dataSource, "pdsa.outbox.oldest.age.seconds",
                "Seconds the oldest unpublished outbox event has waited (0 when none waits)",
                "select coalesce(extract(epoch from now() - min(occurred_at)), 0) from outbox_event");
        this.reconciler = reconciler;
        this.batches = Timer.builder("pdsa.outbox.batch")
                .description("Time to publish one outbox batch: select, mark, send, acknowledgement, delete")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.reconciled = Counter.builder("pdsa.outbox.reconciled")
                .description("In-doubt outbox events found already on their topic, so not sent again")
                .register(registry);
        this.worker = new AfterCommitWorker("outbox-relay", config.pollInterval(), this::relayRound);
        this.producer = producer;
        this.config = config;
        this.published = Counter.builder("pdsa.outbox.published")
                .description("Events published from the transactional outbox")
                .register(registry);
    }

    void start(@Observes StartupEvent started) {
        if (config.relay()) {
            worker.start(config.pollDelay());
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        worker.stop(config.shutdownTimeout());
    }

    /** Publishes right after a commit that wrote outbox rows, rather than at the next poll. */
    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxWritten written) {
        wake();
    }

    /** Runs the relay soon on its worker thread (see {@link AfterCommitWorker}). */
    void wake() {
        worker.wake();
    }

    /** One batch; true when it was full, so more may be waiting. */
    private boolean relayRound() {
        try {
            long start = System.nanoTime();
            int sent = QuarkusTransaction.requiringNew().call(this::publishBatch);
            if (sent > 0) {
                batches.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
            return sent == config.batchSize();
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            LOG.warnf("Outbox relay will retry: %s (%s)", e.getMessage(), root);
            return false;
        }
    }

    /** An outbox row as the relay reads it: plain values, no managed entity. */
    record Pending(long id, UUID eventId, String topic, String key, String ceType, String subject, String payload,
            Instant occurredAt, String traceparent) {
    }

    /** @return how many rows were published (or found already published) and removed */
    int publishBatch() {
        Boolean locked = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(:lock)")
                .setParameter("lock", RELAY_LOCK)
                .getSingleResult();
        if (!locked) {
            return 0;
        }
        // Plan each statement for its actual id array: a generic plan may scan the whole outbox for "= any(?)".
        em.createNativeQuery("set local plan_cache_mode = force_custom_plan").executeUpdate();
        List<Pending> batch = new ArrayList<>();
        Map<Long, Instant> inDoubt = new HashMap<>();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("select id, event_id, topic, message_key,"
                    + " ce_type, subject, payload, occurred_at, traceparent from outbox_event order by id limit ? for update skip locked")) {
                select.setInt(1, config.batchSize());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        batch.add(new Pending(rows.getLong(1), rows.getObject(2, UUID.class), rows.getString(3),
                                rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                                rows.getTimestamp(8).toInstant(), rows.getString(9)));
                    }
                }
            }
            if (batch.isEmpty()) {
                return;
            }
            long first = batch.get(0).id();
            long last = batch.get(batch.size() - 1).id();
            try (PreparedStatement marks = connection.prepareStatement(
                    "select first_id, last_id, since from outbox_batch_in_doubt where first_id <= ? and last_id >= ?")) {
                marks.setLong(1, last);
                marks.setLong(2, first);
                try (ResultSet rows = marks.executeQuery()) {
                    while (rows.next()) {
                        long from = rows.getLong(1);
                        long to = rows.getLong(2);
                        Instant since = rows.getTimestamp(3).toInstant();
                        batch.stream().filter(p -> p.id() >= from && p.id() <= to)
                                .forEach(p -> inDoubt.merge(p.id(), since, (a, b) -> a.isBefore(b) ? a : b));
                    }
                }
            }
        });
        if (batch.isEmpty()) {
            return 0;
        }
        Long[] ids = batch.stream().map(Pending::id).toArray(Long[]::new);
        long first = ids[0];
        long last = ids[ids.length - 1];
        List<Pending> toSend = withoutThoseAlreadyPublished(batch, inDoubt);
        // Marked in a transaction of its own, committed before the first record leaves: if this process dies
        // after the broker stored the records but before the delete below commits, the next relay knows to look.
        // The mark does not wait for its WAL flush: only a crash of PostgreSQL itself within that moment could
        // lose it, and then at worst an event is published twice (consumers are idempotent on its id).
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("set local synchronous_commit = off").executeUpdate();
            em.createNativeQuery("insert into outbox_batch_in_doubt (first_id, last_id, since) values (:first, :last, now())"
                            + " on conflict (first_id) do update set last_id = greatest(outbox_batch_in_doubt.last_id, excluded.last_id)")
                    .setParameter("first", first)
                    .setParameter("last", last)
                    .executeUpdate();
        });
        List<Future<RecordMetadata>> acks = new ArrayList<>(toSend.size());
        for (Pending event : toSend) {
            acks.add(producer.send(toRecord(event)));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            awaitAck(ack);
        }
        em.createNativeQuery("delete from outbox_event where id = any(cast(:ids as bigint[]))")
                .setParameter("ids", ids)
                .executeUpdate();
        // Marks inside this batch's range are settled; so are marks wholly below it (every row they covered is
        // gone, or was not yet committed when they were written and so was never sent). A mark reaching beyond
        // this batch stays until a later batch settles it.
        em.createNativeQuery("delete from outbox_batch_in_doubt where (first_id >= :first and last_id <= :last)"
                        + " or last_id < :first")
                .setParameter("first", first)
                .setParameter("last", last)
                .executeUpdate();
        published.increment(batch.size());
        return batch.size();
    }

    /** Drops the rows of an earlier, interrupted attempt that did reach their topic. */
    private List<Pending> withoutThoseAlreadyPublished(List<Pending> batch, Map<Long, Instant> since) {
        if (since.isEmpty()) {
            return batch;
        }
        Set<String> found = new HashSet<>();
        batch.stream().filter(e -> since.containsKey(e.id()))
                .collect(Collectors.groupingBy(Pending::topic))
                .forEach((topic, events) -> found.addAll(reconciler.alreadyPublished(topic,
                        events.stream().map(e -> since.get(e.id())).min(Instant::compareTo).orElseThrow(),
                        events.stream().map(e -> e.eventId().toString()).collect(Collectors.toSet()))));
        reconciled.increment(found.size());
        return batch.stream().filter(e -> !found.contains(e.eventId().toString())).toList();
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

    private ProducerRecord<String, String> toRecord(Pending event) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(headers, CloudEventHeaders.ID, event.eventId().toString());
        header(headers, CloudEventHeaders.SOURCE, config.source());
        header(headers, CloudEventHeaders.TYPE, event.ceType());
        header(headers, CloudEventHeaders.SUBJECT, event.subject());
        header(headers, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()));
        header(headers, CloudEventHeaders.DATA_SCHEMA, EventType.ofCeType(event.ceType()).dataSchema());
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        if (event.traceparent() != null) {
            header(headers, CloudEventHeaders.TRACE_PARENT, event.traceparent());
        }
        return new ProducerRecord<>(event.topic(), null, event.key(), event.payload(), headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
