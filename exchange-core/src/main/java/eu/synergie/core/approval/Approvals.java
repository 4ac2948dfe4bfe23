package eu.synergie.core.approval;

import eu.synergie.core.approval.ApprovalDecision.Reason;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.Role;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The approval requests and where they stand, as a fold over their log ({@link #apply}, in log order), and the
 * rules that turn a caller's wish into an event or a typed refusal ({@link #request}, {@link #approve},
 * {@link #reject}, {@link #expire}). Deciding does not change the state: the caller appends the event, and every
 * instance applies it as it reads it back, so all of them agree, and a restart rebuilds the same state from the log.
 *
 * <p>The fold checks the rules again rather than trusting the log: an approval by the requester, by another agency,
 * after the expiry or after the request was closed is ignored. An event seen a second time changes nothing, so a
 * log replayed with duplicates (a producer's retry, a copy appended again) gives the same state; one person
 * approving twice counts once.
 */
public final class Approvals {

    /** What {@link #apply} did with an event. */
    public enum Applied {
        /** The event changed the request's state. */
        APPLIED,
        /** The state held it already: the same event again, or the same person's approval again. */
        DUPLICATE,
        /** Against the rules or the state (unknown request, closed, expired, self-approval, other agency): ignored. */
        IGNORED
    }

    private final Map<String, State> byId = new HashMap<>();

    /** The mutable state of one request, seen only under this object's lock. */
    private static final class State {
        final ApprovalRequest request;
        final Set<String> approvedBy = new LinkedHashSet<>();
        ApprovalStatus status = ApprovalStatus.PENDING;
        String rejectedBy;
        Instant closedAt;
        ApprovalEvent.Answered answer;

        State(ApprovalRequest request) {
            this.request = request;
        }

        boolean open(Instant at) {
            return status == ApprovalStatus.PENDING && at.isBefore(request.expiresAt());
        }

        Approval view(Instant now) {
            if (status == ApprovalStatus.PENDING && !now.isBefore(request.expiresAt())) {
                return new Approval(request, ApprovalStatus.EXPIRED, List.copyOf(approvedBy), null, request.expiresAt());
            }
            return new Approval(request, status, List.copyOf(approvedBy), rejectedBy, closedAt, answer);
        }
    }

    /** Applies one event of the log, in log order. */
    public synchronized Applied apply(ApprovalEvent event) {
        State state = byId.get(event.requestId());
        return switch (event) {
            case ApprovalEvent.Requested requested -> applyRequest(state, requested);
            case ApprovalEvent.Approved approved -> state == null ? Applied.IGNORED : applyApproval(state, approved);
            case ApprovalEvent.Rejected rejected -> state == null ? Applied.IGNORED : applyRejection(state, rejected);
            case ApprovalEvent.Expired expired -> state == null ? Applied.IGNORED : applyExpiry(state, expired);
            case ApprovalEvent.Answered answered -> state == null ? Applied.IGNORED : applyAnswer(state, answered);
        };
    }

    private static Applied applyAnswer(State state, ApprovalEvent.Answered answered) {
        if (state.answer != null) {
            return state.answer.equals(answered) ? Applied.DUPLICATE : Applied.IGNORED;
        }
        if (state.request.subject().kind() != ApprovalRequest.Subject.Kind.PERSON_REVEAL
                || state.status != ApprovalStatus.APPROVED || !answered.agency().equals(state.request.agency())) {
            return Applied.IGNORED;
        }
        state.answer = answered;
        return Applied.APPLIED;
    }

    private Applied applyRequest(State held, ApprovalEvent.Requested requested) {
        if (held != null) {
            return held.request.equals(requested.request()) ? Applied.DUPLICATE : Applied.IGNORED;
        }
        byId.put(requested.requestId(), new State(requested.request()));
        return Applied.APPLIED;
    }

    private static Applied applyApproval(State state, ApprovalEvent.Approved approved) {
        if (state.approvedBy.contains(approved.by())) {
            return Applied.DUPLICATE;
        }
        if (!state.open(approved.at()) || approved.by().equals(state.request.requestedBy())
                || !approved.agency().equals(state.request.agency())) {
            return Applied.IGNORED;
        }
        state.approvedBy.add(approved.by());
        if (state.approvedBy.size() >= state.request.approvalsRequired()) {
            state.status = ApprovalStatus.APPROVED;
            state.closedAt = approved.at();
        }
        return Applied.APPLIED;
    }

    private static Applied applyRejection(State state, ApprovalEvent.Rejected rejected) {
        if (state.status == ApprovalStatus.REJECTED && rejected.by().equals(state.rejectedBy)) {
            return Applied.DUPLICATE;
        }
        if (!state.open(rejected.at()) || !rejected.agency().equals(state.request.agency())) {
            return Applied.IGNORED;
        }
        state.status = ApprovalStatus.REJECTED;
        state.rejectedBy = rejected.by();
        state.closedAt = rejected.at();
        return Applied.APPLIED;
    }

    private static Applied applyExpiry(State state, ApprovalEvent.Expired expired) {
        if (state.status == ApprovalStatus.EXPIRED) {
            return Applied.DUPLICATE;
        }
        if (state.status != ApprovalStatus.PENDING || expired.at().isBefore(state.request.expiresAt())) {
            return Applied.IGNORED;
        }
        state.status = ApprovalStatus.EXPIRED;
        // The expiry itself, not when the sweep noticed it: every instance closes it at the same instant.
        state.closedAt = state.request.expiresAt();
        return Applied.APPLIED;
    }

    /** The request {@code id} as it stands at {@code now} (a pending one past its expiry reads as expired). */
    public synchronized Optional<Approval> get(String id, Instant now) {
        return Optional.ofNullable(byId.get(id)).map(s -> s.view(now));
    }

    /** The queue of {@code agency}'s approvers: its requests still pending at {@code now}, oldest first. */
    public synchronized List<Approval> pending(String agency, Instant now) {
        return byId.values().stream().filter(s -> s.request.agency().equals(agency) && s.open(now))
                .map(s -> s.view(now)).sorted(Comparator.comparing((Approval a) -> a.request().createdAt())
                        .thenComparing(Approval::id)).toList();
    }

    /**
     * The requests {@code requestedBy} of {@code agency} made (the notices its author sees held, and where they stand),
     * newest first, at most {@code limit}.
     */
    public synchronized List<Approval> requestedBy(String requestedBy, String agency, Instant now, int limit) {
        return byId.values().stream().filter(s -> s.request.requestedBy().equals(requestedBy)
                        && s.request.agency().equals(agency)).map(s -> s.view(now))
                .sorted(Comparator.comparing((Approval a) -> a.request().createdAt()).reversed().thenComparing(Approval::id))
                .limit(limit).toList();
    }

    /** Makes a request, unless one of its id exists (asking twice for the same thing is one request). */
    public synchronized ApprovalDecision request(ApprovalRequest request) {
        if (byId.containsKey(request.id())) {
            return refused(Reason.ALREADY_REQUESTED, "a request " + request.id() + " exists", ApprovalAudit.requested(request, true));
        }
        return new ApprovalDecision.Recorded(new ApprovalEvent.Requested(request), ApprovalAudit.requested(request, false));
    }

    /** {@code caller}'s approval of request {@code id} at {@code now}, or why it is refused. */
    public synchronized ApprovalDecision approve(String id, Caller caller, Instant now) {
        return decide(id, caller, now, true);
    }

    /**
     * {@code caller}'s rejection of request {@code id} at {@code now}, or why it is refused. The requester may reject
     * (withdraw) what they asked for: four eyes guard a release, not its refusal.
     */
    public synchronized ApprovalDecision reject(String id, Caller caller, Instant now) {
        return decide(id, caller, now, false);
    }

    /** The expiries to append at {@code now}: one for each request still pending past its expiry. */
    public synchronized List<ApprovalDecision.Recorded> expire(Instant now) {
        List<ApprovalDecision.Recorded> expiries = new ArrayList<>();
        byId.values().stream().filter(s -> s.status == ApprovalStatus.PENDING && !now.isBefore(s.request.expiresAt()))
                .sorted(Comparator.comparing((State s) -> s.request.expiresAt()).thenComparing(s -> s.request.id()))
                .forEach(s -> expiries.add(new ApprovalDecision.Recorded(new ApprovalEvent.Expired(s.request.id(), now),
                        ApprovalAudit.expired(s.request, now))));
        return expiries;
    }

    /**
     * {@code caller}'s answer to the approved reveal {@code id}: an envelope for the requester's agency, given by someone
     * of the owning agency (which of its people may, the caller of this method decides). The first answer counts.
     */
    public synchronized ApprovalDecision answer(String id, Caller caller, byte[] envelope, Instant now) {
        State state = byId.get(id);
        if (state == null || !state.request.agency().equals(caller.agency())) {
            Reason reason = state == null ? Reason.UNKNOWN_REQUEST : Reason.OTHER_AGENCY;
            return refused(reason, "no reveal request " + id + " of the caller's agency",
                    ApprovalAudit.answerRefused(id, null, caller, now, reason));
        }
        ApprovalRequest request = state.request;
        Reason reason = null;
        String detail = null;
        if (request.subject().kind() != ApprovalRequest.Subject.Kind.PERSON_REVEAL) {
            reason = Reason.NOT_A_REVEAL;
            detail = "request " + id + " is a " + request.subject().kind() + ", not a reveal";
        } else if (state.answer != null) {
            reason = Reason.ALREADY_ANSWERED;
            detail = "the reveal was answered at " + state.answer.at();
        } else if (state.status != ApprovalStatus.APPROVED) {
            reason = Reason.NOT_APPROVED;
            detail = "the reveal is " + state.view(now).status().name().toLowerCase(java.util.Locale.ROOT)
                    + ": it is answered only once " + request.approvalsRequired() + " approvers have approved it";
        }
        if (reason != null) {
            return refused(reason, detail, ApprovalAudit.answerRefused(id, request, caller, now, reason));
        }
        return new ApprovalDecision.Recorded(new ApprovalEvent.Answered(id, caller.subject(), caller.agency(), now, envelope),
                ApprovalAudit.answered(request, caller, now, envelope.length));
    }

    private ApprovalDecision decide(String id, Caller caller, Instant now, boolean approve) {
        State state = byId.get(id);
        ApprovalRequest request = state == null ? null : state.request;
        // The role first: its refusal says nothing of whether the request exists.
        if (!caller.has(Role.RELEASE_APPROVER)) {
            return refused(Reason.NOT_APPROVER, "the caller is not a release approver", ApprovalAudit.refused(approve, id,
                    request != null && request.agency().equals(caller.agency()) ? request : null, caller, now,
                    Reason.NOT_APPROVER));
        }
        if (state == null) {
            return refused(Reason.UNKNOWN_REQUEST, "no approval request " + id,
                    ApprovalAudit.refused(approve, id, null, caller, now, Reason.UNKNOWN_REQUEST));
        }
        if (!request.agency().equals(caller.agency())) {
            // Audited without the notice and recipient: the event is the caller's agency's, and the request is not.
            return refused(Reason.OTHER_AGENCY, "the request belongs to another agency",
                    ApprovalAudit.refused(approve, id, null, caller, now, Reason.OTHER_AGENCY));
        }
        if (state.status == ApprovalStatus.APPROVED || state.status == ApprovalStatus.REJECTED) {
            return refused(Reason.ALREADY_DECIDED, "the request is " + state.status.name().toLowerCase(java.util.Locale.ROOT),
                    ApprovalAudit.refused(approve, id, request, caller, now, Reason.ALREADY_DECIDED));
        }
        if (state.status == ApprovalStatus.EXPIRED || !now.isBefore(request.expiresAt())) {
            return refused(Reason.EXPIRED, "the request expired at " + request.expiresAt(),
                    ApprovalAudit.refused(approve, id, request, caller, now, Reason.EXPIRED));
        }
        if (approve && caller.subject().equals(request.requestedBy())) {
            return refused(Reason.SELF_APPROVAL, "the requester cannot approve their own request",
                    ApprovalAudit.refused(true, id, request, caller, now, Reason.SELF_APPROVAL));
        }
        if (approve && state.approvedBy.contains(caller.subject())) {
            return refused(Reason.ALREADY_APPROVED, "the caller approved this request already",
                    ApprovalAudit.refused(true, id, request, caller, now, Reason.ALREADY_APPROVED));
        }
        if (approve) {
            int count = state.approvedBy.size() + 1;
            return new ApprovalDecision.Recorded(new ApprovalEvent.Approved(id, caller.subject(), caller.agency(), now),
                    ApprovalAudit.approved(request, caller, now, count));
        }
        return new ApprovalDecision.Recorded(new ApprovalEvent.Rejected(id, caller.subject(), caller.agency(), now),
                ApprovalAudit.rejected(request, caller, now));
    }

    private static ApprovalDecision.Refused refused(Reason reason, String detail, eu.synergie.core.audit.AuditEvent audit) {
        return new ApprovalDecision.Refused(reason, detail, audit);
    }
}
