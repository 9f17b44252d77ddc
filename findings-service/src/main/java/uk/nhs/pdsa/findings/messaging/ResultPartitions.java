package uk.nhs.pdsa.findings.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;

/**
 * Which metrics this instance recomputes: those whose audit results it consumes. Audit results are keyed by
 * {@code audit/metric}, so each metric's series and funnels live on one partition, and the instance that holds the
 * partition holds all their data. Several instances so share the recomputation as they share the partitions, and
 * none recomputes a metric from data another is still reading.
 * <p>
 * A partition counts once this instance has read it up to where it stood when assigned (its end offset then): until
 * then (a rebuild, a backlog, a partition taken over from another instance) its metrics wait, so each is recomputed
 * once from its final data, however the reading pauses (a rebalance, a slow batch).
 */
@ApplicationScoped
@Default // also injected by type, besides the name the connector looks it up by
@Identifier(ResultPartitions.NAME)
public class ResultPartitions implements KafkaConsumerRebalanceListener {
    public static final String NAME = "audit-results-partitions";
    private static final Logger LOG = Logger.getLogger(ResultPartitions.class);

    /** Assigned partition → the offset to reach (its end when assigned); removed when reached or revoked. */
    private final Map<Integer, Long> catchingUp = new ConcurrentHashMap<>();
    private final Map<Integer, Boolean> assigned = new ConcurrentHashMap<>();
    private volatile int partitions;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> newlyAssigned) {
        if (newlyAssigned.isEmpty()) {
            return;
        }
        String topic = newlyAssigned.iterator().next().topic();
        partitions = consumer.partitionsFor(topic).size();
        Map<TopicPartition, Long> ends = consumer.endOffsets(newlyAssigned);
        for (TopicPartition p : newlyAssigned) {
            long end = ends.getOrDefault(p, 0L);
            if (consumer.position(p) < end) {
                catchingUp.put(p.partition(), end);
            }
            assigned.put(p.partition(), Boolean.TRUE);
        }
        LOG.infof("Audit-result partitions %s assigned (of %d); reading back %s first", assigned.keySet(), partitions,
                catchingUp.keySet());
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> revoked) {
        revoked.forEach(p -> {
            assigned.remove(p.partition());
            catchingUp.remove(p.partition());
        });
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> lost) {
        onPartitionsRevoked(consumer, lost);
    }

    /** Records that the effects of everything before {@code nextOffset} on {@code partition} are committed. */
    public void consumedUpTo(int partition, long nextOffset) {
        catchingUp.computeIfPresent(partition, (p, target) -> nextOffset >= target ? null : target);
    }

    /** Whether this instance recomputes {@code audit/metric} now: it holds the metric's partition, read up. */
    public boolean recomputesNow(String audit, String metric) {
        int count = partitions;
        if (count == 0) {
            return false;
        }
        int partition = partitionOf(audit + "/" + metric, count);
        return assigned.containsKey(partition) && !catchingUp.containsKey(partition);
    }

    /** The partition Kafka's default partitioner gives a record keyed {@code key} (murmur2, as producers do). */
    static int partitionOf(String key, int count) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % count;
    }
}
