package eu.synergie.gateway.rfi;

import eu.synergie.core.Refusal;
import eu.synergie.core.index.FetchedNotice;
import eu.synergie.core.intake.LogUnavailableException;
import eu.synergie.core.matching.HolderLookup;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.rfi.InformationRequest;
import eu.synergie.core.rfi.RequestBook;
import eu.synergie.core.rfi.RequestLog;
import eu.synergie.core.rfi.RequestRefusedException;
import eu.synergie.core.rfi.ThreadMessage;
import eu.synergie.core.rfi.Urgency;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.crypto.envelope.EnvelopeException;
import eu.synergie.crypto.envelope.EnvelopeRecipients;
import eu.synergie.gateway.api.AgencyCertificates;
import eu.synergie.gateway.approval.ReadBack;
import eu.synergie.gateway.audit.ConsultationAudit;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Requests for information as the exchange runs them: who may open one and about what, who may see and move it, what
 * a message must be, and the expiry of what nobody closed. The rules of the request itself are
 * {@link InformationRequest}'s; this class checks the caller and the envelope, appends the request as it stands after
 * the step to {@code synergie.requests}, answers once this instance has read it back, and audits every step.
 *
 * <p>Every message is an envelope this exchange cannot open: it is taken only if each of its recipients is a current
 * certificate of one of the two agencies and one of them is the other party's. The exchange never sees a message's
 * text, so it checks neither its signer nor its content: the receiving agency's tool does, when it opens it.
 */
public final class InformationRequests {

    /**
     * The most a thread's envelopes may weigh: each record is the whole request, base64 in JSON (a third more) under
     * the exchange's MAC, and must stay below Kafka's 1 MB record limit.
     */
    static final long MAX_THREAD_BYTES = 640 * 1024;

    /** Settings: how long a request stays open unless its deadline is later, and how large its thread may grow. */
    public record Limits(Duration expiry, int maxMessageBytes, int maxMessages, Duration readBackTimeout) {
    }

    /**
     * What a request is about, as the requester gives it: a notice it may read, or a pointer it was shown (the match key
     * it hit, the holder and the holder's case reference), checked again against the holdings now.
     */
    public record Subject(UUID noticeId, String key, String holderAgency, String holderCaseRef) {
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InformationRequests.class);

    private final RequestBook book;
    private final RequestLog log;
    private final ReadBack readBack;
    private final AccessPolicy policy;
    private final TrustRegistry trust;
    private final BiFunction<Caller, UUID, FetchedNotice> readable;
    private final HolderLookup holders;
    private final ConsultationAudit audit;
    private final Clock clock;
    private final Limits limits;
    private final RequestNotifications notifications;
    private final java.util.function.LongPredicate took;

    /** @param readable the notice {@code id} as the caller may read it, or a not-found refusal (the reading path's) */
    /** @param took whether the record this instance read at an offset made its version the one held */
    public InformationRequests(RequestBook book, RequestLog log, ReadBack readBack, java.util.function.LongPredicate took,
                               AccessPolicy policy, TrustRegistry trust,
                               BiFunction<Caller, UUID, FetchedNotice> readable, HolderLookup holders,
                               ConsultationAudit audit, Clock clock, Limits limits, RequestNotifications notifications) {
        this.book = Objects.requireNonNull(book, "book");
        this.log = Objects.requireNonNull(log, "log");
        this.readBack = Objects.requireNonNull(readBack, "readBack");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.trust = Objects.requireNonNull(trust, "trust");
        this.readable = Objects.requireNonNull(readable, "readable");
        this.holders = Objects.requireNonNull(holders, "holders");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.took = Objects.requireNonNull(took, "took");
    }

