package uk.nhs.pdsa.notification.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import uk.nhs.pdsa.notification.Notification;

/**
 * Records messages in the delivery log. The row's id is derived from the fact announced (a finding
 * id, a need id: stable across replays even when the event is re-sent with a new id), the recipient and the channel,
 * and inserted with {@code on conflict do nothing}: the same event never reaches the same recipient
 * twice on the same channel, even across replays.
 */
@ApplicationScoped
public class DeliveryLog {
    /** Until real channels exist, messages are recorded in the log only. */
    static final String LOG_CHANNEL = "log";

    private final EntityManager em;

    public DeliveryLog(EntityManager em) {
        this.em = em;
    }

    @Transactional(TxType.MANDATORY)
    public void record(String factId, String eventType, List<Message> messages) {
        Instant now = Instant.now();
        for (Message m : messages) {
            UUID id = UUID.nameUUIDFromBytes(String.join("|", factId, m.organisation(), m.recipientRole(), LOG_CHANNEL)
                    .getBytes(StandardCharsets.UTF_8));
            em.createNativeQuery("insert into notification (id, event_id, event_type, organisation, audience, recipient_role,"
                            + " channel, subject, body, status, created_at) values (:id, :eventId, :eventType, :organisation,"
                            + " :audience, :role, :channel, :subject, :body, :status, :createdAt) on conflict do nothing")
                    .setParameter("id", id)
                    .setParameter("eventId", factId)
                    .setParameter("eventType", eventType)
                    .setParameter("organisation", m.organisation())
                    .setParameter("audience", m.audience())
                    .setParameter("role", m.recipientRole())
                    .setParameter("channel", LOG_CHANNEL)
                    .setParameter("subject", m.subject())
                    .setParameter("body", m.body())
                    .setParameter("status", Notification.CREATED)
                    .setParameter("createdAt", now)
                    .executeUpdate();
        }
    }
}
