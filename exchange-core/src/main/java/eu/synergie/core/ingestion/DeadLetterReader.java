package eu.synergie.core.ingestion;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Reads {@code synergie.deadletter} from the start for administrators: counts by reason and the latest entries. */
public final class DeadLetterReader {

    private final Supplier<Consumer<String, byte[]>> consumers;

    public DeadLetterReader(Supplier<Consumer<String, byte[]>> consumers) {
        this.consumers = consumers;
    }

    public DeadLetterReport read(int recentLimit) {
        try (Consumer<String, byte[]> consumer = consumers.get()) {
            List<TopicPartition> partitions = consumer.partitionsFor(KafkaDeadLetters.TOPIC, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<String, Long> byReason = new TreeMap<>();
            Deque<DeadLetterReport.Entry> recent = new ArrayDeque<>();
            long total = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the dead-letter topic could not be read within 30 s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String reason = header(record, "synergie.reason");
                    byReason.merge(reason, 1L, Long::sum);
                    total++;
                    recent.addFirst(new DeadLetterReport.Entry(record.offset(), record.key(), reason,
                            header(record, "synergie.message"), header(record, "synergie.source"),
                            header(record, "synergie.rejected-at")));
                    if (recent.size() > recentLimit) {
                        recent.removeLast();
                    }
                }
            }
            return new DeadLetterReport(total, byReason, new ArrayList<>(recent));
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "UNKNOWN" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