    /**
     * Opens a request from {@code analyst}'s agency to the agency holding {@code about}, its first message
     * {@code envelope}. It expires after the exchange's time for requests, or sooner if the requester says
     * ({@code expiresAt}: the answer is no use after it), or at its deadline if that is later.
     *
     * @throws RequestRefused {@code REQUEST_NOT_FOUND}-like 404s for a notice the caller may not read or a pointer it
     *                        would not be shown; 400 for a missing purpose, legal basis or deadline; 409
     *                        {@code OWN_AGENCY}; 422 for an envelope not for the two agencies
     */
    public InformationRequest open(Caller analyst, String purpose, UUID id, Subject about, String legalBasis,
                                   Urgency urgency, Instant deadline, Instant expiresAt, byte[] envelope) {
        requireAnalyst(analyst);
        if (id == null) {
            throw invalid("id: the request's id (a UUID), which its sealed question names");
        }
        if (book.get(id.toString()).isPresent()) {
            throw new RequestRefused(Refusal.Kind.CONFLICT, "REQUEST_EXISTS", "a request has this id: choose another");
        }
        if (purpose == null || purpose.isBlank()) {
            throw new RequestRefused(Refusal.Kind.MALFORMED, "MISSING_PURPOSE",
                    "purpose (your case reference) is required: it is audited on both sides");
        }
        if (legalBasis == null || legalBasis.isBlank()) {
            throw invalid("legalBasis is required");
        }
        if (envelope == null || envelope.length == 0) {
            throw invalid("envelope: the question sealed for both agencies (CMS, DER, base64 in JSON)");
        }
        String holder;
        InformationRequest.About subject;
        if (about == null) {
            throw invalid("about: a notice id, or a pointer's key, holder agency and case reference");
        } else if (about.noticeId() != null) {
            Notice notice = readable.apply(analyst, about.noticeId()).notice();
            holder = notice.markings().originAgency();
            subject = new InformationRequest.About(notice.noticeId(), null);
        } else {
            if (about.key() == null || about.holderAgency() == null || about.holderCaseRef() == null) {
                throw invalid("a pointer is named by the key it hit, its holder agency and the holder's case reference");
            }
            // The question first: a lookup only for a request that is whole, sealed for that holder, never a probe.
            checked(envelope, analyst.agency(), about.holderAgency(), clock.instant());
            boolean shown = holders.pointers(Set.of(matchKey(about.key())), analyst).pointers().stream()
                    .anyMatch(p -> p.holderAgency().equals(about.holderAgency()) && p.caseRef().equals(about.holderCaseRef()));
            if (!shown) {
                throw new RequestRefused(Refusal.Kind.NOT_FOUND, "POINTER_NOT_FOUND",
                        "no pointer to that agency and case reference for that key is shown to you");
            }
            holder = about.holderAgency();
            subject = new InformationRequest.About(null, about.holderCaseRef());
        }
        if (holder.equals(analyst.agency())) {
            throw new RequestRefused(Refusal.Kind.CONFLICT, "OWN_AGENCY", "the notice is your own agency's: ask there");
        }
        if (trust.agency(holder).isEmpty()) {
            throw new RequestRefused(Refusal.Kind.CONFLICT, "FEDERATED_NOTICE", "agency " + holder
                    + " is a peer exchange's: requests for information do not cross exchanges yet, ask through that exchange");
        }
        Instant now = clock.instant();
        Duration expiresAfter = limits.expiry();
        if (expiresAt != null) {
            if (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(limits.expiry()))) {
                throw invalid("expiresAt: after now and at most " + limits.expiry().toDays() + " days ahead");
            }
            expiresAfter = Duration.between(now, expiresAt);
        }
        InformationRequest request;
        try {
            request = InformationRequest.open(id, analyst.agency(), analyst.subject(), holder, subject, purpose, legalBasis,
                    urgency == null ? Urgency.NORMAL : urgency, deadline, expiresAfter, now,
                    checked(envelope, analyst.agency(), holder, now));
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        InformationRequest stored = store(request);
        audit.requestOpened(analyst, request.purpose(), request.id(), subject.noticeId(), holder);
        notifications.tell(holder, RequestNotifications.Event.NEW_REQUEST);
        return stored;
    }

    /** The requests of {@code caller}'s agency, sent or held, newest first (at most 500): no thread is read. */
    public List<InformationRequest> list(Caller caller) {
        requireAnalyst(caller);
        return book.of(caller.agency(), 500);
    }

    /** Request {@code id} with its thread, for an analyst of either party; audited as a consultation. */
    public InformationRequest read(Caller caller, String id) {
        InformationRequest request = visible(caller, id);
        audit.requestRead(caller, purposeOf(caller, request), id, other(caller, request));
        return request;
    }

    /** A holder's analyst takes request {@code id}. */
    public InformationRequest assign(Caller caller, String id) {
        InformationRequest request = visible(caller, id);
        InformationRequest after = step(() -> request.assign(caller.agency(), caller.subject(), clock.instant()));
        InformationRequest stored = store(after);
        audit.requestStep(caller, purposeOf(caller, request), id, "assigned", null, other(caller, request));
        return stored;
    }

