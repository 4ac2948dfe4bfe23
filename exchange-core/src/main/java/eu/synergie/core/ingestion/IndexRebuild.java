package eu.synergie.core.ingestion;

import eu.synergie.core.envelope.NoticeOpener;
import eu.synergie.core.index.IndexGenerations;
import eu.synergie.core.intake.NoticeLog;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Rebuilds a region's index from the log, the system of record: reads the region's topic from the start
 * into a new generation while the current one keeps serving, switches the alias, then reads once more
 * from where the first pass ended to what the log holds after the switch, so that whatever the live
 * indexers wrote into the old generation meanwhile is in the new one too. Only then is the old one
 * dropped. Envelopes refused again are not dead-lettered twice.
 */
public final class IndexRebuild {

    private final NoticeOpener opener;
    private final IndexGenerations generations;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Clock clock;

    public IndexRebuild(NoticeOpener opener, IndexGenerations generations, Supplier<Consumer<String, byte[]>> consumers,
                        Clock clock) {
        this.opener = opener;
        this.generations = generations;
        this.consumers = consumers;
        this.clock = clock;
    }

    public RebuildProgress rebuild(String region, java.util.function.Consumer<RebuildProgress> progress) {
        Instant started = clock.instant();
        String generation = generations.newGeneration(region);
        NoticeIngestion into = new NoticeIngestion(opener, generations.writingTo(generation), letters -> { }, clock);
        long[] counts = new long[2];
        try (Consumer<String, byte[]> consumer = consumers.get()) {
            List<TopicPartition> partitions = consumer.partitionsFor(NoticeLog.topicOf(region), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long total = end.values().stream().mapToLong(Long::longValue).sum();
            readUntil(consumer, end, into, counts,
                    () -> progress.accept(running(region, total, counts, generation, started)));
            // A poll may have fetched past the first snapshot: the second pass starts exactly at it.
            end.forEach(consumer::seek);
            List<String> replaced = generations.promote(region, generation);
            Map<TopicPartition, Long> afterSwitch = consumer.endOffsets(partitions);
            long grown = afterSwitch.values().stream().mapToLong(Long::longValue).sum();
            readUntil(consumer, afterSwitch, into, counts,
                    () -> progress.accept(running(region, grown, counts, generation, started)));
            generations.drop(replaced);
            RebuildProgress done = new RebuildProgress(region, RebuildProgress.State.DONE, grown, counts[0], counts[1],
                    generation, started, clock.instant(), null);
            progress.accept(done);
            return done;
        } catch (RuntimeException e) {
            RebuildProgress failed = new RebuildProgress(region, RebuildProgress.State.FAILED, 0, counts[0], counts[1],
                    generation, started, clock.instant(), e.getMessage());
            progress.accept(failed);
            return failed;
        }
    }

    private static void readUntil(Consumer<String, byte[]> consumer, Map<TopicPartition, Long> end, NoticeIngestion into,
                                  long[] counts, Runnable report) {
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            List<LoggedEnvelope> batch = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.offset() < end.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L)) {
                    batch.add(new LoggedEnvelope(r.topic(), r.partition(), r.offset(), r.key(), r.value(),
                            Instant.ofEpochMilli(r.timestamp())));
                }
            }
            if (!batch.isEmpty()) {
                var outcome = into.ingest(batch);
                counts[0] += batch.size();
                counts[1] += outcome.indexed();
                report.run();
            }
        }
    }

    private static RebuildProgress running(String region, long total, long[] counts, String generation, Instant started) {
        return new RebuildProgress(region, RebuildProgress.State.RUNNING, total, counts[0], counts[1], generation, started,
                null, null);
    }
}
