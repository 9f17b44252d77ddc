package uk.nhs.pdsa.notification.service;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.hibernate.Session;

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

    /**
     * A fact and the messages it leads to; {@code traceparent} the trace its deliveries join (the consumer's span of
     * the event that announced it), or null for none.
     */
    public record Fact(String factId, String eventType, String audit, List<Message> messages, String traceparent) {
    }

    @Transactional(TxType.MANDATORY)
    public void record(String factId, String eventType, String audit, List<Message> messages) {
        recordAll(List.of(new Fact(factId, eventType, audit, messages, EventTracing.current())));
    }

    /**
     * Records the messages of many facts in a few statements: the contacts of every organisation named in one query,
     * the rows in one JDBC batch (a consumer's whole poll costs a handful of round trips, not several per event).
     */
    @Transactional(TxType.MANDATORY)
    public void recordAll(List<Fact> facts) {
        Instant now = Instant.now();
        Map<String, List<Recipient>> contacts = contactsOf(facts.stream().flatMap(f -> f.messages().stream())
                .filter(m -> m.address() == null).map(Message::organisation).collect(Collectors.toSet()));
        List<Row> rows = new ArrayList<>();
        for (Fact fact : facts) {
            for (Message m : fact.messages()) {
                rows.addAll(rows(fact, m, contacts.getOrDefault(m.organisation(), List.of()), now));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        insert(rows);
        if (rows.stream().anyMatch(r -> r.next() != null)) {
            worker.wakeAfterCommit();
        }
    }

    private static Map<String, List<Recipient>> contactsOf(Set<String> organisations) {
        if (organisations.isEmpty()) {
            return Map.of();
        }
        Map<String, List<Recipient>> byOrganisation = new HashMap<>();
        for (Contact c : Contact.ofOrganisations(organisations)) {
            byOrganisation.computeIfAbsent(c.organisation, o -> new ArrayList<>()).add(c.recipient());
        }
        return byOrganisation;
    }

    /** One row per route of the message: rendered once, its picture drawn once when it is emailed at once. */
    private List<Row> rows(Fact fact, Message m, List<Recipient> holders, Instant now) {
        List<Router.Route> routes = m.address() != null ? List.of(Router.direct(m.address()))
                : Router.route(m.organisation(), m.recipientRole(), fact.eventType(), fact.audit(), holders);
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
        List<Row> rows = new ArrayList<>();
        for (Router.Route route : routes) {
            UUID id = UUID.nameUUIDFromBytes(String.join("|", fact.factId(), m.organisation(), m.recipientRole(),
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
            rows.add(new Row(id, fact, m, route, rendered, png, status, sendNow ? now : null, reason, now));
        }
        return rows;
    }

    /**
     * A notification to insert unless it exists (same id: the same fact for the same contact and channel).
     *
     * @param next when it is due; null: not sent by the worker (undeliverable, failed, or waiting for a digest)
     */
    private record Row(UUID id, Fact fact, Message m, Router.Route route, Renderer.Rendered rendered, byte[] picture,
            String status, Instant next, String reason, Instant now) {
    }

    /**
     * Inserts one notification unless it exists (for a message made elsewhere: a digest, a test message), in the
     * current trace.
     *
     * @param next when it is due; null: not sent by the worker (undeliverable, failed, or waiting for a digest)
     */
    @Transactional(TxType.MANDATORY)
    void insert(UUID id, String factId, String eventType, Message m, Router.Route route, Renderer.Rendered rendered,
            byte[] picture, String status, Instant next, String reason, Instant now) {
        Fact fact = new Fact(factId, eventType, null, List.of(m), EventTracing.current());
        insert(List.of(new Row(id, fact, m, route, rendered, picture, status, next, reason, now)));
    }

    private static final String INSERT = "insert into notification (id, event_id, event_type, organisation, audience,"
            + " recipient_role, channel, subject, body, html_body, status, created_at, updated_at, contact_id, recipient,"
            + " attempts, next_attempt_at, reason, digest, picture, traceparent)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?) on conflict do nothing";

    /** Every row in one JDBC batch on the transaction's connection (sent without a round trip per row). */
    private void insert(List<Row> rows) {
        em.flush(); // what the transaction changed through Hibernate first (a contact a row refers to, say)
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (Row r : rows) {
                    int i = 0;
                    insert.setObject(++i, r.id());
                    insert.setString(++i, r.fact().factId());
                    insert.setString(++i, r.fact().eventType());
                    insert.setString(++i, r.m().organisation());
                    insert.setString(++i, r.m().audience());
                    insert.setString(++i, r.m().recipientRole());
                    insert.setString(++i, r.route().channel());
                    insert.setString(++i, r.m().subject());
                    insert.setString(++i, r.rendered().text());
                    insert.setString(++i, r.rendered().html());
                    insert.setString(++i, r.status());
                    insert.setObject(++i, r.now().atOffset(ZoneOffset.UTC));
                    insert.setObject(++i, r.now().atOffset(ZoneOffset.UTC));
                    insert.setObject(++i, r.route().contactId(), Types.OTHER);
                    insert.setString(++i, r.route().recipient());
                    insert.setObject(++i, r.next() == null ? null : r.next().atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
                    insert.setString(++i, r.reason());
                    insert.setBoolean(++i, r.route().digest());
                    insert.setBytes(++i, r.picture());
                    // The delivery joins the trace of the event that caused the message (DeliveryWorker).
                    insert.setString(++i, r.fact().traceparent());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }
}
