package uk.nhs.pdsa.runtime.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.runtime.tracing.EventTracing;

/**
 * The consuming side of every event: each event takes effect at most once per consumer, because the
 * processed event id is inserted in the same transaction as the effect.
 * <p>
 * Failures: an event that breaks its contract is stored in {@code rejected_event} and skipped (retrying
 * cannot mend it). Any other failure (database down, a bug) is retried with backoff; if it persists
 * the exception reaches the messaging channel, which stops (failure-strategy {@code fail}) so liveness
 * turns DOWN and the orchestrator restarts the service from the last committed offset: nothing is skipped.
 * <p>
 * Tracing: the effect runs in a consumer span ({@code <topic> process}) of the trace the event was written in (its
 * {@code ce_traceparent}), so events the effect writes carry that trace on (see {@link EventTracing}).
 */
@ApplicationScoped
public class EventInbox {
    private static final Logger LOG = Logger.getLogger(EventInbox.class);

    private final EntityManager em;
    private final ObjectMapper json;
    private final InboxConfig config;
    private final EventTracing tracing;
    private final BatchParser parser = new BatchParser(Runtime.getRuntime().availableProcessors(), 512);

    public EventInbox(EntityManager em, ObjectMapper json, InboxConfig config, EventTracing tracing) {
        this.em = em;
        this.json = json;
        this.config = config;
        this.tracing = tracing;
    }

    /**
     * Applies {@code effect} to the event in {@code record} unless {@code consumer} has already processed it.
     * Events of other types than {@code expected} on the same topic are acknowledged and ignored.
     */
    public <T extends Record> void handle(String consumer, ConsumerRecord<String, String> record, EventType expected,
            Consumer<T> effect) {
        handle(consumer, record, Set.of(expected), effect);
    }

    /** As {@link #handle(String, ConsumerRecord, EventType, Consumer)} for several types that share one payload record. */
    public <T extends Record> void handle(String consumer, ConsumerRecord<String, String> record, Set<EventType> expected,
            Consumer<T> effect) {
        remember(consumer, expected, r -> handle(consumer, r, expected, effect));
        IncomingEvent event;
        T payload;
        try {
            event = IncomingEvent.from(record);
            EventType type = expected.stream().filter(t -> t.ceType().equals(event.type())).findFirst().orElse(null);
            if (type == null) {
                LOG.debugf("%s ignores %s event %s", consumer, event.type(), event.id());
                return;
            }
            payload = parse(event, type);
        } catch (RejectedEventException e) {
            reject(consumer, record, e);
            return;
        }
        Span span = tracing.start(record.topic() + " process", SpanKind.CONSUMER, event.traceparent());
        try (Scope traced = span.makeCurrent()) {
            runWithRetries(consumer, "event " + event.id(), () -> {
                if (markProcessed(consumer, event.id())) {
                    effect.accept(payload);
                } else {
                    LOG.debugf("%s already processed event %s", consumer, event.id());
                }
            });
        } catch (RejectedEventException e) {
            reject(consumer, record, e);
        } finally {
            span.end();
        }
    }

    /** An event handed to a batch effect: its CloudEvents id, its payload and the trace it was written in. */
    public record Delivered<T>(String eventId, T payload, String traceparent) {
    }

    /**
     * The batch form, for consumers that apply a whole poll at once: each record is parsed and {@code check}ed on
     * its own (a record that breaks the contract is rejected and skipped, as above; a large poll is read on several
     * threads, so {@code check} must only look at its payload), then one transaction, retried
     * as above, hands every event, in record order, to {@code effect}. No {@code processed_event} rows: the effect
     * itself must be idempotent and keep the id of the event it applied in the rows it writes (for example an
     * upsert guarded by a revision number that stores the event id).
     */
    public <T extends Record> void handleBatch(String consumer, Iterable<ConsumerRecord<String, String>> records,
            EventType expected, Consumer<T> check, Consumer<List<Delivered<T>>> effect) {
        handleBatch(consumer, records, java.util.Set.of(expected), check, effect);
    }

    /**
     * As above, for several event types that carry the same payload (a result recorded and withdrawn): one batch, in
     * the order the records came.
     */
    public <T extends Record> void handleBatch(String consumer, Iterable<ConsumerRecord<String, String>> records,
            java.util.Set<EventType> types, Consumer<T> check, Consumer<List<Delivered<T>>> effect) {
        if (types.stream().map(EventType::payloadType).distinct().count() != 1) {
            throw new IllegalArgumentException("one batch handles event types of one payload type");
        }
        remember(consumer, types, r -> handleBatch(consumer, List.of(r), types, check, effect));
        List<ConsumerRecord<String, String>> polled = new ArrayList<>();
        records.forEach(polled::add);
        Object[] read = parser.readAll(polled, record -> read(consumer, record, types, check));
        List<Delivered<T>> events = new ArrayList<>();
        for (int i = 0; i < read.length; i++) {
            if (read[i] instanceof RejectedEventException e) {
                reject(consumer, polled.get(i), e);
            } else if (read[i] != null) {
                @SuppressWarnings("unchecked")
                Delivered<T> event = (Delivered<T>) read[i];
                events.add(event);
            }
        }
        if (events.isEmpty()) {
            return;
        }
        Span span = tracing.start(events.size() == 1 ? topic(records) + " process" : topic(records) + " process batch",
                SpanKind.CONSUMER, events.stream().map(Delivered::traceparent).toList());
        try (Scope traced = span.makeCurrent()) {
            runWithRetries(consumer, events.size() + " events from " + events.get(0).eventId(), () -> effect.accept(events));
        } finally {
            span.end();
        }
    }

