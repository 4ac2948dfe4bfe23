package eu.synergie.core.approval;

/**
 * Where approval events go: {@code synergie.approvals}, keyed by request id (a request's events in one partition,
 * in order). Delete policy with unlimited retention, never compacted: compaction keeps one record per key, and the
 * state of a request is the fold of all its events. Returns once the event is durably appended.
 */
public interface ApprovalLog {

    String TOPIC = "synergie.approvals";

    void append(ApprovalEvent event);
}
