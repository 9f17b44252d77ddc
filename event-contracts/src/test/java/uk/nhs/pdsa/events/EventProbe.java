package uk.nhs.pdsa.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Test access to the real broker: read a topic from the beginning until a record matches, or write a
 * CloudEvent as another service would. No consumer group, so it never disturbs the services' offsets.
 */
public final class EventProbe {
    private final String bootstrapServers;

    public EventProbe(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The first record on {@code topic} that matches, waiting up to {@code timeout}. */
    public Optional<ConsumerRecord<String, String>> find(String topic, Predicate<ConsumerRecord<String, String>> match,
            Duration timeout) {
        return all(topic, match, timeout, 1).stream().findFirst();
    }

    /** Every matching record on {@code topic}, once at least {@code atLeast} have arrived or {@code timeout} passed. */
    public List<ConsumerRecord<String, String>> all(String topic, Predicate<ConsumerRecord<String, String>> match,
            Duration timeout, int atLeast) {
        List<ConsumerRecord<String, String>> found = new java.util.ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = fromBeginning(consumer, topic);
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline) && found.size() < atLeast) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    /**
     * Every matching record on {@code topic} from its beginning to its end as of now: for counting what a
     * topic holds (exactly-once checks) once the producer has finished.
     */
    public List<ConsumerRecord<String, String>> upToEnd(String topic, Predicate<ConsumerRecord<String, String>> match) {
        List<ConsumerRecord<String, String>> found = new java.util.ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = fromBeginning(consumer, topic);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Could not read " + topic + " to its end within 60 s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.get(new TopicPartition(topic, record.partition())) && match.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    private KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }

    /** Assigns every partition of {@code topic} to {@code consumer}, positioned at the beginning. */
    private static List<TopicPartition> fromBeginning(KafkaConsumer<String, String> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    /** Writes {@code payload} as a binary-mode CloudEvent of {@code type}, the way the outbox relay does. */
    public String send(EventType type, String key, String subject, String payload) {
        return send(type, UUID.randomUUID().toString(), key, subject, payload);
    }

    /** As {@link #send(EventType, String, String, String)} with a chosen {@code ce_id}, to test redelivery. */
    public String send(EventType type, String id, String key, String subject, String payload) {
        return send(type, id, key, subject, payload, null);
    }

    /** As above, written in the trace {@code traceparent} names (the CloudEvents {@code ce_traceparent} extension). */
    public String send(EventType type, String id, String key, String subject, String payload, String traceparent) {
        sendRecord(cloudEvent(type, id, key, subject, payload, traceparent));
        return id;
    }

    /** The record {@link #send(EventType, String, String, String, String, String)} writes, to send several at once. */
    public static ProducerRecord<String, String> cloudEvent(EventType type, String id, String key, String subject, String payload,
            String traceparent) {
        RecordHeaders headers = new RecordHeaders();
        if (traceparent != null) {
            headers.add(CloudEventHeaders.TRACE_PARENT, bytes(traceparent));
        }
        headers.add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_1_0));
        headers.add(CloudEventHeaders.ID, bytes(id));
        headers.add(CloudEventHeaders.SOURCE, bytes("/pdsa/test"));
        headers.add(CloudEventHeaders.TYPE, bytes(type.ceType()));
        headers.add(CloudEventHeaders.SUBJECT, bytes(subject));
        headers.add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
        return new ProducerRecord<>(type.topic(), null, key, payload, headers);
    }

    /** Writes any record, for tests of what consumers do with records that break the contract. */
    public void sendRecord(ProducerRecord<String, String> record) {
        sendRecords(List.of(record));
    }

    /** Writes the records through one producer, all sent before any is awaited (a consumer may read them in one poll). */
    public void sendRecords(List<ProducerRecord<String, String>> records) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
            for (ProducerRecord<String, String> record : records) {
                sent.add(producer.send(record));
            }
            for (java.util.concurrent.Future<?> each : sent) {
                each.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not write to " + records.get(0).topic(), e);
        }
    }

    /** A new sampled W3C traceparent with random ids, as a caller starting a trace would send. */
    public static String newTraceparent() {
        String hex = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        return "00-" + hex.substring(0, 32) + "-" + hex.substring(32, 48) + "-01";
    }

    /** The trace id of a W3C traceparent ({@code 00-<trace id>-<span id>-<flags>}), or null. */
    public static String traceId(String traceparent) {
        return traceparent == null || traceparent.length() < 35 ? null : traceparent.substring(3, 35);
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
