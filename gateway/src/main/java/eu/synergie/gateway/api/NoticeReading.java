package eu.synergie.gateway.api;

import eu.synergie.core.approval.Approval;
import eu.synergie.core.approval.ApprovalRequest;
import eu.synergie.core.policy.ReleaseRule;
import java.util.Optional;

import eu.synergie.core.index.FetchedNotice;
import eu.synergie.core.index.NoticeIndex;
import eu.synergie.core.index.NoticeProvenance;
import eu.synergie.core.index.NoticeQuery;
import eu.synergie.core.index.SearchResult;
import eu.synergie.core.intake.LogPosition;
import eu.synergie.core.intake.NoticeLog;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.gateway.audit.ConsultationAudit;
import eu.synergie.gateway.observability.ExchangeMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Every consultation of notices, for the API and the web UI alike: the purpose is required, the caller's
 * scope filters the query, a notice opened by id is checked again against the policy, and each
 * consultation is audited. One path, so the pages cannot read differently from the API.
 */
@Component
public class NoticeReading {

    private static final Logger LOG = LoggerFactory.getLogger(NoticeReading.class);

    private final NoticeIndex index;
    private final NoticeLog log;
    private final AccessPolicy policy;
    private final ConsultationAudit audit;
    private final ExchangeMetrics metrics;

    NoticeReading(NoticeIndex index, NoticeLog log, AccessPolicy policy, ConsultationAudit audit, ExchangeMetrics metrics) {
        this.index = index;
        this.log = log;
        this.policy = policy;
        this.audit = audit;
        this.metrics = metrics;
    }

    public SearchResult search(Caller analyst, String purpose, NoticeQuery query) {
        String why = requirePurpose(purpose);
        long start = metrics.start();
        SearchResult result;
        try {
            result = index.search(query, policy.scopeOf(analyst));
        } catch (RuntimeException e) {
            metrics.searched(start, e);
            throw e;
        }
        metrics.searched(start, null);
        audit.searched(analyst, why, query, result);
        return result;
    }

    /**
     * Opens one notice. The access rule is applied inside the lookup and checked again on the result; a
     * notice the caller may not see is not found, exactly like one that does not exist.
     */
    public FetchedNotice open(Caller analyst, String purpose, String id) {
        String why = requirePurpose(purpose);
        FetchedNotice fetched = readable(analyst, id);
        audit.opened(analyst, why, fetched.notice().noticeId());
        return fetched;
    }

    /**
     * The replies the caller may read to an asset-tracing request the caller may read (others' replies are not
     * there, exactly as if they had not been made); audited as a search returning them.
     */
    public java.util.List<FetchedNotice> replies(Caller analyst, String purpose, String id) {
        String why = requirePurpose(purpose);
        FetchedNotice request = readable(analyst, id);
        java.util.List<FetchedNotice> replies = index.replies(request.notice().noticeId(), policy.scopeOf(analyst), 100)
                .stream().filter(r -> policy.decide(analyst, r.notice().markings()).permitted()).toList();
        audit.listedReplies(analyst, why, request.notice().noticeId(),
                replies.stream().map(r -> r.notice().noticeId()).toList());
        return replies;
    }

    /** The envelope exactly as the originator sealed it, for independent verification. */
    public Envelope envelope(Caller analyst, String purpose, String id) {
        String why = requirePurpose(purpose);
        FetchedNotice fetched = readable(analyst, id);
        NoticeProvenance p = fetched.provenance();
        byte[] envelope = log.read(new LogPosition(p.topic(), p.partition(), p.offset()))
                .orElseThrow(() -> new NoticeNotFoundException("the log no longer holds this notice's envelope"));
        audit.envelopeDownloaded(analyst, why, fetched.notice().noticeId());
        return new Envelope(fetched.notice().noticeId(), envelope);
    }

    public record Envelope(UUID noticeId, byte[] bytes) {
    }

    /**
     * A notice its agency holds for release, read by one of the agency's release approvers to decide on
     * {@code requestId} (four-eyes release); audited as a consultation whose purpose is that decision. Anyone else, a
     * request of another kind or agency, and a notice no longer held are not found, alike.
     */
    public FetchedNotice openHeld(Caller approver, String requestId, Optional<Approval> request) {
        Approval approval = request.filter(a -> a.request().subject().kind() == ApprovalRequest.Subject.Kind.NOTICE_RELEASE)
                .filter(a -> a.request().agency().equals(approver.agency()))
                .orElseThrow(() -> new NoticeNotFoundException(null));
        UUID noticeId = noticeId(approval.request().subject().noticeId());
        // The version this request is about: a newer one held since has a request of its own.
        FetchedNotice fetched = index.fetchHeld(noticeId, approver.agency())
                .filter(f -> ReleaseRule.requestId(f.notice()).equals(approval.id()))
                .filter(f -> policy.decideHeld(approver, f.notice().markings()).permitted())
                .orElseThrow(() -> new NoticeNotFoundException(null));
        audit.opened(approver, "four-eyes release " + requestId, noticeId);
        return fetched;
    }

    FetchedNotice readable(Caller analyst, String id) {
        return readable(analyst, noticeId(id));
    }

    /**
     * Notice {@code noticeId} if {@code analyst} may read it, not audited: for a step that names a notice (a request for
     * information about it) and audits itself.
     *
     * @throws NoticeNotFoundException otherwise, exactly as for one that does not exist
     */
    public FetchedNotice readable(Caller analyst, UUID noticeId) {
        FetchedNotice fetched = index.fetch(noticeId, policy.scopeOf(analyst)).orElseThrow(() -> new NoticeNotFoundException(null));
        if (!policy.decide(analyst, fetched.notice().markings()).permitted()) {
            // The query filter and the policy disagree: refuse, and say so loudly (never to the caller).
            LOG.error("access filter returned notice {} that the policy denies to {}", noticeId, analyst.subject());
            throw new NoticeNotFoundException(null);
        }
        return fetched;
    }

    /** A notice id from a path; one that is not a UUID is not found, like any other notice the caller cannot have. */
    static UUID noticeId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NoticeNotFoundException(null);
        }
    }

    static String requirePurpose(String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw new MissingPurposeException();
        }
        return purpose.strip();
    }
}
