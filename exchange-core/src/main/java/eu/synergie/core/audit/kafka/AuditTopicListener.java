package eu.synergie.core.audit.kafka;

import eu.synergie.core.audit.AuditEventJson;
import eu.synergie.core.audit.AuditIndex;
import eu.synergie.core.audit.AuditRecord;
import eu.synergie.core.integrity.LogAlarm;
import eu.synergie.core.integrity.Rejection;
import eu.synergie.crypto.audit.HashChain;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Feeds the auditors' index from {@code synergie.audit}, in batches; offsets are committed by the container
 * only after the index acknowledged (an exception leaves the batch to be retried; indexing by writer and
 * sequence makes that harmless). An entry it cannot read is left out of the index with a warning and stays
 * in the log, where {@code verify} reports it; checkpoints are part of the chain, not events, and are left out. A
 * record without the broker's append time is left out too, and alarmed: {@code verify} leaves it out of the walk.
 */
public final class AuditTopicListener {

    private static final Logger LOG = LoggerFactory.getLogger(AuditTopicListener.class);

    private final AuditIndex index;
    private final String topic;
    private final String groupId;
    private final LogAlarm alarm;

    public AuditTopicListener(AuditIndex index, String topic, String groupId, LogAlarm alarm) {
        this.index = index;
        this.topic = topic;
        this.groupId = groupId;
        this.alarm = alarm;
    }

    /** Read by the annotation below ({@code __listener} is this bean): the settings come from the wiring. */
    public String topic() {
        return topic;
    }

    public String groupId() {
        return groupId;
    }

    // Fetches wait for 64 KiB or 0.5 s: bigger bulks cost the Elasticsearch node that answers searches less per record.
    @KafkaListener(id = "synergie-audit-indexer", topics = "#{__listener.topic()}",
            batch = "true", groupId = "#{__listener.groupId()}",
            properties = {"fetch.min.bytes=65536", "fetch.max.wait.ms=500"})
    public void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        List<AuditRecord> readable = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.timestampType() != TimestampType.LOG_APPEND_TIME) {
                alarm.rejected(topic, record.key(), record.offset(), Rejection.UNTRUSTED_TIMESTAMP,
                        "the record carries " + record.timestampType() + ", not the broker's append time; not indexed");
                continue;
            }
            Map<String, Object> entry = entry(record.value());
            if (entry != null && HashChain.isCheckpoint(entry)) {
                continue;
            }
            record(record.offset(), entry).ifPresentOrElse(readable::add,
                    () -> LOG.warn("audit entry at offset {} is unreadable and was not indexed", record.offset()));
        }
        if (!readable.isEmpty()) {
            index.index(readable);
        }
    }

    private static Map<String, Object> entry(byte[] value) {
        try {
            return value == null ? null : AuditEventJson.read(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Optional<AuditRecord> record(long offset, Map<String, Object> entry) {
        if (entry == null) {
            return Optional.empty();
        }
        try {
            return HashChain.linkOf(entry).map(link -> new AuditRecord(link.writer(), link.sequence(), offset, link.hash(),
                    AuditEventJson.fromJson(HashChain.eventOf(entry))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
