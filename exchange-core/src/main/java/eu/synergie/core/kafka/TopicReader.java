package eu.synergie.core.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads a topic back from its start (or from given positions) to the end it had at one moment: how the
 * exchange reads its own topics (the trust registry and the matcher's logs when they load, audit chain walks,
 * the dead-letter report, index rebuilds). The consumer is assigned every partition, outside any group.
 * <p>
 * One timeout policy, {@code patience}: each request to the broker, and the read itself, may go that long
 * without progress. A long topic that keeps coming is never cut short, however long it takes; a read that
 * stops moving, or a broker that does not answer, fails with a {@link TopicReadException} that names the topic
 * and how far the read got, instead of waiting forever or returning less than the end.
 * {@link WakeupException} passes through untouched, for followers that are woken to catch up or to close.
 */
public final class TopicReader {

    /** The patience of readers that are not given one. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final Duration patience;
    private final List<TopicPartition> partitions;

    private TopicReader(Consumer<String, byte[]> consumer, String topic, Duration patience, List<TopicPartition> partitions) {
        this.consumer = consumer;
        this.topic = topic;
        this.patience = patience;
        this.partitions = partitions;
    }

    /** {@link #fromStart(Consumer, String, Duration)} with the default {@link #PATIENCE}. */
    public static TopicReader fromStart(Consumer<String, byte[]> consumer, String topic) {
        return fromStart(consumer, topic, PATIENCE);
    }

    /**
     * Assigns every partition of {@code topic} to {@code consumer}, each at its beginning.
     *
     * @throws TopicReadException when the topic does not exist or the broker does not say within {@code patience}
     */
    public static TopicReader fromStart(Consumer<String, byte[]> consumer, String topic, Duration patience) {
        List<PartitionInfo> infos = broker(topic, "its partitions", () -> consumer.partitionsFor(topic, patience));
        if (infos == null || infos.isEmpty()) {
            throw new TopicReadException(topic + ": the topic does not exist", null);
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return new TopicReader(consumer, topic, patience, partitions);
    }

    public List<TopicPartition> partitions() {
        return partitions;
    }

    /** Where the topic ends now: per partition, the offset the next record will take. */
    public Map<TopicPartition, Long> end() {
        return Map.copyOf(broker(topic, "where it ends", () -> consumer.endOffsets(partitions, patience)));
    }

    /** Goes on from {@code positions} (partitions not named stay where they are). */
    public void seek(Map<TopicPartition, Long> positions) {
        positions.forEach(consumer::seek);
    }

    /** Has every partition of {@code end} been read up to it? */
    public boolean reached(Map<TopicPartition, Long> end) {
        return behind(end) == 0;
    }

    /**
     * Hands every record from the current positions up to {@code end} to {@code batches}, one poll at a time.
     *
     * @throws TopicReadException when the read goes {@code patience} without moving closer to {@code end}
     */
    public void readTo(Map<TopicPartition, Long> end, java.util.function.Consumer<List<ConsumerRecord<String, byte[]>>> batches) {
        long behind = behind(end);
        long movedAt = System.nanoTime();
        while (behind > 0) {
            List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : poll(POLL)) {
                Long stop = end.get(new TopicPartition(record.topic(), record.partition()));
                // A poll may fetch past the end: what lies beyond it is not this read's.
                if (stop != null && record.offset() < stop) {
                    batch.add(record);
                }
            }
            if (!batch.isEmpty()) {
                batches.accept(batch);
            }
            long now = behind(end);
            if (now < behind) {
                behind = now;
                movedAt = System.nanoTime();
            } else if (System.nanoTime() - movedAt > patience.toNanos()) {
                throw new TopicReadException(topic + ": " + behind + " offsets short of its end " + end.values()
                        + ", no progress for " + patience.toSeconds() + " s", null);
            }
        }
    }

    /** One poll from the current positions, for followers that go on past the end. */
    public ConsumerRecords<String, byte[]> poll(Duration timeout) {
        return broker(topic, "records", () -> consumer.poll(timeout));
    }

    private long behind(Map<TopicPartition, Long> end) {
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            long position = broker(topic, "its position", () -> consumer.position(e.getKey(), patience));
            behind += Math.max(0, e.getValue() - position);
        }
        return behind;
    }

    private static <T> T broker(String topic, String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            throw new TopicReadException(topic + ": asking the broker for " + what + " failed: " + e.getMessage(), e);
        }
    }
}
