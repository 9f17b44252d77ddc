package uk.nhs.pdsa.runtime.inbox;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.pdsa.runtime.kafka.KafkaClientSettings;
import uk.nhs.pdsa.runtime.problem.ProblemException;
import uk.nhs.pdsa.runtime.rest.PageView;
import uk.nhs.pdsa.runtime.security.Caller;
import uk.nhs.pdsa.runtime.security.Roles;

/**
 * Events a consumer refused (a payload against its contract, headers missing): listed for admins with the reason,
 * and replayed after a fix, read again from their topic and handed to the consumer as if just polled. Counted in
 * the {@code pdsa_events_rejected} gauge (refused and not since processed by a replay).
 */
@Path("/api/v1/rejected-events")
@Tag(name = "Rejected events", description = "Events this service's consumers refused: why, and replay after a fix")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class RejectedEventResource {
    private static final Logger LOG = Logger.getLogger(RejectedEventResource.class);
    private static final String COLUMNS = "id, consumer, event_id, topic, kafka_partition, kafka_offset, reason,"
            + " rejected_at, replayed_at, replayed_by, replay_outcome";
    private final EntityManager em;
    private final EventInbox inbox;
    private final Caller caller;
    private final String bootstrap;

    public RejectedEventResource(EntityManager em, EventInbox inbox, Caller caller,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.em = em;
        this.inbox = inbox;
        this.caller = caller;
        this.bootstrap = bootstrap;
    }

    /** A refused event; {@code payload} only when one is read alone. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "RejectedEvent", example = """
            {"id": 12, "consumer": "findings.audit-results", "eventId": "3f9b8f7e-3d1c-4b7a-9e2f-5a6b7c8d9e0f",
             "topic": "pdsa.audit-results.v1", "partition": 3, "offset": 1822,
             "reason": "payload does not match nhs.pdsa.audit-result.recorded.v1: $.denominator: is missing",
             "rejectedAt": "2026-11-30T09:12:44Z", "replayedAt": "2026-11-30T10:02:10Z", "replayedBy": "ab12@X26",
             "replayOutcome": "processed", "payload": null}""")
    public record RejectedEvent(long id, String consumer, String eventId, String topic, int partition, long offset,
            String reason, Instant rejectedAt, Instant replayedAt, String replayedBy, String replayOutcome,
            String payload) {
    }

    /** The {@code pdsa_events_rejected} gauge: refused events no replay has processed since. */
    @jakarta.enterprise.context.ApplicationScoped
    static class Metrics {
        void register(@Observes StartupEvent start, MeterRegistry registry, javax.sql.DataSource dataSource) {
            uk.nhs.pdsa.runtime.health.SqlGauges.register(registry, dataSource, "pdsa.events.rejected",
                    "Events consumers refused and no replay has processed since",
                    "select count(*) from rejected_event where replay_outcome is distinct from 'processed'");
        }
    }

    @GET
    @Operation(summary = "Refused events, newest first, optionally of one consumer, optionally only those still open")
    @APIResponse(responseCode = "200", description = "One page")
    public PageView<RejectedEvent> list(@QueryParam("consumer") String consumer,
            @QueryParam("open") @DefaultValue("false") boolean open,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("100") int size) {
        if (consumer != null && !consumer.isBlank() && !consumer.matches("^[a-z0-9][a-z0-9.-]{0,99}$")) {
            throw ProblemException.validation("1 invalid parameter(s)", List.of(new uk.nhs.pdsa.runtime.problem.Problem.FieldError(
                    "/consumer", "a consumer name: lower-case letters, digits, dots and hyphens (as listed)")));
        }
        PageView.check(page, size, 500);
        String where = " where (:consumer = '' or consumer = :consumer)"
                + (open ? " and replay_outcome is distinct from 'processed'" : "");
        long total = ((Number) em.createNativeQuery("select count(*) from rejected_event" + where)
                .setParameter("consumer", consumer == null ? "" : consumer).getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + COLUMNS + ", null from rejected_event" + where
                + " order by id desc limit :size offset :skip").setParameter("consumer", consumer == null ? "" : consumer)
                .setParameter("size", size).setParameter("skip", (long) page * size).getResultList();
        return new PageView<>(page, size, total, rows.stream().map(RejectedEventResource::row).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One refused event with its payload")
    @APIResponse(responseCode = "200", description = "The refused event, its payload included",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = RejectedEvent.class)))
    @APIResponse(responseCode = "404", description = "No such refused event")
    public RejectedEvent get(@PathParam("id") long id) {
        return find(id);
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Read the event again from its topic and hand it to its consumer (after a fix)",
            description = "The answer records the outcome: processed, or rejected again (with the new reason; the"
                    + " event stays open). Replaying an event already processed changes nothing (the consumer is"
                    + " idempotent).")
    @APIResponse(responseCode = "200", description = "Replayed; replayOutcome says how it went",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = RejectedEvent.class)))
    @APIResponse(responseCode = "404", description = "No such refused event")
    @APIResponse(responseCode = "409", description = "This instance's consumer has handled no event yet: retry shortly")
    @APIResponse(responseCode = "410", description = "The record is no longer on its topic (retention)")
    public RejectedEvent replay(@PathParam("id") long id) {
        RejectedEvent rejected = find(id);
        if (!inbox.canReplay(rejected.consumer())) {
            throw ProblemException.conflict("consumer " + rejected.consumer() + " has handled no event since this"
                    + " instance started, so it cannot replay yet; retry in a minute");
        }
        ConsumerRecord<String, String> record = read(rejected.topic(), rejected.partition(), rejected.offset())
                .orElseThrow(() -> new ProblemException(410, "gone", "Gone", "the record at " + rejected.topic() + "-"
                        + rejected.partition() + "@" + rejected.offset() + " is no longer on its topic", List.of()));
        long before = rejections(rejected);
        inbox.replay(rejected.consumer(), record);
        String outcome = rejections(rejected) > before ? "rejected again: " + latestReason(rejected) : "processed";
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update rejected_event set replayed_at = now(),"
                + " replayed_by = :by, replay_outcome = :outcome where id = :id").setParameter("by", caller.actor())
                .setParameter("outcome", outcome).setParameter("id", id).executeUpdate());
        LOG.infof("Rejected event %d (%s) replayed by %s: %s", id, rejected.consumer(), caller.actor(), outcome);
        return find(id);
    }

    private long rejections(RejectedEvent e) {
        return ((Number) em.createNativeQuery("select count(*) from rejected_event where consumer = :c and topic = :t"
                + " and kafka_partition = :p and kafka_offset = :o").setParameter("c", e.consumer()).setParameter("t", e.topic())
                .setParameter("p", e.partition()).setParameter("o", e.offset()).getSingleResult()).longValue();
    }

    private String latestReason(RejectedEvent e) {
        return (String) em.createNativeQuery("select reason from rejected_event where consumer = :c and topic = :t"
                + " and kafka_partition = :p and kafka_offset = :o order by id desc limit 1").setParameter("c", e.consumer())
                .setParameter("t", e.topic()).setParameter("p", e.partition()).setParameter("o", e.offset()).getSingleResult();
    }

    private RejectedEvent find(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + COLUMNS + ", payload from rejected_event where id = :id")
                .setParameter("id", id).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("No rejected event " + id);
        }
        return row(rows.get(0));
    }

    private static RejectedEvent row(Object[] r) {
        return new RejectedEvent(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                ((Number) r[4]).intValue(), ((Number) r[5]).longValue(), (String) r[6], instant(r[7]), instant(r[8]),
                (String) r[9], (String) r[10], (String) r[11]);
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return Instant.parse(value.toString());
    }

    /** The record at {@code offset}, read with a consumer of no group (nothing committed), or empty when gone. */
    private java.util.Optional<ConsumerRecord<String, String>> read(String topic, int partition, long offset) {
        Map<String, Object> settings = new HashMap<>(KafkaClientSettings.security());
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition at = new TopicPartition(topic, partition);
            consumer.assign(List.of(at));
            Long earliest = consumer.beginningOffsets(List.of(at)).get(at);
            if (earliest != null && earliest > offset) {
                return java.util.Optional.empty();
            }
            consumer.seek(at, offset);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() == offset) {
                        return java.util.Optional.of(r);
                    }
                    if (r.offset() > offset) {
                        return java.util.Optional.empty();
                    }
                }
            }
            return java.util.Optional.empty();
        }
    }
}