    /**
     * A message of {@code step} from {@code caller} on request {@code id}. A release names the holder's notice that
     * its requester may now read: taken only if the version indexed now is the holder's, is what the request is about,
     * and is releasable to the requester's agency.
     */
    public InformationRequest message(Caller caller, String id, ThreadMessage.Step step, byte[] envelope, UUID releasedNotice) {
        InformationRequest request = visible(caller, id);
        if (step == null) {
            throw invalid("step: one of REPLY, ASK_BACK, FOLLOW_UP, REFUSAL, RELEASE");
        }
        long threadBytes = request.thread().stream().mapToLong(m -> m.envelope().length).sum();
        if (envelope != null && threadBytes + envelope.length > MAX_THREAD_BYTES) {
            throw new RequestRefused(Refusal.Kind.CONFLICT, "THREAD_FULL", "the thread holds " + threadBytes / 1024
                    + " KiB of messages, its most with this one would pass " + MAX_THREAD_BYTES / 1024 + " KiB: open a new request");
        }
        if (request.thread().size() >= limits.maxMessages()) {
            throw new RequestRefused(Refusal.Kind.CONFLICT, "THREAD_FULL", "the thread holds " + request.thread().size()
                    + " messages, its most: open a new request");
        }
        Instant now = clock.instant();
        UUID noticeId = null;
        if (step == ThreadMessage.Step.RELEASE) {
            noticeId = released(caller, request, releasedNotice);
        }
        byte[] sealed = checked(envelope, request.requesterAgency(), request.holderAgency(), now, other(caller, request));
        UUID released = noticeId;
        InformationRequest after = step(() -> {
            InformationRequest moved = request.message(caller.agency(), caller.subject(), step, sealed, now);
            return released == null ? moved : moved.releasing(released);
        });
        InformationRequest stored = store(after);
        audit.requestStep(caller, purposeOf(caller, request), id, step.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                noticeId, other(caller, request));
        notifications.tell(other(caller, request), RequestNotifications.Event.NEW_MESSAGE);
        return stored;
    }

    /**
     * The certificates a message between {@code caller}'s agency and {@code otherAgency} is encrypted to: both
     * agencies' current EC certificates, the other's first.
     */
    public List<X509Certificate> recipients(Caller caller, String otherAgency) {
        requireAnalyst(caller);
        if (otherAgency == null || trust.agency(otherAgency).isEmpty() || otherAgency.equals(caller.agency())) {
            throw new RequestRefused(Refusal.Kind.NOT_FOUND, "AGENCY_NOT_FOUND", "no other agency of this exchange has that code");
        }
        Instant now = clock.instant();
        List<X509Certificate> all = new ArrayList<>(current(otherAgency, now));
        all.addAll(current(caller.agency(), now));
        return all;
    }

    /**
     * One run of the expiry sweep: closes as expired each request still open past its expiry, audited once.
     *
     * @return how many were closed
     */
    public int expireDue() {
        Instant now = clock.instant();
        int expired = 0;
        for (InformationRequest due : book.due(now)) {
            try {
                store(due.expireIfDue(now));
            } catch (RequestRefused e) {
                continue; // a party's step reached the log first; the next run looks again
            } catch (RuntimeException e) {
                // One request the log does not take must not keep the others open past their expiry.
                LOG.warn("request {} could not be closed as expired and will be tried again: {}", due.id(), e.getMessage());
                continue;
            }
            audit.requestExpired(due.id(), due.requesterAgency(), due.holderAgency());
            notifications.tell(due.requesterAgency(), RequestNotifications.Event.EXPIRED);
            notifications.tell(due.holderAgency(), RequestNotifications.Event.EXPIRED);
            expired++;
        }
        return expired;
    }

    private UUID released(Caller caller, InformationRequest request, UUID releasedNotice) {
        if (releasedNotice == null) {
            throw invalid("a release names the notice released (noticeId): the new version that lists the requester");
        }
        if (request.side(caller.agency()) != InformationRequest.Side.HOLDER) {
            throw new RequestRefused(Refusal.Kind.FORBIDDEN, "NOT_HOLDER", "only the holder releases");
        }
        Notice notice = readable.apply(caller, releasedNotice).notice();
        Markings markings = notice.markings();
        boolean about = releasedNotice.equals(request.about().noticeId())
                || (request.about().noticeId() == null && request.about().holderCaseRef().equals(notice.caseRef()));
        if (!markings.originAgency().equals(request.holderAgency()) || !about) {
            throw new RequestRefused(Refusal.Kind.UNPROCESSABLE, "NOT_THE_REQUESTED_NOTICE",
                    "the notice released is not the holder's notice this request is about");
        }
        // Released means its requester's agency may now read it: named in releasableTo (a notice open to every agency
        // already was, and its pointer came from elsewhere), in a region the agency is registered for.
        if (!markings.releasableTo().contains(request.requesterAgency())) {
            throw new RequestRefused(Refusal.Kind.CONFLICT, "NOT_RELEASED_YET", "the notice's current version does not "
                    + "list " + request.requesterAgency() + " in releasableTo: publish a new version that does, then release");
        }
        boolean inItsRegions = trust.agency(request.requesterAgency()).map(a -> a.regions().contains(markings.region()))
                .orElse(false);
        if (!inItsRegions) {
            throw new RequestRefused(Refusal.Kind.CONFLICT, "NOT_IN_REQUESTER_REGIONS", "the notice is in region "
                    + markings.region() + ", which " + request.requesterAgency() + " is not registered for");
        }
        return notice.noticeId();
    }

