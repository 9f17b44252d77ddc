package uk.nhs.pdsa.runtime.outbox;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import org.hibernate.Session;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.runtime.tracing.EventTracing;

/**
 * Records events in the caller's transaction. They reach Kafka only if that transaction commits,
 * and then surely (see {@link OutboxRelay}): the state change and its events are never split.
 */
@ApplicationScoped
public class Outbox {
    /** One statement per transaction; rows take their ids (the publication order) in the order given. */
    private static final String INSERT = "insert into outbox_event (event_id, topic, message_key, ce_type, subject,"
            + " payload, occurred_at, traceparent) select u.event_id, u.topic, u.message_key, u.ce_type, u.subject,"
            + " u.payload, ?, ?"
            + " from unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::text[]) with ordinality"
            + " as u(event_id, topic, message_key, ce_type, subject, payload, position) order by u.position";

    private final ObjectMapper json;
    private final Event<OutboxWritten> written;
    private final TransactionSynchronizationRegistry transaction;
    private final EntityManager em;

    public Outbox(ObjectMapper json, Event<OutboxWritten> written, TransactionSynchronizationRegistry transaction,
            EntityManager em) {
        this.json = json;
        this.written = written;
        this.transaction = transaction;
        this.em = em;
    }

    /** Fired inside the writing transaction; the relay observes it after a successful commit. */
    public record OutboxWritten() {
    }

    /**
     * One event to publish.
     *
     * @param eventId the CloudEvents id; derive it from the fact being announced when a repeat of the
     *                same fact must carry the same id
     * @param key     the Kafka key: events with the same key keep their order
     * @param subject the CloudEvents subject: the natural key of what the event is about
     */
    public record Message(EventType type, UUID eventId, String key, String subject, Record payload) {
        public Message {
            if (!type.payloadType().isInstance(payload)) {
                throw new IllegalArgumentException(type + " carries " + type.payloadType().getSimpleName()
                        + ", not " + payload.getClass().getSimpleName());
            }
        }
    }

    /** Records one event; see {@link Message} for the arguments. */
    @Transactional(TxType.MANDATORY)
    public void publish(EventType type, UUID eventId, String key, String subject, Record payload) {
        publishAll(List.of(new Message(type, eventId, key, subject, payload)));
    }

    /** Records events in the given order (their publication order per key) with one batched statement. */
    @Transactional(TxType.MANDATORY)
    public void publishAll(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setTimestamp(1, now);
                // The trace of the work writing these events travels with them (EventTracing).
                insert.setString(2, EventTracing.current());
                insert.setArray(3, connection.createArrayOf("uuid", messages.stream().map(Message::eventId).toArray()));
                insert.setArray(4, connection.createArrayOf("varchar", messages.stream().map(m -> m.type().topic()).toArray()));
                insert.setArray(5, connection.createArrayOf("varchar", messages.stream().map(Message::key).toArray()));
                insert.setArray(6, connection.createArrayOf("varchar", messages.stream().map(m -> m.type().ceType()).toArray()));
                insert.setArray(7, connection.createArrayOf("varchar", messages.stream().map(Message::subject).toArray()));
                insert.setArray(8, connection.createArrayOf("text", messages.stream().map(m -> toJson(m.payload())).toArray()));
                insert.executeUpdate();
            }
        });
        // One wake-up per transaction, however many events it writes: in this JVM after the commit, and in every
        // replica through PostgreSQL (a NOTIFY is delivered when, and only if, the transaction commits).
        if (transaction.getResource(OutboxWritten.class) == null) {
            transaction.putResource(OutboxWritten.class, Boolean.TRUE);
            em.createNativeQuery("select pg_notify('" + OutboxListener.CHANNEL + "', '')").getSingleResult();
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
