package eu.synergie.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real MirrorMaker 2 between two real single-node clusters: the shared stack's broker is exchange A, the
 * {@link SharedPeer}'s is exchange B, and A's outbound topic for B is copied to B. Exactly once, as the federation
 * uses it; {@code -Dsynergie.mirror.delivery=AT_LEAST_ONCE} runs the same tests at least once (duplicates are then
 * counted and printed, not refused). Latency is printed, never asserted. Each test publishes records of its own
 * (keys with its own prefix) and checks those only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MirrorMakerIT {

    private static final String OUT = "synergie.federation.out.B";
    /** Same shape, another peer: the pattern must not take it. */
    private static final String OTHER = "synergie.federation.out.BX";
    private static final int PARTITIONS = 3;

    private KafkaBroker a;
    private KafkaBroker b;
    private MirrorMaker mirror;
    private String copy;

    /** A record as published on A: where it went, and when (its CreateTime on A). */
    private record Sent(String key, String value, List<Header> headers, int partition, long offset, long timestamp) {
    }

    @BeforeAll
    void startBothClustersAndTheMirror() throws Exception {
        a = SharedStack.kafka();
        b = SharedPeer.kafka();
        a.openFederation("A", "B");
        b.openFederation("B", "A");
        MirrorMaker.Flow flow = new MirrorMaker.Flow("A", a.mirror("B"), "B", b.mirror("A"),
                "synergie\\.federation\\.out\\.B");
        copy = flow.remoteTopic(OUT);
        try (Admin admin = admin(a)) {
            admin.createTopics(List.of(new NewTopic(OUT, PARTITIONS, (short) 1),
                    new NewTopic(OTHER, 1, (short) 1))).all().get();
        }
        try (Admin admin = admin(b)) {
            // B owns its copy's settings: the time B received a record is what B's readers see.
            admin.createTopics(List.of(new NewTopic(copy, PARTITIONS, (short) 1)
                    .configs(Map.of("message.timestamp.type", "LogAppendTime")))).all().get();
        }
        long started = System.nanoTime();
        mirror = SharedPeer.mirror(flow, MirrorMaker.Delivery.valueOf(
                System.getProperty("synergie.mirror.delivery", "EXACTLY_ONCE")));
        System.out.printf("MirrorMaker %s (%s) ready in %.1f s, RSS %s%n", mirror.name(), mirror.delivery(),
                (System.nanoTime() - started) / 1e9, rss(mirror));
    }

    @Test
    void mirrorWhenRecordsPublishedOnAThenTheyArriveOnBUnchangedInOrderStampedByB() throws Exception {
        publish(OTHER, "other-", 10, Duration.ZERO);
        // A reader on B from before the first record, which notes when it sees each.
        Map<String, Long> seenAt = new ConcurrentHashMap<>();
        CountDownLatch reading = new CountDownLatch(1);
        Set<String> expected = IntStream.range(0, 200).mapToObj(i -> "fast-" + i).collect(Collectors.toSet());
        CompletableFuture<List<ConsumerRecord<String, String>>> reader = new CompletableFuture<>();
        Thread.ofPlatform().name("mirror-it-reader").start(() -> {
            try {
                reader.complete(readOnB(expected, Duration.ofSeconds(60), seenAt, reading));
            } catch (RuntimeException e) {
                reader.completeExceptionally(e);
            }
        });
        assertThat(reading.await(30, TimeUnit.SECONDS)).isTrue();
        // One every 10 ms, as notices come: the latency of each, not of a queue.
        List<Sent> sent = publish(OUT, "fast-", 200, Duration.ofMillis(10));
        assertThat(keys(sent)).isEqualTo(expected);

        List<ConsumerRecord<String, String>> received = reader.get(90, TimeUnit.SECONDS);

        assertThat(received).hasSize(200);
        Map<String, Sent> byKey = sent.stream().collect(Collectors.toMap(Sent::key, Function.identity()));
        for (ConsumerRecord<String, String> record : received) {
            Sent original = byKey.get(record.key());
            assertThat(record.value()).isEqualTo(original.value());
            assertThat(record.partition()).isEqualTo(original.partition());
            assertThat(headersOf(record.headers().toArray())).isEqualTo(headersOf(original.headers().toArray(new Header[0])));
            assertThat(record.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        }
        assertFirstCopiesInOrder(received, sent);
        printLatency(received, byKey, seenAt);
        // The neighbour existed before the mirror started, whose start lists the source's topics and creates the copy
        // of each that matches before its task runs (before it was ready): it would be on B by now.
        try (Admin admin = admin(b)) {
            assertThat(admin.listTopics().names().get()).contains(copy).doesNotContain("A." + OTHER);
        }
        assertThat(mirror.ready()).isTrue();
    }

    @Test
    void mirrorWhenBIsDownWhileAPublishesThenEverythingArrivesWhenBIsBack() throws Exception {
        b.stop();
        long down = System.nanoTime();
        List<Sent> sent = new ArrayList<>();
        try {
            // About 30 s of publishing on A while B is down: 1,000 records, 25 every 0.75 s.
            for (int batch = 0; batch < 40; batch++) {
                sent.addAll(publish(OUT, "outage-" + batch + "-", 25, Duration.ZERO));
                Thread.sleep(750);
            }
        } finally {
            b.start(Duration.ofMinutes(3));
        }
        long back = System.nanoTime();
        System.out.printf("B was down %.1f s while A published %d records%n", (back - down) / 1e9, sent.size());

        List<ConsumerRecord<String, String>> received = readOnB(keys(sent), Duration.ofMinutes(3), new HashMap<>(),
                new CountDownLatch(1));
        System.out.printf("all on B %.1f s after B restarted; MirrorMaker ready: %s, RSS %s%n",
                (System.nanoTime() - back) / 1e9, mirror.ready(), rss(mirror));
        assertEachArrived(received, sent, "B's outage");
    }

    @Test
    void mirrorWhenKilledWhileCopyingThenItsRestartCopiesTheRest() throws Exception {
        // Killed in the middle of a stream of records (one every 10 ms), as a crash would; started again, as the
        // supervisor would, while A goes on publishing.
        CompletableFuture<List<Sent>> publishing = new CompletableFuture<>();
        Thread.ofPlatform().name("mirror-it-publisher").start(() -> {
            try {
                publishing.complete(publish(OUT, "crash-", 500, Duration.ofMillis(10)));
            } catch (Exception e) {
                publishing.completeExceptionally(e);
            }
        });
        Thread.sleep(1500);
        ProcessHandle jvm = mirror.serverProcess().orElseThrow();
        jvm.destroyForcibly();
        jvm.onExit().get(10, TimeUnit.SECONDS);
        Thread.sleep(1000);
        long restarting = System.nanoTime();
        mirror.start(Duration.ofMinutes(2));
        System.out.printf("MirrorMaker killed and started again, ready in %.1f s%n",
                (System.nanoTime() - restarting) / 1e9);
        List<Sent> sent = publishing.get(60, TimeUnit.SECONDS);

        List<ConsumerRecord<String, String>> received = readOnB(keys(sent), Duration.ofMinutes(2), new HashMap<>(),
                new CountDownLatch(1));
        assertEachArrived(received, sent, "MirrorMaker's crash");
    }

    /**
     * Each record published is on B, first copies in A's order on each partition; duplicates counted and printed,
     * and none allowed when the mirror copies exactly once.
     */
    private void assertEachArrived(List<ConsumerRecord<String, String>> received, List<Sent> sent, String after) {
        Map<String, Long> counts = received.stream()
                .collect(Collectors.groupingBy(ConsumerRecord::key, LinkedHashMap::new, Collectors.counting()));
        List<String> duplicates = counts.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(e -> e.getKey() + " x" + e.getValue()).toList();
        System.out.printf("%d of %d records on B after %s, %d of them copied more than once (%s) %s%n",
                counts.size(), sent.size(), after, duplicates.size(), mirror.delivery(),
                duplicates.size() > 20 ? duplicates.subList(0, 20) + "…" : duplicates);
        assertThat(counts.keySet()).as("nothing lost").containsExactlyInAnyOrderElementsOf(keys(sent));
        if (mirror.delivery() == MirrorMaker.Delivery.EXACTLY_ONCE) {
            assertThat(duplicates).as("exactly once for a read_committed reader").isEmpty();
        }
        assertFirstCopiesInOrder(received, sent);
    }

    private static void assertFirstCopiesInOrder(List<ConsumerRecord<String, String>> received, List<Sent> sent) {
        for (int partition = 0; partition < PARTITIONS; partition++) {
            int p = partition;
            assertThat(received.stream().filter(r -> r.partition() == p).map(ConsumerRecord::key).distinct().toList())
                    .as("order on partition %d", p)
                    .isEqualTo(sent.stream().filter(s -> s.partition() == p)
                            .sorted(Comparator.comparingLong(Sent::offset)).map(Sent::key).toList());
        }
    }

    /** Publishes {@code count} records with keys {@code <prefix><n>} and two headers each, {@code pause} apart. */
    private List<Sent> publish(String topic, String prefix, int count, Duration pause) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(a.operator().config(Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0)), new StringSerializer(), new StringSerializer())) {
            List<ProducerRecord<String, String>> records = new ArrayList<>();
            List<Future<RecordMetadata>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                List<Header> headers = List.of(
                        new RecordHeader("synergie-notice-id", (prefix + "N-" + i).getBytes(StandardCharsets.UTF_8)),
                        new RecordHeader("synergie-version", new byte[] {(byte) (i % 7), 0, (byte) 0xff}));
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, null, prefix + i,
                        "{\"n\":" + i + ",\"text\":\"données été\"}", headers);
                records.add(record);
                futures.add(producer.send(record));
                if (pause.isPositive()) {
                    Thread.sleep(pause);
                }
            }
            List<Sent> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                RecordMetadata metadata = futures.get(i).get();
                ProducerRecord<String, String> record = records.get(i);
                sent.add(new Sent(record.key(), record.value(), List.of(record.headers().toArray()),
                        metadata.partition(), metadata.offset(), metadata.timestamp()));
            }
            return sent;
        }
    }

    /**
     * The records of B's copy with one of {@code keys}, read from the start until each has come (the order of each
     * partition kept), and two seconds more for any duplicate that follows.
     *
     * @param seenAt  filled with when each key was first seen
     * @param reading counted down once the reader's first poll is done
     */
    private List<ConsumerRecord<String, String>> readOnB(Set<String> keys, Duration timeout, Map<String, Long> seenAt,
                                                         CountDownLatch reading) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(b.operator().config(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(copy, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            Set<String> missing = new HashSet<>(keys);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!missing.isEmpty() && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(50));
                long now = System.currentTimeMillis();
                reading.countDown();
                for (ConsumerRecord<String, String> record : records) {
                    if (keys.contains(record.key())) {
                        received.add(record);
                        missing.remove(record.key());
                        seenAt.putIfAbsent(record.key(), now);
                    }
                }
            }
            long settle = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < settle) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.contains(record.key())) {
                        received.add(record);
                    }
                }
            }
            return received;
        }
    }

    private static Set<String> keys(List<Sent> sent) {
        return sent.stream().map(Sent::key).collect(Collectors.toSet());
    }

    /**
     * From publication on A (its timestamp) to the append on B (the copy's LogAppendTime), and to a read_committed
     * reader of B; printed, not asserted.
     */
    private static void printLatency(List<ConsumerRecord<String, String>> received, Map<String, Sent> byKey,
                                     Map<String, Long> seenAt) {
        long[] appended = received.stream().mapToLong(r -> r.timestamp() - byKey.get(r.key()).timestamp()).sorted()
                .toArray();
        long[] seen = received.stream().mapToLong(r -> seenAt.get(r.key()) - byKey.get(r.key()).timestamp()).sorted()
                .toArray();
        System.out.printf("latency over %d records, A publish -> B append: p50 %d ms, p99 %d ms, max %d ms;"
                        + " -> seen by a reader on B: p50 %d ms, p99 %d ms, max %d ms%n", appended.length,
                percentile(appended, 50), percentile(appended, 99), appended[appended.length - 1],
                percentile(seen, 50), percentile(seen, 99), seen[seen.length - 1]);
    }

    private static long percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static Map<String, List<Byte>> headersOf(Header[] headers) {
        Map<String, List<Byte>> result = new HashMap<>();
        for (Header header : headers) {
            List<Byte> bytes = new ArrayList<>();
            for (byte v : header.value()) {
                bytes.add(v);
            }
            result.put(header.key(), bytes);
        }
        assertThat(result).hasSize(headers.length);
        return result;
    }

    private static Admin admin(KafkaBroker broker) {
        return Admin.create(broker.operator().config());
    }

    /** The resident memory of the MirrorMaker JVM, from /proc. */
    private static String rss(MirrorMaker mirror) {
        Optional<ProcessHandle> jvm = mirror.serverProcess();
        if (jvm.isEmpty()) {
            return "unknown (not running)";
        }
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(jvm.get().pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:")).map(line -> line.substring(6).strip()).findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
