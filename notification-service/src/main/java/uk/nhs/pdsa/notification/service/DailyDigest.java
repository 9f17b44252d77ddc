package uk.nhs.pdsa.notification.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import uk.nhs.pdsa.notification.Contact;
import uk.nhs.pdsa.notification.Notification;

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

    public DailyDigest(EntityManager em, Renderer renderer, DeliveryWorker worker) {
        this.em = em;
        this.renderer = renderer;
        this.worker = worker;
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
        @SuppressWarnings("unchecked")
        List<Notification> waiting = em.createQuery("from Notification where contactId = :c and digest = true and digestId is null"
                        + " order by createdAt", Notification.class).setParameter("c", contactId)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).getResultList();
        if (contact == null || waiting.isEmpty() || contact.email == null) {
            return false;
        }
        LocalDate day = LocalDate.ofInstant(now, ENGLAND);
        UUID id = UUID.nameUUIDFromBytes(("digest|" + contactId + "|" + day + "|" + waiting.get(0).id).getBytes(StandardCharsets.UTF_8));
        List<String> paragraphs = new ArrayList<>();
        for (Notification n : waiting) {
            paragraphs.add(n.subject);
        }
        String subject = "Your daily summary for " + day + ": " + waiting.size() + (waiting.size() == 1 ? " message" : " messages");
        Message summary = new Message(contact.organisation, Message.TRUST, contact.role, subject,
                String.join("\n", paragraphs) + "\nEach message in full is in the notification log of " + contact.organisation + ".")
                .withTemplate("trust/digest");
        Renderer.Rendered rendered = renderer.render(summary);
        em.createNativeQuery("insert into notification (id, event_id, event_type, organisation, audience, recipient_role, channel,"
                        + " subject, body, html_body, status, created_at, updated_at, contact_id, recipient, attempts, next_attempt_at)"
                        + " values (:id, :eventId, 'digest', :organisation, :audience, :role, 'email', :subject, :body, :html,"
                        + " 'created', :now, :now, :contact, :recipient, 0, :now) on conflict do nothing")
                .setParameter("id", id).setParameter("eventId", "digest:" + contactId + ":" + day)
                .setParameter("organisation", contact.organisation).setParameter("audience", Message.TRUST)
                .setParameter("role", contact.role).setParameter("subject", subject).setParameter("body", rendered.text())
                .setParameter("html", rendered.html()).setParameter("now", now).setParameter("contact", contactId)
                .setParameter("recipient", contact.email).executeUpdate();
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
