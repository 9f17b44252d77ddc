package uk.nhs.pdsa.notification.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import uk.nhs.pdsa.notification.Contact;
import uk.nhs.pdsa.notification.Notification;
import uk.nhs.pdsa.notification.pictures.ChartPictures;
import uk.nhs.pdsa.notification.routing.Recipient;
import uk.nhs.pdsa.notification.routing.Router;
import uk.nhs.pdsa.runtime.tracing.EventTracing;

/**
 * Records messages as notifications: one per message, contact and channel (routing by {@link Router}), rendered
 * in text and HTML, due at once. The row id is derived from the fact announced (a finding id, a need id and
 * step: stable across replays even when the event is re-sent under a new id), the role, the contact and the
 * channel, and inserted with {@code on conflict do nothing}: the same fact never reaches the same contact twice
 * on the same channel. A role nobody holds is recorded as undeliverable, so the log shows what was missed.
 */
@ApplicationScoped
public class DeliveryLog {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DeliveryLog.class);
    private final EntityManager em;
    private final Renderer renderer;
    private final DeliveryWorker worker;
    private final ChartPictures pictures;

    public DeliveryLog(EntityManager em, Renderer renderer, DeliveryWorker worker, ChartPictures pictures) {
        this.em = em;
        this.renderer = renderer;
        this.worker = worker;
        this.pictures = pictures;
    }

    @Transactional(TxType.MANDATORY)
    public void record(String factId, String eventType, String audit, List<Message> messages) {
        Instant now = Instant.now();
        Map<String, List<Recipient>> contacts = new HashMap<>();
        boolean due = false;
        for (Message m : messages) {
            var holders = contacts.computeIfAbsent(m.organisation(),
                    org -> Contact.ofOrganisation(org).stream().map(Contact::recipient).toList());
            List<Router.Route> routes = m.address() != null ? List.of(Router.direct(m.address()))
                    : Router.route(m.organisation(), m.recipientRole(), eventType, audit, holders);
            boolean emailed = routes.stream().anyMatch(r -> Router.EMAIL.equals(r.channel()) && !r.digest());
            Optional<ChartPictures.Picture> picture = emailed ? pictures.of(m.chart()) : Optional.empty();
            Renderer.Rendered rendered;
            String failure = null;
            try {
                rendered = renderer.render(m, picture.map(ChartPictures.Picture::alternative).orElse(null));
            } catch (RuntimeException e) {
                // Our side failed: keep the message, unrendered, for an admin to retry once the template is mended.
                rendered = new Renderer.Rendered(m.subject() + "\n\n" + m.body(), null);
                LOG.errorf(e, "Template %s failed", m.template());
                failure = "template " + m.template() + " failed to render (the service log has the cause)";
            }
            for (Router.Route route : routes) {
                UUID id = UUID.nameUUIDFromBytes(String.join("|", factId, m.organisation(), m.recipientRole(),
                        String.valueOf(route.contactId()), route.channel()).getBytes(StandardCharsets.UTF_8));
                boolean undeliverable = Router.NONE.equals(route.channel());
                boolean technical = failure != null && !undeliverable;
                String status = undeliverable ? Notification.PERMANENT_FAILURE
                        : technical ? Notification.TECHNICAL_FAILURE : Notification.CREATED;
                String reason = undeliverable
                        ? "no contact holds the role " + m.recipientRole() + " at " + m.organisation() : failure;
                boolean sendNow = !undeliverable && !technical && !route.digest();
                byte[] png = Router.EMAIL.equals(route.channel()) && !route.digest()
                        ? picture.map(ChartPictures.Picture::png).orElse(null) : null;
                insert(id, factId, eventType, m, route, rendered, png, status, sendNow ? now : null, reason, now);
                due |= sendNow;
            }
        }
        if (due) {
            worker.wakeAfterCommit();
        }
    }

    /**
     * Inserts one notification unless it exists (same id: the same fact for the same contact and channel).
     *
     * @param next when it is due; null: not sent by the worker (undeliverable, failed, or waiting for a digest)
     */
    @Transactional(TxType.MANDATORY)
    void insert(UUID id, String factId, String eventType, Message m, Router.Route route, Renderer.Rendered rendered,
            byte[] picture, String status, Instant next, String reason, Instant now) {
        em.createNativeQuery("insert into notification (id, event_id, event_type, organisation, audience,"
                        + " recipient_role, channel, subject, body, html_body, status, created_at, updated_at, contact_id,"
                        + " recipient, attempts, next_attempt_at, reason, digest, picture, traceparent) values (:id, :eventId,"
                        + " :eventType, :organisation, :audience, :role, :channel, :subject, :body, :html, :status, :now, :now,"
                        + " :contact, :recipient, 0, :next, :reason, :digest, nullif(:picture, ''::bytea), nullif(:traceparent, ''))"
                        + " on conflict do nothing")
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
                .setParameter("status", status)
                .setParameter("now", now)
                .setParameter("contact", route.contactId())
                .setParameter("recipient", route.recipient())
                .setParameter("next", next)
                .setParameter("digest", route.digest())
                .setParameter("reason", reason)
                .setParameter("picture", picture == null ? new byte[0] : picture) // empty: none (a typed null)
                // The delivery joins the trace of the event that caused the message (DeliveryWorker).
                .setParameter("traceparent", Objects.requireNonNullElse(EventTracing.current(), "")) // empty: none
                .executeUpdate();
    }
}
