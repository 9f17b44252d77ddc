package uk.nhs.pdsa.notification.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import uk.nhs.pdsa.notification.Contact;
import uk.nhs.pdsa.notification.Notification;
import uk.nhs.pdsa.notification.routing.Router;

/**
 * Records messages as notifications: one per message, contact and channel (routing by {@link Router}), rendered
 * in text and HTML, due at once. The row id is derived from the fact announced (a finding id, a need id and
 * step: stable across replays even when the event is re-sent under a new id), the role, the contact and the
 * channel, and inserted with {@code on conflict do nothing}: the same fact never reaches the same contact twice
 * on the same channel. A role nobody holds is recorded as undeliverable, so the log shows what was missed.
 */
@ApplicationScoped
public class DeliveryLog {
    private final EntityManager em;
    private final Renderer renderer;
    private final DeliveryWorker worker;

    public DeliveryLog(EntityManager em, Renderer renderer, DeliveryWorker worker) {
        this.em = em;
        this.renderer = renderer;
        this.worker = worker;
    }

    @Transactional(TxType.MANDATORY)
    public void record(String factId, String eventType, String audit, List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        java.util.Map<String, List<uk.nhs.pdsa.notification.routing.Recipient>> contacts = new java.util.HashMap<>();
        boolean due = false;
        for (Message m : messages) {
            var holders = contacts.computeIfAbsent(m.organisation(),
                    org -> Contact.ofOrganisation(org).stream().map(Contact::recipient).toList());
            List<Router.Route> routes = m.address() != null ? List.of(Router.direct(m.address()))
                    : Router.route(m.organisation(), m.recipientRole(), eventType, audit, holders);
            for (Router.Route route : routes) {
                UUID id = UUID.nameUUIDFromBytes(String.join("|", factId, m.organisation(), m.recipientRole(),
                        String.valueOf(route.contactId()), route.channel()).getBytes(StandardCharsets.UTF_8));
                boolean undeliverable = Router.NONE.equals(route.channel());
                Renderer.Rendered rendered;
                String failure = null;
                try {
                    rendered = renderer.render(m);
                } catch (RuntimeException e) {
                    // Our side failed: keep the message, unrendered, for an admin to retry once the template is mended.
                    rendered = new Renderer.Rendered(m.subject() + "\n\n" + m.body(), null);
                    failure = "template " + m.template() + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
                }
                boolean technical = failure != null && !undeliverable;
                em.createNativeQuery("insert into notification (id, event_id, event_type, organisation, audience,"
                                + " recipient_role, channel, subject, body, html_body, status, created_at, updated_at, contact_id,"
                                + " recipient, attempts, next_attempt_at, reason, digest) values (:id, :eventId, :eventType,"
                                + " :organisation, :audience, :role, :channel, :subject, :body, :html, :status, :now, :now,"
                                + " :contact, :recipient, 0, :next, :reason, :digest) on conflict do nothing")
                        .setParameter("id", id)
                        .setParameter("eventId", factId)
                        .setParameter("eventType", eventType)
                        .setParameter("organisation", m.organisation())
                        .setParameter("audience", m.audience())
                        .setParameter("role", m.recipientRole())
                        .setParameter("channel", route.channel())
                        .setParameter("subject", m.subject())
                        .setParameter("body", rendered.text())
                        .setParameter("html", rendered.html())
                        .setParameter("status", undeliverable ? Notification.PERMANENT_FAILURE
                                : technical ? Notification.TECHNICAL_FAILURE : Notification.CREATED)
                        .setParameter("now", now)
                        .setParameter("contact", route.contactId())
                        .setParameter("recipient", route.recipient())
                        .setParameter("next", undeliverable || technical || route.digest() ? null : now)
                        .setParameter("digest", route.digest())
                        .setParameter("reason", undeliverable
                                ? "no contact holds the role " + m.recipientRole() + " at " + m.organisation() : failure)
                        .executeUpdate();
                due |= !undeliverable && !technical && !route.digest();
            }
        }
        if (due) {
            worker.wakeAfterCommit();
        }
    }
}
