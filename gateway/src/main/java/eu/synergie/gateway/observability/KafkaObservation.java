package eu.synergie.gateway.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.springframework.boot.health.contributor.Health;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Kafka as operators see it, through one admin client:
 * <ul>
 * <li>health ({@code kafka}): up when the cluster describes itself within the timeout;</li>
 * <li>{@code synergie.ingestion.lag} (gauge, per notice topic): envelopes in the log that the indexer's consumer
 *     group has not committed yet, over all partitions. It is the group's lag, so it means the same whichever
 *     instance is scraped. NaN while Kafka cannot be asked;</li>
 * <li>the backlog publishing waits on ({@link #drainingBacklog()}, see {@link eu.synergie.core.intake.PublishPacing}).</li>
 * </ul>
 * The lag is read in the background, at most every {@value #BACKLOG_MILLIS} ms when asked for: callers only
 * read the last snapshot, so a slow or absent Kafka never holds a publishing thread.
 */
public final class KafkaObservation implements MeterBinder, AutoCloseable {

    private static final long BACKLOG_MILLIS = 500;
    private static final long UNKNOWN_RETRY_SECONDS = 5;
    private static final long PROGRESS_SECONDS = 5;

    /** Per partition: its lag, and when its committed offset last moved. */
    private record Partition(long lag, long committed, long movedAt) {
    }

    private record Snapshot(boolean known, Map<TopicPartition, Partition> partitions, long takenAt) {
    }

    private final Admin admin;
    private final String group;
    private final List<String> topics;
    private final Duration timeout;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Snapshot snapshot = new Snapshot(false, Map.of(), 0);

    KafkaObservation(Admin admin, String group, List<String> topics, Duration timeout) {
        this.admin = admin;
        this.group = group;
        this.topics = List.copyOf(topics);
        this.timeout = timeout;
    }

    /** For the {@code kafka} health indicator. */
    Health health() {
        try {
            int nodes = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            return Health.up().withDetail("brokers", nodes).build();
        } catch (ExecutionException | TimeoutException e) {
            return Health.down().withDetail("reason", "the cluster did not describe itself within " + timeout).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("reason", "interrupted").build();
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String topic : topics) {
            Gauge.builder("synergie.ingestion.lag", this, k -> k.lagOf(topic))
                    .description("Envelopes in the notice log not yet committed by the indexer group")
                    .tag("topic", topic).tag("group", group).register(registry);
        }
    }

    private double lagOf(String topic) {
        Snapshot now = current();
        return now.known() ? now.partitions().entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                .mapToLong(e -> e.getValue().lag()).sum() : Double.NaN;
    }

    /**
     * The lag of the partitions whose indexer is working it off (its committed offset moved within the last
     * {@value #PROGRESS_SECONDS} s); empty while Kafka cannot be asked. A partition whose indexer is stopped,
     * or waits for Elasticsearch, does not count: the log then takes its envelopes at full speed, since it is
     * the system of record, and one stuck region does not slow the others down.
     */
    public OptionalLong drainingBacklog() {
        Snapshot now = current();
        if (!now.known()) {
            return OptionalLong.empty();
        }
        long recent = System.nanoTime() - TimeUnit.SECONDS.toNanos(PROGRESS_SECONDS);
        return OptionalLong.of(now.partitions().values().stream().filter(p -> p.movedAt() - recent > 0)
                .mapToLong(Partition::lag).sum());
    }

    /** The last snapshot; a newer one is asked for in the background when it is old. */
    private Snapshot current() {
        Snapshot last = snapshot;
        long age = System.nanoTime() - last.takenAt();
        long maxAge = last.known() ? TimeUnit.MILLISECONDS.toNanos(BACKLOG_MILLIS) : TimeUnit.SECONDS.toNanos(UNKNOWN_RETRY_SECONDS);
        if ((last.takenAt() == 0 || age > maxAge) && refreshing.compareAndSet(false, true)) {
            Thread.ofVirtual().name("synergie-ingestion-lag").start(() -> {
                try {
                    snapshot = read(snapshot);
                } finally {
                    refreshing.set(false);
                }
            });
        }
        return last;
    }

    private Snapshot read(Snapshot previous) {
        long now = System.nanoTime();
        try {
            return new Snapshot(true, partitions(previous, now), now);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return new Snapshot(false, previous.partitions(), now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Snapshot(false, previous.partitions(), now);
        }
    }

    private Map<TopicPartition, Partition> partitions(Snapshot previous, long now)
            throws ExecutionException, InterruptedException, TimeoutException {
        long millis = timeout.toMillis();
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(millis, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(millis, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        Map<TopicPartition, OffsetSpec> starts = new HashMap<>();
        for (TopicDescription topic : described.values()) {
            for (TopicPartitionInfo partition : topic.partitions()) {
                TopicPartition tp = new TopicPartition(topic.name(), partition.partition());
                ends.put(tp, OffsetSpec.latest());
                if (committed.get(tp) == null) {
                    // Never committed: the group starts from the earliest record still in the log.
                    starts.put(tp, OffsetSpec.earliest());
                }
            }
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = admin.listOffsets(ends).all()
                .get(millis, TimeUnit.MILLISECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> start = starts.isEmpty() ? Map.of()
                : admin.listOffsets(starts).all().get(millis, TimeUnit.MILLISECONDS);
        Map<TopicPartition, Partition> result = new HashMap<>();
        for (var e : end.entrySet()) {
            TopicPartition tp = e.getKey();
            OffsetAndMetadata c = committed.get(tp);
            long from = c != null ? c.offset() : start.get(tp).offset();
            Partition before = previous.partitions().get(tp);
            // Moved: committed further than at the last look (a first look does not count as progress).
            long movedAt = before != null && c != null && c.offset() > before.committed() ? now
                    : before != null ? before.movedAt() : now - TimeUnit.DAYS.toNanos(1);
            result.put(tp, new Partition(Math.max(0, e.getValue().offset() - from), c != null ? c.offset() : -1, movedAt));
        }
        return result;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