    private byte[] checked(byte[] envelope, String requester, String holder, Instant now) {
        return checked(envelope, requester, holder, now, holder);
    }

    private byte[] checked(byte[] envelope, String requester, String holder, Instant now, String reader) {
        if (envelope == null || envelope.length == 0) {
            throw invalid("envelope: the message sealed for both agencies (CMS, DER, base64 in JSON)");
        }
        if (envelope.length > limits.maxMessageBytes()) {
            throw new RequestRefused(Refusal.Kind.TOO_LARGE, "MESSAGE_TOO_LARGE", "a message envelope is at most "
                    + limits.maxMessageBytes() + " bytes; this one is " + envelope.length);
        }
        List<X509Certificate> readers = current(reader, now);
        List<X509Certificate> allowed = new ArrayList<>(current(requester, now));
        allowed.addAll(current(holder, now));
        if (readers.isEmpty()) {
            throw new RequestRefused(Refusal.Kind.CONFLICT, "NO_RECIPIENT_CERTIFICATE",
                    "agency " + reader + " has no current certificate to encrypt the message to");
        }
        try {
            EnvelopeRecipients.requireOnly(envelope, allowed, readers);
        } catch (EnvelopeException e) {
            throw new RequestRefused(Refusal.Kind.UNPROCESSABLE, "MESSAGE_NOT_FOR_THE_PARTIES", "a message must be an "
                    + "envelope (AuthEnvelopedData) for the current certificates of " + requester + " and " + holder
                    + " only, " + reader + " among them: " + e.getMessage());
        }
        return envelope;
    }

    private List<X509Certificate> current(String agency, Instant now) {
        return AgencyCertificates.current(trust, agency, now);
    }

    private InformationRequest visible(Caller caller, String id) {
        requireAnalyst(caller);
        InformationRequest request = book.get(id == null ? "" : id).orElseThrow(RequestRefused::notFound);
        if (!policy.decideRequest(caller, request.requesterAgency(), request.holderAgency()).permitted()) {
            throw RequestRefused.notFound();
        }
        return request;
    }

    private void requireAnalyst(Caller caller) {
        if (!policy.decideRequest(caller, caller.agency(), null).permitted()) {
            throw new RequestRefused(Refusal.Kind.FORBIDDEN, "NOT_AN_ANALYST", "requests for information are for analysts of an agency");
        }
    }

    private InformationRequest step(java.util.function.Supplier<InformationRequest> step) {
        try {
            return step.get();
        } catch (RequestRefusedException e) {
            throw new RequestRefused(Refusal.Kind.CONFLICT, "STEP_REFUSED", e.getMessage());
        }
    }

    /** Appends {@code request} and waits until this instance holds it; another step logged first makes it a conflict. */
    private InformationRequest store(InformationRequest request) {
        long offset;
        try {
            offset = log.append(request);
        } catch (LogUnavailableException e) {
            throw new RequestLogUnavailable(e.getMessage(), e);
        }
        if (!readBack.awaitRead(offset, limits.readBackTimeout())) {
            throw new RequestLogUnavailable(RequestLog.TOPIC
                    + " took the step, but this instance did not read it back in time: read the request again", null);
        }
        if (!took.test(offset)) {
            throw new RequestRefused(Refusal.Kind.CONFLICT, "CHANGED_MEANWHILE",
                    "another step on this request was logged first: read it again, then decide");
        }
        // This step counted; a later one may already be read too, and the answer is this step's version.
        return request;
    }

    private static String other(Caller caller, InformationRequest request) {
        return request.side(caller.agency()) == InformationRequest.Side.REQUESTER ? request.holderAgency() : request.requesterAgency();
    }

    /** The requester's side consults for its case; the holder's for answering the request. */
    private static String purposeOf(Caller caller, InformationRequest request) {
        return request.side(caller.agency()) == InformationRequest.Side.REQUESTER ? request.purpose()
                : "request for information " + request.id();
    }

    /**
     * The match key of a hit's kind and value as a hit shows them ({@code KIND:value}; a person's birth date in brackets,
     * {@code PERSON:NAME (1979-06-30)}) or as keys are written ({@code PERSON:NAME|1979-06-30}).
     */
    static String matchKey(String shown) {
        java.util.regex.Matcher person = PERSON_SHOWN.matcher(shown.strip());
        return person.matches() ? person.group(1) + "|" + person.group(2) : shown.strip();
    }

    private static final java.util.regex.Pattern PERSON_SHOWN =
            java.util.regex.Pattern.compile("(PERSON:.+) \\((\\d{4}-\\d{2}-\\d{2})\\)");

    private static RequestRefused invalid(String message) {
        return new RequestRefused(Refusal.Kind.MALFORMED, "INVALID_REQUEST", message);
    }
}
