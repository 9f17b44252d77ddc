package uk.nhs.pdsa.notification.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import uk.nhs.pdsa.notification.Contact;
import uk.nhs.pdsa.notification.Notification;
import uk.nhs.pdsa.notification.routing.Router;

/**
 * A test message to one contact, on each of its channels (email, and its webhook unless disabled), delivered and
 * logged like any other: an admin sees at once whether the address or endpoint works, and its status in the history.
 */
@ApplicationScoped
public class TestMessages {
    public static final String EVENT_TYPE = "test";
    private final DeliveryLog log;
    private final Renderer renderer;
    private final DeliveryWorker worker;

    public TestMessages(DeliveryLog log, Renderer renderer, DeliveryWorker worker) {
        this.log = log;
        this.renderer = renderer;
        this.worker = worker;
    }

    /** @return the notifications recorded, one per channel (none when the contact has no working channel) */
    @Transactional(TxType.MANDATORY)
    public List<UUID> send(Contact contact) {
        Instant now = Instant.now();
        Message message = new Message(contact.organisation, Message.TRUST, contact.role,
                "Test message from the PDSA improvement platform",
                "This is a test, sent by the platform's administrator to check that messages reach you. You need do nothing.")
                .withTemplate("trust/finding");
        Renderer.Rendered rendered = renderer.render(message);
        List<Router.Route> routes = new ArrayList<>();
        if (contact.email != null) {
            routes.add(new Router.Route(contact.id, Router.EMAIL, contact.email));
        }
        if (contact.webhookUrl != null && contact.webhookDisabledAt == null) {
            routes.add(new Router.Route(contact.id, Router.WEBHOOK, null));
        }
        List<UUID> ids = new ArrayList<>();
        for (Router.Route route : routes) {
            UUID id = UUID.nameUUIDFromBytes(("test|" + contact.id + "|" + route.channel() + "|" + now.toEpochMilli())
                    .getBytes(StandardCharsets.UTF_8));
            log.insert(id, "test:" + contact.id + ":" + now.toEpochMilli(), EVENT_TYPE, message, route, rendered, null,
                    Notification.CREATED, now, null, now);
            ids.add(id);
        }
        if (!ids.isEmpty()) {
            worker.wakeAfterCommit();
        }
        return ids;
    }
}
