package eu.synergie.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three brokers in one KRaft cluster (the cluster profile's Kafka), with security on as everywhere: a member killed
 * with SIGKILL under load, then every member restarted in turn under load, and every write the cluster acknowledged
 * is there exactly once at the end, with no write refused. Writes use {@code acks=all} (a majority of replicas,
 * {@code min.insync.replicas} 2 of 3) and the idempotent producer, as the gateway's do. The cluster is the cluster
 * profile's ({@link SharedCluster}), started once per test JVM beside the shared stack.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaClusterIT {

    private static final int PARTITIONS = 3;
    private static final Duration START = Duration.ofMinutes(3);
    private static KafkaCluster cluster;

    @BeforeAll
    void cluster() {
        cluster = SharedCluster.kafka();
    }

    @Test
    void writeWhenAMemberIsKilledAndComesBackThenEveryAcknowledgedRecordIsThereOnce() throws Exception {
        String topic = topic("killed");
        KafkaBroker victim = leaderOf(topic, 0);

        Load load = writeDuring(topic, () -> {
            sleep(3000);
            victim.crash();
            System.out.printf("KafkaClusterIT: %s killed (SIGKILL)%n", victim.name());
            sleep(15_000);
            victim.start(START);
            awaitFullyReplicated(topic);
            System.out.printf("KafkaClusterIT: %s back, every replica in sync%n", victim.name());
        });

        assertThat(load.failures()).as("writes refused").isEmpty();
        assertThat(load.acknowledged()).as("writes during the whole scenario").hasSizeGreaterThan(10_000);
        List<String> read = readAll(topic);
        assertThat(read).as("every acknowledged write, once").hasSameSizeAs(load.acknowledged())
                .containsExactlyInAnyOrderElementsOf(load.acknowledged());
    }

    @Test
    void writeWhenEveryMemberRestartsInTurnThenEveryAcknowledgedRecordIsThereOnce() throws Exception {
        String topic = topic("rolling");

        Load load = writeDuring(topic, () -> {
            for (KafkaBroker member : cluster.brokers()) {
                long started = System.nanoTime();
                // A clean stop: controlled shutdown hands its leaderships over first.
                member.stop(Duration.ofSeconds(60));
                member.start(START);
                awaitFullyReplicated(topic);
                System.out.printf("KafkaClusterIT: %s restarted, every replica in sync again after %.1f s%n",
                        member.name(), (System.nanoTime() - started) / 1e9);
            }
        });

        assertThat(load.failures()).as("writes refused").isEmpty();
        assertThat(load.acknowledged()).as("writes during the whole scenario").hasSizeGreaterThan(10_000);
        List<String> read = readAll(topic);
        assertThat(read).as("every acknowledged write, once").hasSameSizeAs(load.acknowledged())
                .containsExactlyInAnyOrderElementsOf(load.acknowledged());
    }

    private record Load(Set<String> acknowledged, List<String> failures) {
    }

    /**
     * Writes records (1 KiB each, about 1,000 a second) from a thread of their own while {@code scenario} runs on the
     * test's thread, and two seconds more; returns once every write is acknowledged or failed. Prints the longest wait
     * between two acknowledgements.
     */
    private static Load writeDuring(String topic, Runnable scenario) throws InterruptedException {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong lastAck = new AtomicLong(System.nanoTime());
        AtomicLong longestGap = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        String payload = "x".repeat(1024);
        Thread writer = Thread.ofPlatform().name("kafka-cluster-it-writer").start(() -> {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(cluster.operator().config(Map.of(
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 180_000)), new StringSerializer(), new StringSerializer())) {
                for (int i = 0; writing.get(); i++) {
                    String key = "r-" + i;
                    producer.send(new ProducerRecord<>(topic, key, payload), (metadata, error) -> {
                        if (error == null) {
                            acknowledged.add(key);
                            long now = System.nanoTime();
                            longestGap.accumulateAndGet(now - lastAck.getAndSet(now), Math::max);
                        } else {
                            failures.add(key + ": " + error);
                        }
                    });
                    sent.incrementAndGet();
                    if (i % 100 == 99) {
                        sleep(100);
                    }
                }
                producer.flush();
            }
        });
        try {
            scenario.run();
            sleep(2000);
        } finally {
            writing.set(false);
            writer.join();
        }
        System.out.printf("KafkaClusterIT: %,d written, %,d acknowledged, %,d refused, longest wait between "
                + "acknowledgements %.1f s%n", sent.get(), acknowledged.size(), failures.size(), longestGap.get() / 1e9);
        assertThat(acknowledged.size() + failures.size()).as("every write answered").isEqualTo(sent.get());
        return new Load(acknowledged, failures);
    }

    private static List<String> readAll(String topic) {
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cluster.operator().config(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    keys.add(record.key());
                }
            }
        }
        return keys;
    }

    private static String topic(String name) throws Exception {
        String topic = "it.cluster." + name;
        try (Admin admin = Admin.create(cluster.operator().config())) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 3))).all().get();
        }
        return topic;
    }

    private static KafkaBroker leaderOf(String topic, int partition) throws Exception {
        try (Admin admin = Admin.create(cluster.operator().config())) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            int leader = description.partitions().get(partition).leader().id();
            return cluster.brokers().get(leader - 1);
        }
    }

    /** Until every partition of {@code topic} has all three replicas in sync. */
    private static void awaitFullyReplicated(String topic) {
        await("every replica of " + topic + " in sync").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> {
                    try (Admin admin = Admin.create(cluster.operator().config())) {
                        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                        return description.partitions().stream().map(TopicPartitionInfo::isr).allMatch(isr -> isr.size() == 3);
                    }
                });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
