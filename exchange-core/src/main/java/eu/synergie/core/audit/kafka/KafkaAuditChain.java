package eu.synergie.core.audit.kafka;

import eu.synergie.core.audit.AuditEventJson;
import eu.synergie.core.audit.AuditUnavailableException;
import eu.synergie.core.kafka.TopicReadException;
import eu.synergie.core.kafka.TopicReader;
import eu.synergie.crypto.audit.ChainVerification;
import eu.synergie.crypto.audit.ChainVerifier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Re-walks the audit log from the topic, the system of record (never from the index, which anyone with
 * access to Elasticsearch could edit): every entry from the first offset to the end as it stands when the
 * walk starts ({@link TopicReader}), through {@link ChainVerifier}. Positions in the result are offsets in the topic.
 */
public final class KafkaAuditChain {

    private final Supplier<Consumer<String, byte[]>> readers;
    private final Duration timeout;

    /** @param timeout how long the log may go without progress before the walk gives up (the reader's patience) */
    public KafkaAuditChain(Supplier<Consumer<String, byte[]>> readers, Duration timeout) {
        this.readers = readers;
        this.timeout = timeout;
    }

    /** Walks the one partition of {@code topic}; an unreachable or silent log is an {@link AuditUnavailableException}. */
    public ChainVerification verify(String topic) {
        try (Consumer<String, byte[]> consumer = readers.get()) {
            TopicReader reader = TopicReader.fromStart(consumer, topic, timeout);
            if (reader.partitions().size() != 1) {
                throw new AuditUnavailableException("the audit topic " + topic + " must have one partition, not "
                        + reader.partitions().size(), null);
            }
            ChainVerifier verifier = new ChainVerifier();
            reader.readTo(reader.end(),
                    records -> records.forEach(record -> verifier.accept(record.offset(), entry(record.value()))),
                    verifier::settled);
            return verifier.result();
        } catch (TopicReadException | KafkaException e) {
            throw new AuditUnavailableException("the audit log could not be read: " + e.getMessage(), e);
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
