package eu.synergie.core.federation.kafka;

import eu.synergie.core.federation.FederationOutbox;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.ConsumerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Reads a peer's inbound topic from its beginning to its end, keeping the trust records (committed copies only). */
public final class InboundHistory {

    private static final Duration READ_LIMIT = Duration.ofSeconds(30);

    private InboundHistory() {
    }

    public static List<Map.Entry<String, byte[]>> trustRecords(ConsumerFactory<String, byte[]> consumers, String topic) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Map.Entry<String, byte[]>> records = new ArrayList<>();
        try (Consumer<String, byte[]> consumer = consumers.createConsumer(null, null, null, settings)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (partitions == null || partitions.isEmpty()) {
                return List.of();
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
            Instant limit = Instant.now().plus(READ_LIMIT);
            while (assigned.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (Instant.now().isAfter(limit)) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + READ_LIMIT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null && FederationOutbox.Kind.ofKey(record.key()) == FederationOutbox.Kind.TRUST) {
                        records.add(Map.entry(record.key(), record.value()));
                    }
                }
            }
        }
        return records;
    }
}
