package uk.nhs.pdsa.notification.repository;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.hibernate.Session;

import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import uk.nhs.pdsa.notification.Notification;
import uk.nhs.pdsa.runtime.problem.ProblemException;
import uk.nhs.pdsa.runtime.rest.QueryFilter;

/** The notifications ({@code notification}) and the log of every delivery attempt ({@code delivery_attempt}). */
@ApplicationScoped
public class NotificationRepository {
    /** One attempt to deliver a notification. */
    public record Attempt(int attempt, Instant at, String status, String detail) {
    }

    /** One page of notifications and how many match in all. */
    public record Found(long total, List<Notification> items) {
    }

    private final EntityManager em;

    public NotificationRepository(EntityManager em) {
        this.em = em;
    }

    /** @throws ProblemException 404 when there is no such notification */
    public Notification find(UUID id, LockModeType lock) {
        Notification n = em.find(Notification.class, id, lock);
        if (n == null) {
            throw ProblemException.notFound("No notification " + id);
        }
        return n;
    }

    /** Newest first; a null criterion matches everything. */
    public Found find(String organisation, String audience, String status, UUID contact, int page, int size) {
        QueryFilter filter = new QueryFilter().equal("organisation", organisation).equal("audience", audience)
                .equal("status", status).equal("contactId", contact);
        var query = Notification.<Notification>find(filter.orderedBy("createdAt desc, id"), filter.parameters());
        return new Found(query.count(), query.page(Page.of(page, size)).list());
    }

    @SuppressWarnings("unchecked")
    public List<Attempt> attempts(UUID notification) {
        return ((List<Object[]>) em.createNativeQuery("select attempt, at, status, detail from delivery_attempt"
                        + " where notification_id = :id order by attempt")
                .setParameter("id", notification).getResultList()).stream()
                .map(r -> new Attempt(((Number) r[0]).intValue(), toInstant(r[1]), (String) r[2], (String) r[3]))
                .toList();
    }

    /** An outcome and its attempt in one statement: no read of the row first (its send knew all it needs). */
    private static final String RECORD_OUTCOME = "with outcome as (update notification set status = ?, next_attempt_at = ?,"
            + " reason = ?, delivered_at = coalesce(?, delivered_at), updated_at = ? where id = ? returning id)"
            + " insert into delivery_attempt (notification_id, attempt, at, status, detail)"
            + " select id, ?, ?, ?, ? from outcome on conflict do nothing";

    /**
     * Sets the notification's status after {@code attempt} (delivered at its time when it is {@code delivered}), when
     * it is due again and why, and logs the attempt once (a repeat of the same attempt number logs nothing more).
     */
    public void recordOutcome(UUID notification, Attempt attempt, Instant next, String reason) {
        OffsetDateTime at = attempt.at().atOffset(ZoneOffset.UTC);
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement(RECORD_OUTCOME)) {
                update.setString(1, attempt.status());
                update.setObject(2, next == null ? null : next.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
                update.setString(3, reason);
                update.setObject(4, Notification.DELIVERED.equals(attempt.status()) ? at : null, Types.TIMESTAMP_WITH_TIMEZONE);
                update.setObject(5, at, Types.TIMESTAMP_WITH_TIMEZONE);
                update.setObject(6, notification);
                update.setInt(7, attempt.attempt());
                update.setObject(8, at, Types.TIMESTAMP_WITH_TIMEZONE);
                update.setString(9, attempt.status());
                update.setString(10, attempt.detail());
                update.executeUpdate();
            }
        });
    }

    /** Stops webhooks to a contact whose endpoint answered 410 Gone. */
    public void disableWebhook(UUID contact, Instant at) {
        em.createQuery("update Contact set webhookDisabledAt = :now where id = :id and webhookDisabledAt is null")
                .setParameter("now", at).setParameter("id", contact).executeUpdate();
    }

    private static Instant toInstant(Object value) {
        return value instanceof Instant i ? i : value instanceof OffsetDateTime o ? o.toInstant()
                : ((Timestamp) value).toInstant();
    }
}
