package eu.synergie.core.audit.kafka;

import eu.synergie.core.audit.AuditEventJson;
import eu.synergie.core.audit.AuditUnavailableException;
import eu.synergie.core.integrity.LogAlarm;
import eu.synergie.core.integrity.Rejection;
import eu.synergie.core.kafka.TopicReadException;
import eu.synergie.core.kafka.TopicReader;
import eu.synergie.crypto.audit.ChainVerification;
import eu.synergie.crypto.audit.ChainVerifier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.record.TimestampType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Re-walks the audit log from the topic, the system of record (never from the index, which anyone with
 * access to Elasticsearch could edit): every entry from the first offset to the end as it stands when the
 * walk starts ({@link TopicReader}), through {@link ChainVerifier}, with each record's broker append time and the
 * exchange's signatures on checkpoints. Positions in the result are offsets in the topic. Each defect is alarmed
 * once per instance (log and metric), the first time a walk finds it: the alarm given remembers what it raised
 * ({@link LogAlarm#oncePerRecord}, shared with the audit indexer, which judges the same records).
 */
public final class KafkaAuditChain {

    private final Supplier<Consumer<String, byte[]>> readers;
    private final Duration timeout;
    private final ChainVerifier.SignatureCheck signatures;
    private final Duration grace;
    private final Clock clock;
    private final LogAlarm alarm;

    /**
     * @param timeout    how long the log may go without progress before the walk gives up (the reader's patience)
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

    /** Walks the one partition of {@code topic}; an unreachable or silent log is an {@link AuditUnavailableException}. */
    public ChainVerification verify(String topic) {
        try (Consumer<String, byte[]> consumer = readers.get()) {
            TopicReader reader = TopicReader.fromStart(consumer, topic, timeout);
            if (reader.partitions().size() != 1) {
                throw new AuditUnavailableException("the audit topic " + topic + " must have one partition, not "
                        + reader.partitions().size(), null);
            }
            ChainVerifier verifier = new ChainVerifier(signatures, clock.instant(), grace);
            reader.readTo(reader.end(), records -> records.forEach(record -> {
                if (record.timestampType() != TimestampType.LOG_APPEND_TIME) {
                    // How long an entry waited for its checkpoint is judged by the broker's time, which no producer sets.
                    alarm.rejected(topic, record.key(), record.offset(), Rejection.UNTRUSTED_TIMESTAMP,
                            "the record carries " + record.timestampType() + ", not the broker's append time; left out of the walk");
                    return;
                }
                verifier.accept(record.offset(), Instant.ofEpochMilli(record.timestamp()), entry(record.value()));
            }));
            ChainVerification result = verifier.result();
            if (result instanceof ChainVerification.Broken broken) {
                alarm(topic, broken);
            }
            return result;
        } catch (TopicReadException | KafkaException e) {
            throw new AuditUnavailableException("the audit log could not be read: " + e.getMessage(), e);
        }
    }

    private void alarm(String topic, ChainVerification.Broken broken) {
        for (ChainVerification.Defect defect : broken.defects()) {
            alarm.rejected(topic, defect.writer(), defect.position(), defect.defect(), defect.detail());
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
