package eu.synergie.core.audit.kafka;

import eu.synergie.core.audit.AuditEventJson;
import eu.synergie.core.audit.AuditIndexer;
import eu.synergie.core.integrity.LogAlarm;
import eu.synergie.core.integrity.Rejection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Feeds the auditors' index from {@code synergie.audit}, in batches, through {@link AuditIndexer}: only entries that
 * continue their writer's chain are indexed, every other record is alarmed. Offsets are committed by the container
 * only after the index acknowledged (an exception leaves the batch to be retried; the index creates and never
 * replaces, and heads only move forward, so a retry is harmless).
 * <p>
 * Where to start is the index's word, not only the committed offset: the auditors' index flushes its translog
 * asynchronously, so after an Elasticsearch crash it may have lost its last seconds of writes while the offsets
 * moved on, and the next entries of those chains would no longer link. So whenever the partition is assigned, the
 * first batch asks the index where its chain heads end ({@link AuditIndexer#resumeAt()}) and, if that is before the
 * batch, reads the log again from a batch before there (a crash may have kept some heads of the index's last batch and
 * lost others); what lies before the committed offset was alarmed when it was first read and is read again quietly.
 * <p>
 * Records the index's resume point is past are read too, never skipped on its word: each is judged against its own
 * writer's stored head, so what the index holds is seen as such and what it lacks is indexed (a writer whose head was
 * stored behind another's; the entries of a log the index never read, a topic made anew while the index was kept, whose
 * writers are new to the index since every start of a gateway is a new writer). For the same reason only the committed
 * offset makes a record quiet, never the index's resume point. A record without the broker's append time is left out
 * and alarmed: {@code verify} leaves it out of the walk too.
 */
public final class AuditTopicListener implements ConsumerSeekAware {

    /** The listener container's id: what a benchmark names to pause the auditors' indexer. */
    public static final String LISTENER_ID = "synergie-audit-indexer";

    /**
     * The most records one batch takes, so that the listener knows how far back a batch can reach: the index stores a
     * batch's records, then its heads in one request, and a crash may keep some of those heads and lose others.
     */
    static final int BATCH_RECORDS = 500;

    private final AuditIndexer indexer;
    private final String topic;
    private final String groupId;
    private final LogAlarm alarm;
    private ConsumerSeekCallback seeks;
    /** Whether the index was asked where to resume since the partition was assigned. */
    private boolean resumeChecked;
    private long quietBefore;

    public AuditTopicListener(AuditIndexer indexer, String topic, String groupId, LogAlarm alarm) {
        this.indexer = indexer;
        this.alarm = alarm;
        this.topic = topic;
        this.groupId = groupId;
    }

    /** Read by the annotation below ({@code __listener} is this bean): the settings come from the wiring. */
    public String topic() {
        return topic;
    }

    public String groupId() {
        return groupId;
    }

    @Override
    public void registerSeekCallback(ConsumerSeekCallback callback) {
        this.seeks = callback;
    }

    /** The partition changed hands: another instance may have moved the heads on, and where to resume is asked again. */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        indexer.forget();
        resumeChecked = false;
        quietBefore = assignments.values().stream().mapToLong(Long::longValue).min().orElse(0);
    }

    // Fetches wait for 64 KiB or 0.5 s: bigger bulks cost the Elasticsearch node that answers searches less per record.
    @KafkaListener(id = LISTENER_ID, topics = "#{__listener.topic()}",
            batch = "true", groupId = "#{__listener.groupId()}",
            properties = {"fetch.min.bytes=65536", "fetch.max.wait.ms=500", "max.poll.records=" + BATCH_RECORDS})
    public void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        if (records.isEmpty()) {
            return;
        }
        ConsumerRecord<String, byte[]> first = records.getFirst();
        if (!resumeChecked) {
            long resume = indexer.resumeAt();
            resumeChecked = true;
            if (resume < first.offset()) {
                // The index lost writes the offsets had passed. It ends at its highest head, but the last batch it kept
                // part of may have lost other writers' heads, which lie up to a batch before that: read again from there
                // (judged, so nothing is indexed twice). Queued: done once this batch returns, which comes again.
                seeks.seek(first.topic(), first.partition(), Math.max(0, resume - BATCH_RECORDS));
                return;
            }
        }
        List<AuditIndexer.Logged> logged = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.timestampType() != TimestampType.LOG_APPEND_TIME) {
                // Alarmed once per record (the alarm remembers), however often a resume reads it again; before the
                // committed offset, alarmed when first read.
                if (record.offset() >= quietBefore) {
                    alarm.rejected(topic, record.key(), record.offset(), Rejection.UNTRUSTED_TIMESTAMP,
                            "the record carries " + record.timestampType() + ", not the broker's append time; not indexed");
                }
            } else {
                logged.add(new AuditIndexer.Logged(record.offset(), record.key(), entry(record.value())));
            }
        }
        indexer.accept(logged, quietBefore);
    }

    private static Map<String, Object> entry(byte[] value) {
        try {
            return value == null ? null : AuditEventJson.read(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
