package uk.nhs.pdsa.notification.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import uk.nhs.pdsa.notification.Contact;
import uk.nhs.pdsa.notification.Notification;
import uk.nhs.pdsa.notification.routing.Router;

/**
 * Gathers the emails waiting for contacts who chose a daily digest into one email per contact (cron
 * {@code pdsa.digest.cron}, England's time). The digest is a notification of its own, delivered and retried like
 * any other; each gathered row is marked {@code delivered} with the digest's id, in the same transaction, so a
 * message is in exactly one digest. The digest's id is derived from the contact and the day: a second run on the
 * same day gathers what arrived since into a second digest, never the same rows again.
 */
@ApplicationScoped
public class DailyDigest {
    private static final Logger LOG = Logger.getLogger(DailyDigest.class);
    private static final ZoneId ENGLAND = ZoneId.of("Europe/London");

    private final EntityManager em;
    private final Renderer renderer;
    private final DeliveryWorker worker;
    private final DeliveryLog log;

    public DailyDigest(EntityManager em, Renderer renderer, DeliveryWorker worker, DeliveryLog log) {
        this.em = em;
        this.renderer = renderer;
        this.worker = worker;
        this.log = log;
    }

    @Scheduled(cron = "${pdsa.digest.cron}", timeZone = "Europe/London", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int digests = run(Instant.now());
        if (digests > 0) {
            LOG.infof("Daily digest: %d emails", digests);
        }
    }

    /** Sends one digest per contact with waiting emails; returns how many. */
    public int run(Instant now) {
        @SuppressWarnings("unchecked")
        List<UUID> contacts = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select distinct contact_id from notification where digest and digest_id is null and contact_id is not null")
                .getResultList());
        int sent = 0;
        for (UUID contactId : contacts) {
            if (QuarkusTransaction.requiringNew().call(() -> digest(contactId, now))) {
                sent++;
            }
        }
        return sent;
    }

    private boolean digest(UUID contactId, Instant now) {
        Contact contact = em.find(Contact.class, contactId);
        List<Notification> waiting = em.createQuery("from Notification where contactId = :c and digest = true and digestId is null"
                        + " order by createdAt", Notification.class).setParameter("c", contactId)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).getResultList();
        if (contact == null || waiting.isEmpty() || contact.email == null) {
            return false;
        }
        LocalDate day = LocalDate.ofInstant(now, ENGLAND);
        UUID id = UUID.nameUUIDFromBytes(("digest|" + contactId + "|" + day + "|" + waiting.get(0).id).getBytes(StandardCharsets.UTF_8));
        List<String> paragraphs = waiting.stream().map(n -> n.subject).toList();
        String subject = "Your daily summary for " + day + ": " + waiting.size() + (waiting.size() == 1 ? " message" : " messages");
        Message summary = new Message(contact.organisation, Message.TRUST, contact.role, subject,
                String.join("\n", paragraphs) + "\nEach message in full is in the notification log of " + contact.organisation + ".")
                .withTemplate("trust/digest");
        log.insert(id, "digest:" + contactId + ":" + day, "digest", summary, new Router.Route(contactId, Router.EMAIL, contact.email),
                renderer.render(summary), null, Notification.CREATED, now, null, now);
        for (Notification n : waiting) {
            n.digestId = id;
            n.status = Notification.DELIVERED;
            n.reason = "sent in the daily digest " + id;
            n.updatedAt = now;
        }
        worker.wakeAfterCommit();
        return true;
    }
}
