package uk.nhs.pdsa.runtime.outbox;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import uk.nhs.pdsa.events.EventType;

/**
 * Records an event in the caller's transaction. It reaches Kafka only if that transaction commits,
 * and then surely (see {@link OutboxRelay}): the state change and its event are never split.
 */
@ApplicationScoped
public class Outbox {
    private final ObjectMapper json;
    private final Event<OutboxWritten> written;
    private final TransactionSynchronizationRegistry transaction;

    public Outbox(ObjectMapper json, Event<OutboxWritten> written, TransactionSynchronizationRegistry transaction) {
        this.json = json;
        this.written = written;
        this.transaction = transaction;
    }

    /** Fired inside the writing transaction; the relay observes it after a successful commit. */
    public record OutboxWritten() {
    }

    /**
     * @param eventId the CloudEvents id; derive it from the fact being announced when a repeat of the
     *                same fact must carry the same id
     * @param key     the Kafka key: events with the same key keep their order
     * @param subject the CloudEvents subject: the natural key of what the event is about
     */
    @Transactional(TxType.MANDATORY)
    public void publish(EventType type, UUID eventId, String key, String subject, Record payload) {
        if (!type.payloadType().isInstance(payload)) {
            throw new IllegalArgumentException(type + " carries " + type.payloadType().getSimpleName()
                    + ", not " + payload.getClass().getSimpleName());
        }
        OutboxEvent event = new OutboxEvent();
        event.eventId = eventId;
        event.topic = type.topic();
        event.messageKey = key;
        event.ceType = type.ceType();
        event.subject = subject;
        event.payload = toJson(payload);
        event.occurredAt = Instant.now();
        event.persist();
        // One wake-up per transaction, however many events it writes.
        if (transaction.getResource(OutboxWritten.class) == null) {
            transaction.putResource(OutboxWritten.class, Boolean.TRUE);
            written.fire(new OutboxWritten());
        }
    }

    private String toJson(Record payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + payload.getClass().getSimpleName(), e);
        }
    }
}
