package uk.nhs.pdsa.runtime.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.pdsa.events.CloudEventHeaders;

/**
 * Answers "which of these events are already on their topic?" for outbox rows whose earlier send may or may
 * not have reached the broker (the process died, or the broker stopped answering, after the records were
 * handed to the producer). It reads each partition of the topic from shortly before the first attempt to the
 * end, looking at the {@code ce_id} header only. Used rarely: only rows marked in doubt are looked up.
 */
@ApplicationScoped
public class OutboxReconciler {
    private static final Logger LOG = Logger.getLogger(OutboxReconciler.class);
    /** Allows for clock differences between the relay that sent and the broker that timestamped. */
    private static final Duration CLOCK_MARGIN = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String bootstrapServers;
    private final String clientId;
    private KafkaConsumer<byte[], byte[]> consumer;

    public OutboxReconciler(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String clientId) {
        this.bootstrapServers = bootstrapServers;
        this.clientId = clientId;
    }

    /**
     * @param topic  the topic the events were sent to
     * @param since  when the earliest of them was first handed to the producer
     * @param wanted their CloudEvents ids
     * @return those of {@code wanted} found on the topic
     */
    public synchronized Set<String> alreadyPublished(String topic, Instant since, Set<String> wanted) {
        KafkaConsumer<byte[], byte[]> c = consumer();
        List<TopicPartition> partitions = c.partitionsFor(topic, TIMEOUT).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        long from = since.minus(CLOCK_MARGIN).toEpochMilli();
        Map<TopicPartition, OffsetAndTimestamp> starts = c.offsetsForTimes(
                partitions.stream().collect(Collectors.toMap(p -> p, p -> from)), TIMEOUT);
        Map<TopicPartition, Long> ends = c.endOffsets(partitions, TIMEOUT);
        Map<TopicPartition, Long> toRead = new HashMap<>();
        starts.forEach((partition, start) -> {
            if (start != null && start.offset() < ends.get(partition)) {
                toRead.put(partition, start.offset());
            }
        });
        Set<String> found = new HashSet<>();
        c.assign(toRead.keySet());
        toRead.forEach(c::seek);
        Instant deadline = Instant.now().plus(TIMEOUT.multipliedBy(3));
        long scanned = 0;
        while (toRead.keySet().stream().anyMatch(p -> c.position(p) < ends.get(p))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Timed out reading " + topic + " to reconcile the outbox");
            }
            for (ConsumerRecord<byte[], byte[]> record : c.poll(Duration.ofMillis(500))) {
                scanned++;
                Header id = record.headers().lastHeader(CloudEventHeaders.ID);
                if (id != null) {
                    String eventId = new String(id.value(), StandardCharsets.UTF_8);
                    if (wanted.contains(eventId)) {
                        found.add(eventId);
                    }
                }
            }
        }
        c.assign(List.of());
        LOG.infof("Outbox reconciliation on %s: %d of %d in-doubt events already published (%d records read)",
                topic, found.size(), wanted.size(), scanned);
        return found;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        if (consumer == null) {
            Map<String, Object> config = new HashMap<>(uk.nhs.pdsa.runtime.kafka.KafkaClientSettings.security());
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-outbox-reconciler");
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            consumer = new KafkaConsumer<>(config);
        }
        return consumer;
    }

    @PreDestroy
    synchronized void close() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(2));
        }
    }
}
