package eu.synergie.core.matching.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The follower of the alerts and watchlists topics, on Kafka's own in-memory consumer (no broker): whatever the
 * handling of one record throws, an Error included, that record is skipped and the follower reads on, at start and
 * afterwards.
 */
class TopicFollowerTest {

    private static final String TOPIC = "synergie.test";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final List<Long> handled = new CopyOnWriteArrayList<>();

    @Test
    void followWhenHandlingRecordsThrowsErrorsThenEachIsSkippedAndTheFollowingHandled() {
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, new Node(0, "localhost", 9092), null, null)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        consumer.updateEndOffsets(Map.of(P0, 4L));
        consumer.schedulePollTask(() -> {
            for (long offset = 0; offset < 4; offset++) {
                consumer.addRecord(record(offset));
            }
        });
        TopicFollower.Handler handler = (key, value, offset, appendedAt) -> {
            switch ((int) offset) {
                case 0 -> overflow(0); // recursion without end: a StackOverflowError
                case 1 -> throw new OutOfMemoryError();
                case 2 -> throw new IllegalStateException("a record nobody planned for");
                default -> handled.add(offset);
            }
        };

        try (TopicFollower follower = new TopicFollower(consumer, TOPIC, handler, (topic, key, offset, reason, detail) -> { })) {
            assertThat(follower.start(Duration.ofSeconds(10))).isTrue();
            assertThat(handled).containsExactly(3L);

            consumer.schedulePollTask(() -> {
                consumer.addRecord(record(4));
                consumer.addRecord(record(5));
            });
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(handled).containsExactly(3L, 4L, 5L));
        }
    }

    private static ConsumerRecord<String, byte[]> record(long offset) {
        return new ConsumerRecord<>(TOPIC, 0, offset, System.currentTimeMillis(), TimestampType.LOG_APPEND_TIME, -1, -1,
                "k" + offset, new byte[] {(byte) offset}, new RecordHeaders(), Optional.empty());
    }

    private static int overflow(int depth) {
        return overflow(depth + 1) + 1;
    }
}
