package uk.nhs.pdsa.findings.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Which metrics an instance recomputes, with Kafka's own MockConsumer standing in for the connector's consumer. */
class ResultPartitionsTest {
    private static final String TOPIC = "pdsa.audit-results.v1";

    @Test
    void shouldPlaceAMetricOnThePartitionItsResultsGoTo() {
        for (String key : List.of("nhfd/surgery-within-36h", "nhfd/mortality-30d", "naif/falls-per-1000", "m/x")) {
            assertThat(ResultPartitions.partitionOf(key, 6))
                    .isEqualTo(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), 6));
        }
    }

    @Test
    void shouldRecomputeOnlyItsOwnPartitionsMetricsOnceReadUpToWhereTheyStoodWhenAssigned() {
        MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
        consumer.updatePartitions(TOPIC, IntStream.range(0, 6)
                .mapToObj(p -> new PartitionInfo(TOPIC, p, null, null, null)).toList());
        TopicPartition mine = new TopicPartition(TOPIC, ResultPartitions.partitionOf("nhfd/surgery-within-36h", 6));
        TopicPartition upToDate = new TopicPartition(TOPIC, ResultPartitions.partitionOf("nhfd/mortality-30d", 6));
        assertThat(mine).isNotEqualTo(upToDate);
        consumer.assign(List.of(mine, upToDate));
        consumer.updateBeginningOffsets(Map.of(mine, 0L, upToDate, 0L));
        consumer.updateEndOffsets(Map.of(mine, 120L, upToDate, 40L));
        consumer.seek(mine, 20);
        consumer.seek(upToDate, 40);
        ResultPartitions partitions = new ResultPartitions();
        assertThat(partitions.recomputesNow("nhfd", "surgery-within-36h")).as("nothing assigned yet").isFalse();

        partitions.onPartitionsAssigned(consumer, List.of(mine, upToDate));
        assertThat(partitions.recomputesNow("nhfd", "mortality-30d")).as("read up already").isTrue();
        assertThat(partitions.recomputesNow("nhfd", "surgery-within-36h")).as("20 of 120 read").isFalse();
        partitions.consumedUpTo(mine.partition(), 119);
        assertThat(partitions.recomputesNow("nhfd", "surgery-within-36h")).isFalse();
        partitions.consumedUpTo(mine.partition(), 120);
        assertThat(partitions.recomputesNow("nhfd", "surgery-within-36h")).isTrue();
        String other = IntStream.range(0, 100).mapToObj(i -> "m" + i).filter(m -> {
            int p = ResultPartitions.partitionOf("a/" + m, 6);
            return p != mine.partition() && p != upToDate.partition();
        }).findFirst().orElseThrow();
        assertThat(partitions.recomputesNow("a", other)).as("another instance's partition").isFalse();

        partitions.onPartitionsRevoked(consumer, List.of(mine));
        assertThat(partitions.recomputesNow("nhfd", "surgery-within-36h")).as("revoked").isFalse();
        assertThat(partitions.recomputesNow("nhfd", "mortality-30d")).isTrue();
        partitions.onPartitionsLost(consumer, List.of(upToDate));
        assertThat(partitions.recomputesNow("nhfd", "mortality-30d")).as("lost").isFalse();
    }
}
