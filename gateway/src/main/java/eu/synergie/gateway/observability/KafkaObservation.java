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

/**
 * Kafka as operators see it, through one admin client:
 * <ul>
 * <li>health ({@code kafka}): up when the cluster describes itself within the timeout;</li>
 * <li>{@code synergie.ingestion.lag} (gauge, per notice topic): envelopes in the log that the indexer's consumer
 *     group has not committed yet, over all partitions. It is the group's lag, so it means the same whichever
 *     instance is scraped. Computed at most every {@value #REFRESH_SECONDS} s; NaN while Kafka cannot be asked.</li>
 * </ul>
 */
public final class KafkaObservation implements MeterBinder, AutoCloseable {

    private static final long REFRESH_SECONDS = 5;
    private static final long BACKLOG_MILLIS = 500;
    private static final long PROGRESS_SECONDS = 5;

    private final Admin admin;
    private final String group;
    private final List<String> topics;
    private final Duration timeout;
    private Map<String, Long> lag = Map.of();
    private long computedAt;
    private boolean known;
    private long committedTotal = -1;
    private long progressAt = System.nanoTime() - TimeUnit.DAYS.toNanos(1);

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

    private synchronized double lagOf(String topic) {
        refreshIfOlderThan(TimeUnit.SECONDS.toNanos(REFRESH_SECONDS));
        return known ? lag.getOrDefault(topic, 0L) : Double.NaN;
    }

    /**
     * The indexer group's lag over all notice topics, at most {@value #BACKLOG_MILLIS} ms old (publishing
     * waits on it, see {@link eu.synergie.core.intake.PublishPacing}); empty while Kafka cannot be asked.
     */
    public synchronized OptionalLong backlog() {
        refreshIfOlderThan(TimeUnit.MILLISECONDS.toNanos(BACKLOG_MILLIS));
        return known ? OptionalLong.of(lag.values().stream().mapToLong(Long::longValue).sum()) : OptionalLong.empty();
    }

    /**
     * The backlog while the indexers are working it off (they committed within the last
     * {@value #PROGRESS_SECONDS} s); empty when unknown or when they are not (stopped, or waiting for
     * Elasticsearch): the log then takes envelopes at full speed, since it is the system of record.
     */
    public synchronized OptionalLong drainingBacklog() {
        OptionalLong backlog = backlog();
        boolean draining = System.nanoTime() - progressAt < TimeUnit.SECONDS.toNanos(PROGRESS_SECONDS);
        return draining ? backlog : OptionalLong.empty();
    }

    private void refreshIfOlderThan(long nanos) {
        long now = System.nanoTime();
        // A Kafka that did not answer is asked again only after the gauge's interval: callers must not queue on it.
        long interval = known ? nanos : Math.max(nanos, TimeUnit.SECONDS.toNanos(REFRESH_SECONDS));
        if (computedAt == 0 || now - computedAt > interval) {
            computedAt = now;
            try {
                lag = lagPerTopic();
                known = true;
            } catch (ExecutionException | TimeoutException e) {
                known = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                known = false;
            }
        }
    }

    private Map<String, Long> lagPerTopic() throws ExecutionException, InterruptedException, TimeoutException {
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
        long committedNow = committed.values().stream().filter(java.util.Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
        if (committedNow > committedTotal && committedTotal >= 0) {
            progressAt = System.nanoTime();
        }
        committedTotal = committedNow;
        Map<String, Long> result = new HashMap<>();
        for (var e : end.entrySet()) {
            TopicPartition tp = e.getKey();
            OffsetAndMetadata c = committed.get(tp);
            long from = c != null ? c.offset() : start.get(tp).offset();
            result.merge(tp.topic(), Math.max(0, e.getValue().offset() - from), Long::sum);
        }
        return result;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
