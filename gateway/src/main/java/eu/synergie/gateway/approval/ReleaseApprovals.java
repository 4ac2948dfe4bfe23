package eu.synergie.gateway.approval;

import java.util.Optional;
import eu.synergie.core.approval.Approval;
import eu.synergie.core.approval.ApprovalDecision;
import eu.synergie.core.approval.ApprovalEvent;
import eu.synergie.core.approval.ApprovalLog;
import eu.synergie.core.approval.ApprovalRequest;
import eu.synergie.core.approval.ApprovalStatus;
import eu.synergie.core.approval.Approvals;
import eu.synergie.core.audit.AuditLog;
import eu.synergie.core.intake.LogUnavailableException;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.Role;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Four-eyes approvals as the exchange runs them: what asks for a release ({@link #request}), what approvers decide
 * ({@link #approve}, {@link #reject}) and see ({@link #pending}, {@link #get}), who is told of an approval
 * ({@link #onApproved}), and the expiry of what waits ({@link #expireDue}). The rules are {@link Approvals}'; this
 * class appends what they accept to {@code synergie.approvals}, answers once this instance's follower has read it
 * back (so that the answer, and the next decision on any instance that has read as far, sees it), and audits every
 * request and decision, refused ones included, before answering.
 *
 * <p>Every instance holds the whole state (the fold of the log); of two instances deciding at once, the log's order
 * settles which decision counts, and the answer is the state after it.
 */
public final class ReleaseApprovals {

    private final Approvals approvals;
    private final ApprovalLog log;
    private final AuditLog audit;
    private final ReadBack readBack;
    private final Clock clock;
    private final Duration readBackTimeout;
    private final List<ApprovedListener> listeners = new CopyOnWriteArrayList<>();
    /** Expiries this instance appended and the fold has not applied yet: the next sweep does not append them again. */
    private final Set<String> expiring = ConcurrentHashMap.newKeySet();

    /** A listener's registration; closing it removes the listener. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** @param readBackTimeout how long an answer waits for this instance to read back what it appended */
    public ReleaseApprovals(Approvals approvals, ApprovalLog log, AuditLog audit, ReadBack readBack, Clock clock,
                            Duration readBackTimeout) {
        this.approvals = Objects.requireNonNull(approvals, "approvals");
        this.log = Objects.requireNonNull(log, "log");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.readBack = Objects.requireNonNull(readBack, "readBack");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.readBackTimeout = Objects.requireNonNull(readBackTimeout, "readBackTimeout");
    }

    /**
     * Holds something until people of {@code request.agency()} approve it. Asking again for the same thing (the same
     * id, subject, agency, requester and number of approvals; e.g. the same hit seen again, or by another instance)
     * is one request: the answer is that request as it stands, and the second asking is audited as refused
     * ({@code ALREADY_REQUESTED}).
     *
     * @return the request as this instance holds it once read back: {@link ApprovalStatus#PENDING} when new
     * @throws ApprovalRefusedException        {@code ALREADY_REQUESTED}: the id is another request's
     * @throws ApprovalLogUnavailableException not appended, or not read back in time (ask again: one request)
     * @throws eu.synergie.core.audit.AuditUnavailableException the audit log did not take the event
     */
    public Approval request(ApprovalRequest request) {
        return switch (approvals.request(request)) {
            case ApprovalDecision.Recorded recorded ->
                    record(recorded, () -> approvals.get(request.id(), clock.instant()).isPresent());
            case ApprovalDecision.Refused refused -> {
                audit.append(refused.audit());
                Approval held = current(request.id());
                if (sameThing(held.request(), request)) {
                    yield held;
                }
                throw ApprovalRefusedException.of(refused);
            }
        };
    }

    /**
     * {@code caller}'s approval of request {@code id}: their agency's, not their own request, once per person, while
     * pending and before its expiry.
     *
     * @return the request once this instance has read the approval back: still {@link ApprovalStatus#PENDING} while
     * approvals are missing, {@link ApprovalStatus#APPROVED} with the last one
     * @throws ApprovalRefusedException with the reason: {@code UNKNOWN_REQUEST} (also for another agency's),
     *                                  {@code NOT_APPROVER}, {@code SELF_APPROVAL}, {@code ALREADY_APPROVED},
     *                                  {@code ALREADY_DECIDED}, {@code EXPIRED}
     */
    public Approval approve(String id, Caller caller) {
        return decide(approvals.approve(id, caller, clock.instant()), () -> approvals.get(id, clock.instant())
                .map(a -> a.status() != ApprovalStatus.PENDING || a.approvedBy().contains(caller.subject())).orElse(false));
    }

    /**
     * {@code caller}'s rejection of request {@code id}, which ends it (the requester may withdraw their own).
     *
     * @return the request once this instance has read the rejection back: {@link ApprovalStatus#REJECTED}, unless
     * another decision was logged first
     * @throws ApprovalRefusedException as {@link #approve}, without {@code SELF_APPROVAL} and {@code ALREADY_APPROVED}
     */
    public Approval reject(String id, Caller caller) {
        return decide(approvals.reject(id, caller, clock.instant()), () -> approvals.get(id, clock.instant())
                .map(a -> a.status() != ApprovalStatus.PENDING).orElse(false));
    }

    /**
     * The queue of {@code caller}'s agency: its requests still pending, oldest first.
     *
     * @throws ApprovalRefusedException {@code NOT_APPROVER}
     */
    public List<Approval> pending(Caller caller) {
        requireApprover(caller);
        return approvals.pending(caller.agency(), clock.instant());
    }

    /**
     * Request {@code id} as it stands, if it is of {@code caller}'s agency (pending past its expiry reads as expired).
     *
     * @throws ApprovalRefusedException {@code NOT_APPROVER}; {@code UNKNOWN_REQUEST} for an unknown id and for another
     *                                  agency's request alike
     */
    public Approval get(String id, Caller caller) {
        requireApprover(caller);
        return approvals.get(id, clock.instant()).filter(a -> a.request().agency().equals(caller.agency()))
                .orElseThrow(ApprovalRefusedException::notFound);
    }

    /**
     * The owning agency's answer to the approved reveal {@code id} (an envelope for the requester's agency only, which
     * the caller of this method has checked). The first answer counts.
     *
     * @return the request once this instance has read the answer back
     * @throws ApprovalRefusedException {@code UNKNOWN_REQUEST} (also for another agency's), {@code NOT_A_REVEAL},
     *                                  {@code NOT_APPROVED}, {@code ALREADY_ANSWERED}
     */
    public Approval answer(String id, Caller caller, byte[] envelope) {
        ApprovalDecision decision = approvals.answer(id, caller, envelope, clock.instant());
        Approval after = decide(decision, () -> approvals.get(id, clock.instant()).map(a -> a.answer() != null).orElse(false));
        if (decision instanceof ApprovalDecision.Recorded recorded && !recorded.event().equals(after.answer())) {
            // Another instance's answer reached the log first: that one counts, and this one says so.
            throw new ApprovalRefusedException(ApprovalDecision.Reason.ALREADY_ANSWERED, "another answer was logged first");
        }
        return after;
    }

    /**
     * What {@code caller} asked for or authored at their agency (the notices they published that its policy holds), in
     * every state, newest first: the author's side of the queue. At most 200.
     */
    public List<Approval> requestedBy(Caller caller) {
        if (caller.agency() == null) {
            return List.of();
        }
        return approvals.requestedBy(caller.subject(), caller.agency(), clock.instant(), 200);
    }

    /**
     * The requests of {@code agency} still pending, oldest first, whoever asks: for the exchange's own checks (is this
     * already asked?), never to be handed on unchecked.
     */
    public List<Approval> pendingOf(String agency) {
        return approvals.pending(agency, clock.instant());
    }

    /**
     * Request {@code id} as this instance's fold holds it, whoever's it is: for the exchange's own checks (a peer's
     * pointer must answer a disclosure this exchange opened too), never for a person.
     */
    public Optional<ApprovalRequest> opened(String id) {
        return approvals.get(id, clock.instant()).map(Approval::request);
    }

    /**
     * Request {@code id} as it stands, whoever's it is: for a caller that decides itself who may see it (a reveal is
     * its requester's too), never to be handed on unchecked.
     */
    public Optional<Approval> state(String id) {
        return approvals.get(id, clock.instant());
    }

    /**
     * Tells {@code listener} of every request approved from now on, as {@link ApprovedListener} says (on the instance
     * holding the approvals consumer group, at least once). Register while the application starts (in a bean's
     * construction): the group's consumer starts after every bean, so no approval is read before the listeners are
     * there.
     */
    public Registration onApproved(ApprovedListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * For the approvals consumer group of the wiring: calls the listeners if {@code event}, read from the log, is the
     * one that approved its request in this instance's fold (which must have read the log as far as the event). Any
     * other event (an approval that was not the last one needed, or did not count) calls nobody. A listener's
     * exception is thrown on, for the group to read the event again.
     *
     * @return whether the listeners were called
     */
    public boolean tellIfApproving(ApprovalEvent event) {
        if (!(event instanceof ApprovalEvent.Approved approved)) {
            return false;
        }
        Approval approval = approvals.get(approved.requestId(), clock.instant()).orElse(null);
        // The fold keeps approvals in log order and none after the one that closed the request.
        if (approval == null || approval.status() != ApprovalStatus.APPROVED || !approved.at().equals(approval.closedAt())
                || approval.approvedBy().isEmpty() || !approved.by().equals(approval.approvedBy().getLast())) {
            return false;
        }
        for (ApprovedListener listener : listeners) {
            listener.approved(approval);
        }
        return true;
    }

    /**
     * One run of the expiry sweep: appends and audits the expiry of each request still pending past its expiry (an
     * expiry appended by an earlier run and not yet read back is not appended again).
     *
     * @return how many expiries were appended
     */
    public int expireDue() {
        List<ApprovalDecision.Recorded> due = approvals.expire(clock.instant());
        expiring.retainAll(due.stream().map(r -> r.event().requestId()).collect(Collectors.toSet()));
        int appended = 0;
        for (ApprovalDecision.Recorded expiry : due) {
            String id = expiry.event().requestId();
            if (expiring.add(id)) {
                try {
                    append(expiry.event());
                } catch (RuntimeException e) {
                    expiring.remove(id);
                    throw e;
                }
                audit.append(expiry.audit());
                appended++;
            }
        }
        return appended;
    }

    private Approval decide(ApprovalDecision decision, BooleanSupplier applied) {
        return switch (decision) {
            case ApprovalDecision.Recorded recorded -> record(recorded, applied);
            case ApprovalDecision.Refused refused -> {
                audit.append(refused.audit());
                throw ApprovalRefusedException.of(refused);
            }
        };
    }

    private Approval record(ApprovalDecision.Recorded recorded, BooleanSupplier applied) {
        append(recorded.event());
        boolean read = readBack.await(applied, readBackTimeout);
        // In the log either way: it takes effect wherever it is read, so it is audited now.
        audit.append(recorded.audit());
        if (!read) {
            throw new ApprovalLogUnavailableException(ApprovalLog.TOPIC + " took the event, but this instance did not read it"
                    + " back within " + readBackTimeout.toMillis() + " ms", null);
        }
        return current(recorded.event().requestId());
    }

    private void append(ApprovalEvent event) {
        try {
            log.append(event);
        } catch (LogUnavailableException e) {
            throw new ApprovalLogUnavailableException(e.getMessage(), e);
        }
    }

    private Approval current(String id) {
        return approvals.get(id, clock.instant()).orElseThrow(() -> new ApprovalLogUnavailableException(
                "request " + id + " is not read back yet", null));
    }

    private static void requireApprover(Caller caller) {
        if (!caller.has(Role.RELEASE_APPROVER)) {
            throw new ApprovalRefusedException(ApprovalDecision.Reason.NOT_APPROVER, "the caller is not a release approver");
        }
    }

    private static boolean sameThing(ApprovalRequest held, ApprovalRequest asked) {
        return held.subject().equals(asked.subject()) && held.agency().equals(asked.agency())
                && held.requestedBy().equals(asked.requestedBy()) && held.approvalsRequired() == asked.approvalsRequired();
    }
}
