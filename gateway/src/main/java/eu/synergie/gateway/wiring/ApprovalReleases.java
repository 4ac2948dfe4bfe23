package eu.synergie.gateway.wiring;

import eu.synergie.core.approval.ApprovalLog;
import eu.synergie.core.approval.ApprovalRecords;
import eu.synergie.gateway.approval.ReadBack;
import eu.synergie.gateway.approval.ReleaseApprovals;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * The approvals consumer group: of all instances, the one that holds {@code synergie.approvals}' one partition reads
 * it again, in order, and tells the listeners of each approval ({@link ReleaseApprovals#tellIfApproving}) once its
 * own follower has applied that far; it also runs the expiry sweep ({@link #holding()}), so that one instance, not
 * each, appends and audits an expiry. The group's offset moves only after the listeners returned: a failure is read
 * again with the container's back-off, and an instance stopping hands the rest to the next one (at least once).
 * Records the follower refuses (not the exchange's, stale, without the broker's append time) are skipped here
 * without a second alarm.
 */
final class ApprovalReleases implements ConsumerSeekAware {

    private final ApprovalRecords records;
    private final ReleaseApprovals approvals;
    private final ReadBack readBack;
    private final String groupId;
    private final Duration readBackTimeout;
    private volatile boolean holding;

    ApprovalReleases(ApprovalRecords records, ReleaseApprovals approvals, ReadBack readBack, String groupId,
                     Duration readBackTimeout) {
        this.records = records;
        this.approvals = approvals;
        this.readBack = readBack;
        this.groupId = groupId;
        this.readBackTimeout = readBackTimeout;
    }

    /** Read by the annotation below ({@code __listener} is this bean): the group comes from the settings. */
    public String groupId() {
        return groupId;
    }

    /** Whether this instance holds the group's partition now. */
    boolean holding() {
        return holding;
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        holding = !assignments.isEmpty();
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        holding = false;
    }

    @KafkaListener(id = "synergie-approvals-release", topics = ApprovalLog.TOPIC, groupId = "#{__listener.groupId()}")
    public void onRecord(ConsumerRecord<String, byte[]> record) {
        if (record.timestampType() != TimestampType.LOG_APPEND_TIME) {
            return;
        }
        ApprovalRecords.Read read;
        try {
            read = records.read(record.key(), record.value(), Instant.ofEpochMilli(record.timestamp()));
        } catch (RuntimeException | StackOverflowError e) {
            return;
        }
        if (read instanceof ApprovalRecords.Read.Valid valid) {
            // The fold says whether this event approved its request: it must have read as far first.
            if (!readBack.awaitRead(record.offset(), readBackTimeout)) {
                throw new IllegalStateException("the approvals follower has not read offset " + record.offset()
                        + " within " + readBackTimeout.toMillis() + " ms; read again");
            }
            approvals.tellIfApproving(valid.event());
        }
    }
}