    /**
     * One record of a batch, read and checked: its {@link Delivered} event, null when it is of a type the consumer
     * ignores, or the {@link RejectedEventException} that rejects it (stored afterwards, in record order). Touches
     * no database, so a large poll is read on several threads ({@link BatchParser}).
     */
    private <T extends Record> Object read(String consumer, ConsumerRecord<String, String> record, Set<EventType> types,
            Consumer<T> check) {
        try {
            IncomingEvent event = IncomingEvent.from(record);
            EventType expected = types.stream().filter(t -> t.ceType().equals(event.type())).findFirst().orElse(null);
            if (expected == null) {
                LOG.debugf("%s ignores %s event %s", consumer, event.type(), event.id());
                return null;
            }
            T payload = parse(event, expected);
            check.accept(payload);
            return new Delivered<>(event.id(), payload, event.traceparent());
        } catch (RejectedEventException e) {
            return e;
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        parser.close();
    }

    private static String topic(Iterable<ConsumerRecord<String, String>> records) {
        for (ConsumerRecord<String, String> record : records) {
            return record.topic();
        }
        return "events";
    }

    private void runWithRetries(String consumer, String what, Runnable work) {
        Duration backoff = config.initialBackoff();
        for (int attempt = 1;; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(work);
                return;
            } catch (RejectedEventException e) {
                throw e;
            } catch (RuntimeException e) {
                if (attempt >= config.maxAttempts()) {
                    LOG.errorf(e, "%s gives up on %s after %d attempts; the channel stops", consumer, what, attempt);
                    throw e;
                }
                LOG.warnf("%s failed on %s (attempt %d), retrying in %s: %s", consumer, what, attempt,
                        backoff, e.getMessage());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(config.maxBackoff()) > 0 ? config.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        }
    }

    private boolean markProcessed(String consumer, String eventId) {
        return em.createNativeQuery("insert into processed_event (consumer, event_id) values (:consumer, :id) "
                        + "on conflict do nothing")
                .setParameter("consumer", consumer)
                .setParameter("id", eventId)
                .executeUpdate() == 1;
    }

    @SuppressWarnings("unchecked")
    private <T extends Record> T parse(IncomingEvent event, EventType type) {
        try {
            return (T) json.readValue(event.data(), type.payloadType());
        } catch (JsonProcessingException e) {
            throw new RejectedEventException(event.id(), "payload does not match " + type.ceType() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * How each consumer handles a record, learnt from its calls (a consumer may handle several groups of types):
     * what an admin's replay of a rejected event runs again ({@link #replay}).
     */
    private final java.util.Map<String, java.util.Map<Set<EventType>, Consumer<ConsumerRecord<String, String>>>> handlers =
            new java.util.concurrent.ConcurrentHashMap<>();

    private void remember(String consumer, Set<EventType> types, Consumer<ConsumerRecord<String, String>> handler) {
        handlers.computeIfAbsent(consumer, c -> new java.util.concurrent.ConcurrentHashMap<>()).putIfAbsent(types, handler);
    }

    /** True when {@code consumer} has handled an event since this instance started, so a replay knows its handling. */
    public boolean canReplay(String consumer) {
        return handlers.containsKey(consumer);
    }

    /**
     * Hands {@code record} (read again from its topic) to {@code consumer}'s handling, as if it had just been
     * polled: processed, ignored, or rejected again (a new {@code rejected_event} row).
     */
    public void replay(String consumer, ConsumerRecord<String, String> record) {
        java.util.Map<Set<EventType>, Consumer<ConsumerRecord<String, String>>> known = handlers.get(consumer);
        if (known == null) {
            throw new IllegalStateException(consumer + " has handled no event since this instance started");
        }
        known.values().forEach(handler -> handler.accept(record));
    }

    private void reject(String consumer, ConsumerRecord<String, String> record, RejectedEventException e) {
        LOG.errorf("%s rejects the record at %s-%d@%d: %s", consumer, record.topic(), record.partition(),
                record.offset(), e.getMessage());
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "insert into rejected_event (consumer, event_id, topic, kafka_partition, kafka_offset, reason, payload) "
                                + "values (:consumer, :id, :topic, :partition, :offset, :reason, :payload)")
                .setParameter("consumer", consumer)
                .setParameter("id", e.eventId())
                .setParameter("topic", record.topic())
                .setParameter("partition", record.partition())
                .setParameter("offset", record.offset())
                .setParameter("reason", e.getMessage())
                .setParameter("payload", record.value())
                .executeUpdate());
    }

    private static void sleep(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying", ie);
        }
    }
}
