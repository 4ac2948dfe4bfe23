package eu.synergie.core.intake.kafka;

import eu.synergie.core.intake.LogOffsets;
import eu.synergie.core.intake.LogPosition;
import eu.synergie.core.intake.LogUnavailableException;
import eu.synergie.core.intake.LoggedEnvelope;
import eu.synergie.core.intake.NoticeLog;
import eu.synergie.core.kafka.TopicReadException;
import eu.synergie.core.kafka.TopicReader;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The notice log on Kafka. The template's producer must be idempotent with {@code acks=all}: an
 * envelope is reported appended only once every in-sync replica has it. Replays read with
 * {@link TopicReader}, which fails (here as {@link LogUnavailableException}) when the end cannot be reached.
 */
public final class KafkaNoticeLog implements NoticeLog {

    private final KafkaTemplate<String, byte[]> template;
    private final Supplier<Consumer<String, byte[]>> readers;
    private final Duration timeout;

    /**
     * @param readers consumers outside any group, to read envelopes back
     * @param timeout how long an append or the read of one envelope may take
     */
    public KafkaNoticeLog(KafkaTemplate<String, byte[]> template, Supplier<Consumer<String, byte[]>> readers, Duration timeout) {
        this.template = template;
        this.readers = readers;
        this.timeout = timeout;
    }

    @Override
    public Optional<byte[]> read(LogPosition position) {
        TopicPartition partition = new TopicPartition(position.topic(), position.partition());
        try (Consumer<String, byte[]> consumer = readers.get()) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, position.offset());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == position.offset()) {
                        return Optional.ofNullable(record.value());
                    }
                    if (record.offset() > position.offset()) {
                        return Optional.empty();
                    }
                }
            }
            throw new LogUnavailableException("the notice log did not answer in time", null);
        }
    }

    @Override
    public LogOffsets end(String region) {
        try (Consumer<String, byte[]> consumer = readers.get()) {
            return offsets(TopicReader.fromStart(consumer, NoticeLog.topicOf(region)).end());
        } catch (TopicReadException e) {
            throw new LogUnavailableException("the notice log of " + region + " could not be read: " + e.getMessage(), e);
        }
    }

    @Override
    public void replay(String region, LogOffsets from, LogOffsets to,
                       java.util.function.Consumer<List<LoggedEnvelope>> batches) {
        String topic = NoticeLog.topicOf(region);
        try (Consumer<String, byte[]> consumer = readers.get()) {
            TopicReader reader = TopicReader.fromStart(consumer, topic);
            reader.seek(partitions(topic, from));
            reader.readTo(partitions(topic, to), records -> batches.accept(records.stream()
                    .map(KafkaNoticeLog::logged)
                    .toList()));
        } catch (TopicReadException e) {
            throw new LogUnavailableException("the notice log of " + region + " could not be read: " + e.getMessage(), e);
        }
    }

    /** A record of a notice topic as the indexer reads it: with its append time and publisher. */
    public static LoggedEnvelope logged(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> r) {
        var publisher = r.headers().lastHeader(LoggedEnvelope.PUBLISHER_HEADER);
        return new LoggedEnvelope(r.topic(), r.partition(), r.offset(), r.key(), r.value(),
                Instant.ofEpochMilli(r.timestamp()), r.timestampType() == TimestampType.LOG_APPEND_TIME,
                publisher == null || publisher.value() == null ? null
                        : new String(publisher.value(), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static LogOffsets offsets(Map<TopicPartition, Long> end) {
        Map<Integer, Long> byPartition = new HashMap<>();
        end.forEach((partition, offset) -> byPartition.put(partition.partition(), offset));
        return new LogOffsets(byPartition);
    }

    private static Map<TopicPartition, Long> partitions(String topic, LogOffsets offsets) {
        Map<TopicPartition, Long> byPartition = new HashMap<>();
        offsets.byPartition().forEach((partition, offset) -> byPartition.put(new TopicPartition(topic, partition), offset));
        return byPartition;
    }

    @Override
    public CompletableFuture<LogPosition> appendAsync(String region, String noticeId, byte[] envelope) {
        return appendAsync(region, noticeId, envelope, null);
    }

    @Override
    public CompletableFuture<LogPosition> appendAsync(String region, String noticeId, byte[] envelope, String publisher) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(NoticeLog.topicOf(region), noticeId, envelope);
        if (publisher != null) {
            record.headers().add(LoggedEnvelope.PUBLISHER_HEADER, publisher.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return template.send(record)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((result, failure) -> {
                    if (failure != null) {
                        throw new LogUnavailableException("the notice log did not acknowledge the append", failure);
                    }
                    var metadata = result.getRecordMetadata();
                    return new LogPosition(metadata.topic(), metadata.partition(), metadata.offset());
                });
    }

    @Override
    public LogPosition append(String region, String noticeId, byte[] envelope) {
        return append(region, noticeId, envelope, null);
    }

    @Override
    public LogPosition append(String region, String noticeId, byte[] envelope, String publisher) {
        try {
            return appendAsync(region, noticeId, envelope, publisher).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogUnavailableException("interrupted while appending to the notice log", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof LogUnavailableException unavailable ? unavailable
                    : new LogUnavailableException("the notice log did not acknowledge the append", e);
        }
    }
}
