package eu.synergie.core.audit.kafka;

import eu.synergie.core.audit.AuditEventJson;
import eu.synergie.core.audit.AuditUnavailableException;
import eu.synergie.core.integrity.LogAlarm;
import eu.synergie.crypto.audit.ChainVerification;
import eu.synergie.crypto.audit.ChainVerifier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Re-walks the audit log from the topic, the system of record (never from the index, which anyone with
 * access to Elasticsearch could edit): every entry from the first offset to the end as it stands when the
 * walk starts, through {@link ChainVerifier}, with each record's broker append time and the exchange's
 * signatures on checkpoints. Positions in the result are offsets in the topic. Each defect is alarmed once
 * per instance (log and metric), the first time a walk finds it.
 */
public final class KafkaAuditChain {

    private static final int REMEMBERED_DEFECTS = 10_000;

    private final Supplier<Consumer<String, byte[]>> readers;
    private final Duration timeout;
    private final ChainVerifier.SignatureCheck signatures;
    private final Duration grace;
    private final Clock clock;
    private final LogAlarm alarm;
    private final Set<String> alarmed = ConcurrentHashMap.newKeySet();

    /**
     * @param timeout    how long the log may stay silent before the walk gives up
     * @param signatures checks the exchange's signature on a checkpoint
     * @param grace      how long a writer may take to sign its entries (its checkpoint interval, with a margin)
     */
    public KafkaAuditChain(Supplier<Consumer<String, byte[]>> readers, Duration timeout, ChainVerifier.SignatureCheck signatures,
                           Duration grace, Clock clock, LogAlarm alarm) {
        this.readers = readers;
        this.timeout = timeout;
        this.signatures = signatures;
        this.grace = grace;
        this.clock = clock;
        this.alarm = alarm;
    }

    /** Walks partition 0 of {@code topic}; an unreachable or silent log is an {@link AuditUnavailableException}. */
    public ChainVerification verify(String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (Consumer<String, byte[]> consumer = readers.get()) {
            if (consumer.partitionsFor(topic, timeout).isEmpty()) {
                throw new AuditUnavailableException("the audit topic " + topic + " does not exist", null);
            }
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
            ChainVerifier verifier = new ChainVerifier(signatures, clock.instant(), grace);
            long silentSince = System.nanoTime();
            while (consumer.position(partition, timeout) < end && !verifier.settled()) {
                List<ConsumerRecord<String, byte[]>> records = consumer.poll(Duration.ofMillis(200)).records(partition);
                if (records.isEmpty()) {
                    if (System.nanoTime() - silentSince > timeout.toNanos()) {
                        throw new AuditUnavailableException("the audit log stopped answering during the walk", null);
                    }
                    continue;
                }
                silentSince = System.nanoTime();
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (record.offset() >= end) {
                        break;
                    }
                    verifier.accept(record.offset(), Instant.ofEpochMilli(record.timestamp()), entry(record.value()));
                }
            }
            ChainVerification result = verifier.result();
            if (result instanceof ChainVerification.Broken broken) {
                alarm(topic, broken);
            }
            return result;
        } catch (KafkaException e) {
            throw new AuditUnavailableException("the audit log could not be read: " + e.getMessage(), e);
        }
    }

    private void alarm(String topic, ChainVerification.Broken broken) {
        for (ChainVerification.Defect defect : broken.defects()) {
            if (alarmed.size() < REMEMBERED_DEFECTS && alarmed.add(topic + "@" + defect.position() + ":" + defect.defect())) {
                alarm.rejected(topic, defect.writer(), defect.position(), defect.defect(), defect.detail());
            }
        }
    }

    private static Map<String, ?> entry(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return AuditEventJson.read(value);
        } catch (IllegalArgumentException e) {
            return null; // reported as MALFORMED at its offset
        }
    }
}
