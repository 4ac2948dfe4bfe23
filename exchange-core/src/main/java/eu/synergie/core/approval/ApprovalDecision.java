package eu.synergie.core.approval;

import eu.synergie.core.Refusal;
import eu.synergie.core.audit.AuditEvent;

import java.util.Objects;

/**
 * What {@link Approvals} answers a request or a decision: an event to append, or a refusal with its reason; either
 * way the audit event that records it.
 */
public sealed interface ApprovalDecision {

    /** The event to audit. */
    AuditEvent audit();

    /**
     * Accepted: append {@code event} to the approvals log; the fold applies it as it reads it back (of two
     * instances deciding at once, the log's order settles which decision counts).
     */
    record Recorded(ApprovalEvent event, AuditEvent audit) implements ApprovalDecision {

        public Recorded {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(audit, "audit");
        }
    }

    /** Refused: nothing to append. {@code detail} names the check that failed, never notice content. */
    record Refused(Reason reason, String detail, AuditEvent audit) implements ApprovalDecision {

        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(audit, "audit");
        }

        /** The refusal as the API answers it. */
        public Refusal refusal() {
            return reason.refusal();
        }
    }

    /** Why a request or decision is refused. */
    enum Reason {
        /** No request of that id. */
        UNKNOWN_REQUEST(Refusal.Kind.NOT_FOUND, "APPROVAL_NOT_FOUND"),
        /** A request of that id exists already (asking twice for the same thing is one request). */
        ALREADY_REQUESTED(Refusal.Kind.CONFLICT, "APPROVAL_ALREADY_REQUESTED"),
        /** The caller does not hold the {@code release-approver} role. */
        NOT_APPROVER(Refusal.Kind.FORBIDDEN, "NOT_RELEASE_APPROVER"),
        /**
         * The caller is not of the owning agency. Answered as {@link #UNKNOWN_REQUEST} on the API: another agency
         * does not learn that the request exists.
         */
        OTHER_AGENCY(Refusal.Kind.NOT_FOUND, "APPROVAL_NOT_FOUND"),
        /** The caller asked for or authored what is held: four eyes means someone else's. */
        SELF_APPROVAL(Refusal.Kind.FORBIDDEN, "SELF_APPROVAL"),
        /** The caller approved already: one person counts once. */
        ALREADY_APPROVED(Refusal.Kind.CONFLICT, "ALREADY_APPROVED"),
        /** Approved or rejected already. */
        ALREADY_DECIDED(Refusal.Kind.CONFLICT, "APPROVAL_ALREADY_DECIDED"),
        /** Past its expiry: no decision is taken any more. */
        EXPIRED(Refusal.Kind.CONFLICT, "APPROVAL_EXPIRED"),
        /** An answer to a reveal that is not approved (yet, or ever): nothing is given before two approvals. */
        NOT_APPROVED(Refusal.Kind.CONFLICT, "REVEAL_NOT_APPROVED"),
        /** An answer to a reveal that has one: the first counts. */
        ALREADY_ANSWERED(Refusal.Kind.CONFLICT, "REVEAL_ALREADY_ANSWERED"),
        /** An answer to a request that is not a reveal. */
        NOT_A_REVEAL(Refusal.Kind.CONFLICT, "NOT_A_REVEAL");

        private final Refusal refusal;

        Reason(Refusal.Kind kind, String code) {
            this.refusal = new Refusal(kind, code);
        }

        public Refusal refusal() {
            return refusal;
        }
    }
}
