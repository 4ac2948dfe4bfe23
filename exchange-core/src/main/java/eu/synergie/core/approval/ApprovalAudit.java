package eu.synergie.core.approval;

import eu.synergie.core.audit.AuditAction;
import eu.synergie.core.audit.AuditEvent;
import eu.synergie.core.audit.AuditOutcome;
import eu.synergie.core.policy.Caller;

import java.time.Instant;
import java.util.List;

/**
 * The audit events of requests and decisions (Directive 2016/680, Art. 25: who decided on a disclosure, when, about
 * which notice, for which recipient). Ids and codes only in {@code change}: never notice content.
 */
final class ApprovalAudit {

    static final String SWEEP = "system:approvals";

    private ApprovalAudit() {
    }

    static AuditEvent requested(ApprovalRequest request, boolean alreadyRequested) {
        return event(request.createdAt(), AuditAction.RELEASE_REQUEST, request.requestedBy(), request.agency(), request,
                "approval-requested " + request.id() + " " + request.subject().kind() + " approvals="
                        + request.approvalsRequired() + " expires=" + request.expiresAt()
                        + (alreadyRequested ? " refused=" + ApprovalDecision.Reason.ALREADY_REQUESTED : ""),
                alreadyRequested ? AuditOutcome.REFUSED : AuditOutcome.SUCCESS);
    }

    static AuditEvent approved(ApprovalRequest request, Caller caller, Instant at, int count) {
        return event(at, AuditAction.RELEASE_APPROVAL, caller.subject(), caller.agency(), request,
                "approval-approved " + request.id() + " " + request.subject().kind() + " " + count + "/"
                        + request.approvalsRequired(), AuditOutcome.SUCCESS);
    }

    static AuditEvent rejected(ApprovalRequest request, Caller caller, Instant at) {
        return event(at, AuditAction.RELEASE_REJECTION, caller.subject(), caller.agency(), request,
                "approval-rejected " + request.id() + " " + request.subject().kind(), AuditOutcome.SUCCESS);
    }

    static AuditEvent expired(ApprovalRequest request, Instant at) {
        return event(at, AuditAction.RELEASE_EXPIRY, SWEEP, request.agency(), request,
                "approval-expired " + request.id() + " " + request.subject().kind() + " expired=" + request.expiresAt(),
                AuditOutcome.SUCCESS);
    }

    static AuditEvent answered(ApprovalRequest request, Caller caller, Instant at, int bytes) {
        return event(at, AuditAction.REVEAL_ANSWER, caller.subject(), caller.agency(), request,
                "reveal-answered " + request.id() + " envelope-bytes=" + bytes, AuditOutcome.SUCCESS);
    }

    static AuditEvent answerRefused(String id, ApprovalRequest request, Caller caller, Instant at, ApprovalDecision.Reason reason) {
        return event(at, AuditAction.REVEAL_ANSWER, caller.subject(), caller.agency(), request,
                "reveal-answer " + id + " refused=" + reason, AuditOutcome.REFUSED);
    }

    /** A refused decision; {@code request} is null when none of that id is known. */
    static AuditEvent refused(boolean approve, String id, ApprovalRequest request, Caller caller, Instant at,
                              ApprovalDecision.Reason reason) {
        return event(at, approve ? AuditAction.RELEASE_APPROVAL : AuditAction.RELEASE_REJECTION, caller.subject(),
                caller.agency(), request, (approve ? "approval-approve " : "approval-reject ") + id + " refused=" + reason,
                AuditOutcome.REFUSED);
    }

    private static AuditEvent event(Instant at, AuditAction action, String subject, String agency, ApprovalRequest request,
                                    String change, AuditOutcome outcome) {
        return new AuditEvent(at, action, subject, agency, null, null,
                request == null ? List.of() : List.of(request.subject().noticeId()),
                request == null ? List.of() : List.of(request.subject().recipient()), change, outcome);
    }
}
