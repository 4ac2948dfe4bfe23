package eu.synergie.core.approval.kafka;

import eu.synergie.core.approval.ApprovalEvent;
import eu.synergie.core.approval.ApprovalLog;
import eu.synergie.core.approval.ApprovalRecords;
import eu.synergie.core.intake.LogUnavailableException;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Approval events appended to {@code synergie.approvals}, keyed by request id, each authenticated by the exchange
 * ({@link ApprovalRecords}). Read back with the matcher's {@code TopicFollower} and an {@code ApprovalLogReader}.
 */
public final class KafkaApprovalLog implements ApprovalLog {

    private final KafkaTemplate<String, byte[]> template;
    private final ApprovalRecords records;
    private final Duration timeout;

    public KafkaApprovalLog(KafkaTemplate<String, byte[]> template, ApprovalRecords records, Duration timeout) {
        this.template = Objects.requireNonNull(template, "template");
        this.records = Objects.requireNonNull(records, "records");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public void append(ApprovalEvent event) {
        try {
            template.send(TOPIC, event.requestId(), records.seal(event)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogUnavailableException("interrupted while appending to " + TOPIC, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new LogUnavailableException(TOPIC + " did not acknowledge within " + timeout.toSeconds() + " s", e);
        }
    }
}
