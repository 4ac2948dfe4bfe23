package eu.synergie.core.rfi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A request for information from one agency to another, as the exchange keeps it: the parties, what it is about, why
 * (the requester's case reference and legal basis), how urgent, where it stands, and its thread of sealed messages.
 * Every step returns the request as it stands after it, or refuses ({@link RequestRefusedException}) a step the state or
 * the side does not allow: only the holder assigns, replies, asks back, refuses or releases; only the requester follows
 * up; nothing happens to a closed request.
 *
 * @param about      what the requester asks about, as the requester already knows it
 * @param purpose    the requester's case reference, as for a search: audited on both sides
 * @param deadline   for an urgent request, when the answer is needed; null for a normal one
 * @param expiresAt  when the request expires if nobody closed it
 * @param assignee   the holder's analyst who took it, or null
 * @param version    0 when opened, one more with every step: a step taken on an older version does not count
 */
public record InformationRequest(String id, String requesterAgency, String requesterSubject, String holderAgency,
                                 About about, String purpose, String legalBasis, Urgency urgency, Instant deadline,
                                 Instant expiresAt, Instant openedAt, RequestStatus status, Instant statusAt,
                                 String assignee, List<ThreadMessage> thread, long version) {

    /** The longest a request may stay open: a year, after which it expires whatever its deadline. */
    public static final Duration LONGEST = Duration.ofDays(365);

    /**
     * What a request is about, as the requester got it: a notice it may name (a FULL hit, a notice it read), or a
     * pointer's case reference at the holder (a POINTER hit). Nothing else of the requester's own case.
     */
    public record About(UUID noticeId, String holderCaseRef) {

        public About {
            if (noticeId == null && (holderCaseRef == null || holderCaseRef.isBlank())) {
                throw new IllegalArgumentException("a request is about a notice or a holder's case reference");
            }
        }
    }

    /** Which party an agency is to a request. */
    public enum Side { REQUESTER, HOLDER, NONE }

    public InformationRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(about, "about");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(status, "status");
        require(requesterAgency != null && holderAgency != null && !requesterAgency.equals(holderAgency),
                "a request goes from one agency to another");
        require(purpose != null && !purpose.isBlank(), "purpose (the requester's case reference) is required");
        require(legalBasis != null && !legalBasis.isBlank(), "legalBasis is required");
        require((urgency == Urgency.URGENT) == (deadline != null), "an urgent request states a deadline, a normal one none");
        require(deadline == null || !deadline.isAfter(expiresAt), "the deadline is before the request expires");
        thread = List.copyOf(thread);
    }

    /**
     * A new request, its first message the question itself.
     *
     * @param expiresAfter how long it may stay open (at most {@link #LONGEST})
     * @throws IllegalArgumentException naming what is missing or wrong
     */
    public static InformationRequest open(String requesterAgency, String requesterSubject, String holderAgency, About about,
                                          String purpose, String legalBasis, Urgency urgency, Instant deadline,
                                          Duration expiresAfter, Instant now, byte[] question) {
        return open(UUID.randomUUID(), requesterAgency, requesterSubject, holderAgency, about, purpose, legalBasis, urgency,
                deadline, expiresAfter, now, question);
    }

    /**
     * A new request of id {@code id}, which the requester's tool chose: its question, sealed before the request existed,
     * names it, so that the message cannot be passed off as another request's.
     */
    public static InformationRequest open(UUID id, String requesterAgency, String requesterSubject, String holderAgency,
                                          About about, String purpose, String legalBasis, Urgency urgency, Instant deadline,
                                          Duration expiresAfter, Instant now, byte[] question) {
        Objects.requireNonNull(id, "id");
        require(!expiresAfter.isNegative() && !expiresAfter.isZero() && expiresAfter.compareTo(LONGEST) <= 0,
                "a request expires within a year");
        require(deadline == null || deadline.isAfter(now), "the deadline is in the future");
        require(deadline == null || !deadline.isAfter(now.plus(LONGEST)), "the deadline is within a year");
        Instant expiresAt = deadline != null && deadline.isAfter(now.plus(expiresAfter)) ? deadline : now.plus(expiresAfter);
        ThreadMessage first = new ThreadMessage(now, requesterAgency, requesterSubject, ThreadMessage.Step.REQUEST, question);
        return new InformationRequest(id.toString(), requesterAgency, requesterSubject, holderAgency, about,
                purpose == null ? null : purpose.strip(), legalBasis == null ? null : legalBasis.strip(), urgency, deadline,
                expiresAt, now, RequestStatus.OPEN, now, null, List.of(first), 0);
    }

    /** The side {@code agency} is on. */
    public Side side(String agency) {
        return requesterAgency.equals(agency) ? Side.REQUESTER : holderAgency.equals(agency) ? Side.HOLDER : Side.NONE;
    }

    /** Whether it is urgent, past its deadline and still open: flagged to both sides. */
    public boolean overdue(Instant now) {
        return urgency == Urgency.URGENT && now.isAfter(deadline) && !status.closed();
    }

    /** A holder's analyst takes it. */
    public InformationRequest assign(String agency, String analyst, Instant now) {
        requireSide(agency, Side.HOLDER, "assign");
        return moved(RequestStatus.IN_PROGRESS, now, analyst, null);
    }

    /**
     * A message of {@code step} from {@code agency}: the holder's reply, question, refusal or release note, the
     * requester's follow-up. Where it leaves the request: answered after a reply or a question (the requester's turn),
     * in progress after a follow-up, refused or released.
     */
    public InformationRequest message(String agency, String by, ThreadMessage.Step step, byte[] envelope, Instant now) {
        RequestStatus after = switch (step) {
            case REQUEST -> throw new RequestRefusedException("a request has one question: send a follow-up");
            case FOLLOW_UP -> {
                requireSide(agency, Side.REQUESTER, "follow up");
                yield status == RequestStatus.ANSWERED ? RequestStatus.IN_PROGRESS : status;
            }
            case REPLY, ASK_BACK -> {
                requireSide(agency, Side.HOLDER, step == ThreadMessage.Step.REPLY ? "reply" : "ask back");
                yield RequestStatus.ANSWERED;
            }
            case REFUSAL -> {
                requireSide(agency, Side.HOLDER, "refuse");
                yield RequestStatus.REFUSED;
            }
            case RELEASE -> {
                requireSide(agency, Side.HOLDER, "release");
                yield RequestStatus.RELEASED;
            }
        };
        return moved(after, now, assignee == null && side(agency) == Side.HOLDER ? by : assignee,
                new ThreadMessage(now, agency, by, step, envelope));
    }

    /**
     * The request, now about the holder's notice {@code noticeId}: what a release names, so that the requester sees
     * which notice it may now open. Not a step of its own (the release is).
     */
    public InformationRequest releasing(UUID noticeId) {
        return new InformationRequest(id, requesterAgency, requesterSubject, holderAgency,
                new About(Objects.requireNonNull(noticeId, "noticeId"), about.holderCaseRef()), purpose, legalBasis, urgency,
                deadline, expiresAt, openedAt, status, statusAt, assignee, thread, version);
    }

    /** Expired, if it is past its expiry and still open; as it is otherwise. */
    public InformationRequest expireIfDue(Instant now) {
        return !status.closed() && !now.isBefore(expiresAt) ? moved(RequestStatus.EXPIRED, now, assignee, null) : this;
    }

    private InformationRequest moved(RequestStatus to, Instant now, String assignedTo, ThreadMessage added) {
        if (status.closed()) {
            throw new RequestRefusedException("the request is " + status.name().toLowerCase(java.util.Locale.ROOT)
                    + ": nothing more happens to it");
        }
        if (!now.isBefore(expiresAt) && to != RequestStatus.EXPIRED) {
            throw new RequestRefusedException("the request expired at " + expiresAt);
        }
        if (to != status && !status.next().contains(to)) {
            throw new RequestRefusedException("a request " + status.name().toLowerCase(java.util.Locale.ROOT)
                    + " cannot become " + to.name().toLowerCase(java.util.Locale.ROOT));
        }
        List<ThreadMessage> messages = new ArrayList<>(thread);
        if (added != null) {
            messages.add(added);
        }
        return new InformationRequest(id, requesterAgency, requesterSubject, holderAgency, about, purpose, legalBasis,
                urgency, deadline, expiresAt, openedAt, to, to == status ? statusAt : now, assignedTo, messages, version + 1);
    }

    private void requireSide(String agency, Side wanted, String step) {
        if (side(agency) != wanted) {
            throw new RequestRefusedException("only the " + wanted.name().toLowerCase(java.util.Locale.ROOT)
                    + " may " + step);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
