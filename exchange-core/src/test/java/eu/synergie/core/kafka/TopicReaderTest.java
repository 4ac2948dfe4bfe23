package eu.synergie.core.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one reader, on Kafka's own in-memory consumer (no broker): what it reads, and how it fails. */
class TopicReaderTest {

    private static final String TOPIC = "synergie.test";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");

    @Test
    void readToWhenBothPartitionsHoldRecordsThenEveryRecordUpToTheEndAndNoneAfter() {
        topic(Map.of(P0, 3L, P1, 2L), record(P0, 3)); // the last one appended after the end was taken: not this read's
        TopicReader reader = TopicReader.fromStart(consumer, TOPIC, Duration.ofSeconds(5));
        Map<TopicPartition, Long> end = reader.end();

        List<String> read = new ArrayList<>();
        reader.readTo(end, batch -> batch.forEach(r -> read.add(r.partition() + "@" + r.offset())));

        assertThat(read).containsExactlyInAnyOrder("0@0", "0@1", "0@2", "1@0", "1@1");
        assertThat(reader.reached(end)).isTrue();
    }

    @Test
    void readToWhenSeekedThenFromThereOn() {
        topic(Map.of(P0, 3L, P1, 0L));
        TopicReader reader = TopicReader.fromStart(consumer, TOPIC, Duration.ofSeconds(5));
        reader.seek(Map.of(P0, 2L));
        List<Long> offsets = new ArrayList<>();
        reader.readTo(reader.end(), batch -> batch.forEach(r -> offsets.add(r.offset())));
        assertThat(offsets).containsExactly(2L);
    }

    @Test
    void readToWhenTheEndCannotBeReachedThenFailsNamingTheTopicAndTheShortfall() {
        topic(Map.of(P0, 2L, P1, 0L));
        consumer.updateEndOffsets(Map.of(P0, 5L)); // three records the broker never delivers
        TopicReader reader = TopicReader.fromStart(consumer, TOPIC, Duration.ofMillis(300));
        Map<TopicPartition, Long> end = reader.end();
        List<Long> offsets = new ArrayList<>();
        assertThatThrownBy(() -> reader.readTo(end, batch -> batch.forEach(r -> offsets.add(r.offset()))))
                .isInstanceOf(TopicReadException.class)
                .hasMessageContaining(TOPIC).hasMessageContaining("3 offsets short of its end").hasMessageContaining("no progress");
        assertThat(offsets).as("what could be read was handed out first").containsExactly(0L, 1L);
    }

    @Test
    void fromStartWhenTheTopicDoesNotExistThenFailsSayingSo() {
        assertThatThrownBy(() -> TopicReader.fromStart(consumer, "synergie.nowhere", Duration.ofMillis(100)))
                .isInstanceOf(TopicReadException.class).hasMessage("synergie.nowhere: the topic does not exist");
    }

    @Test
    void readToWhenWokenThenTheWakeupPassesThroughForTheFollowers() {
        topic(Map.of(P0, 1L, P1, 0L));
        TopicReader reader = TopicReader.fromStart(consumer, TOPIC, Duration.ofSeconds(5));
        Map<TopicPartition, Long> end = reader.end();
        consumer.wakeup();
        assertThatThrownBy(() -> reader.readTo(end, batch -> { })).isInstanceOf(WakeupException.class);
        List<Long> offsets = new ArrayList<>();
        reader.readTo(end, batch -> batch.forEach(r -> offsets.add(r.offset())));
        assertThat(offsets).as("read on after the wakeup").containsExactly(0L);
    }

    /**
     * A topic of two partitions holding {@code sizes} records each from offset 0, which its end offsets say; the
     * first poll also fetches {@code beyond}, as a broker may hand out records appended since the end was asked.
     */
    @SafeVarargs
    private void topic(Map<TopicPartition, Long> sizes, ConsumerRecord<String, byte[]>... beyond) {
        Node node = new Node(0, "localhost", 9092);
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, node, null, null),
                new PartitionInfo(TOPIC, 1, node, null, null)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.updateEndOffsets(sizes);
        // MockConsumer takes records only for assigned partitions: TopicReader assigns them, so they come on the first poll.
        consumer.schedulePollTask(() -> {
            sizes.forEach((partition, size) -> {
                for (long offset = 0; offset < size; offset++) {
                    consumer.addRecord(record(partition, offset));
                }
            });
            List.of(beyond).forEach(consumer::addRecord);
        });
    }

    private static ConsumerRecord<String, byte[]> record(TopicPartition partition, long offset) {
        return new ConsumerRecord<>(TOPIC, partition.partition(), offset, "k" + offset, new byte[]{(byte) offset});
    }
}
