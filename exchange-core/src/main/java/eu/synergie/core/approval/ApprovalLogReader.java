package eu.synergie.core.approval;

import eu.synergie.core.integrity.Freshness;
import eu.synergie.core.integrity.LogAlarm;
import eu.synergie.core.integrity.Rejection;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What every instance does with each record of {@code synergie.approvals}: what the exchange authenticated, fresh and
 * under its request's key, is applied to {@link Approvals}; anything else is alarmed, never applied. An event the
 * fold ignores is not alarmed: two approvers deciding at once legitimately append one decision too many. The same
 * bytes read twice (a record appended again: every MAC is made with a fresh key) are alarmed as a replay.
 */
public final class ApprovalLogReader {

    private static final int REMEMBERED = 100_000;

    private final ApprovalRecords records;
    private final Approvals approvals;
    private final LogAlarm alarm;
    private final Map<String, Boolean> seen = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    public ApprovalLogReader(ApprovalRecords records, Approvals approvals, LogAlarm alarm) {
        this.records = Objects.requireNonNull(records, "records");
        this.approvals = Objects.requireNonNull(approvals, "approvals");
        this.alarm = Objects.requireNonNull(alarm, "alarm");
    }

    /** One record of the topic, in log order (the shape of {@code TopicFollower.Handler}). */
    public void accept(String key, byte[] value, long offset, Instant appendedAt) {
        ApprovalRecords.Read read;
        try {
            read = records.read(key, value, appendedAt);
        } catch (RuntimeException | StackOverflowError e) {
            // One record anyone could append must not stop the others.
            read = new ApprovalRecords.Read.Refused(Rejection.UNREADABLE, "the record could not be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        switch (read) {
            case ApprovalRecords.Read.Valid valid -> {
                if (seen.putIfAbsent(Freshness.fingerprint(value), Boolean.TRUE) != null) {
                    alarm.rejected(ApprovalLog.TOPIC, key, offset, Rejection.REPLAYED, "appended a second time");
                } else {
                    approvals.apply(valid.event());
                }
            }
            case ApprovalRecords.Read.Refused refused ->
                    alarm.rejected(ApprovalLog.TOPIC, key, offset, refused.reason(), refused.detail());
        }
    }
}
