package eu.synergie.gateway.api;

import eu.synergie.core.index.FetchedNotice;
import eu.synergie.core.index.NoticeIndex;
import eu.synergie.core.index.NoticeProvenance;
import eu.synergie.core.index.NoticeQuery;
import eu.synergie.core.index.SearchResult;
import eu.synergie.core.intake.LogPosition;
import eu.synergie.core.intake.NoticeIntake;
import eu.synergie.core.intake.NoticeLog;
import eu.synergie.core.intake.Published;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.gateway.audit.ConsultationAudit;
import eu.synergie.gateway.security.Callers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;

/** Publishing sealed notices and searching them. */
@RestController
@RequestMapping("/api/v1/notices")
class NoticeController {

    static final String PKCS7_MIME = "application/pkcs7-mime";

    private static final Logger LOG = LoggerFactory.getLogger(NoticeController.class);

    private final NoticeIntake intake;
    private final NoticeLog log;
    private final NoticeIndex index;
    private final AccessPolicy policy;
    private final ConsultationAudit audit;

    NoticeController(NoticeIntake intake, NoticeLog log, NoticeIndex index, AccessPolicy policy, ConsultationAudit audit) {
        this.intake = intake;
        this.log = log;
        this.index = index;
        this.policy = policy;
        this.audit = audit;
    }

    /**
     * Accepts one sealed notice (CMS, DER) and answers 202 once the log has it: indexing follows
     * asynchronously.
     */
    @PostMapping(consumes = {PKCS7_MIME, "application/octet-stream"})
    ResponseEntity<PublishedResponse> publish(@AuthenticationPrincipal Jwt jwt, @RequestBody byte[] envelope) {
        Caller feed = Callers.of(jwt);
        Published published = intake.publish(feed, envelope);
        audit.published(feed, published);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/notices/" + published.noticeId()))
                .body(PublishedResponse.of(published));
    }

    /**
     * Opens one notice. The access rule is applied inside the lookup and checked again on the result; a
     * notice the caller may not see answers 404 exactly like one that does not exist.
     */
    @GetMapping(path = "/{id}", produces = "application/json")
    NoticeView open(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
                    @RequestParam(name = "purpose", required = false) String purpose) {
        Caller analyst = Callers.of(jwt);
        FetchedNotice fetched = readable(analyst, id, purpose);
        audit.opened(analyst, purpose.strip(), fetched.notice().noticeId());
        return NoticeView.of(fetched);
    }

    /** The envelope exactly as the originator sealed it, for independent verification (e.g. with OpenSSL). */
    @GetMapping(path = "/{id}/envelope", produces = PKCS7_MIME)
    ResponseEntity<byte[]> envelope(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
                                    @RequestParam(name = "purpose", required = false) String purpose) {
        Caller analyst = Callers.of(jwt);
        FetchedNotice fetched = readable(analyst, id, purpose);
        NoticeProvenance p = fetched.provenance();
        byte[] envelope = log.read(new LogPosition(p.topic(), p.partition(), p.offset()))
                .orElseThrow(() -> new NoticeNotFoundException("the log no longer holds this notice's envelope"));
        audit.envelopeDownloaded(analyst, purpose.strip(), fetched.notice().noticeId());
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"" + fetched.notice().noticeId() + ".p7m\"")
                .contentType(MediaType.parseMediaType(PKCS7_MIME)).body(envelope);
    }

    private FetchedNotice readable(Caller analyst, String id, String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw new MissingPurposeException();
        }
        UUID noticeId;
        try {
            noticeId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NoticeNotFoundException(null);
        }
        FetchedNotice fetched = index.fetch(noticeId, policy.scopeOf(analyst)).orElseThrow(() -> new NoticeNotFoundException(null));
        if (!policy.decide(analyst, fetched.notice().markings()).permitted()) {
            // The query filter and the policy disagree: refuse, and say so loudly (never to the caller).
            LOG.error("access filter returned notice {} that the policy denies to {}", noticeId, analyst.subject());
            throw new NoticeNotFoundException(null);
        }
        return fetched;
    }

    /** Searches the notices the caller may read. {@code purpose} (a case reference) is required and audited. */
    @GetMapping(produces = "application/json")
    SearchResponse search(@AuthenticationPrincipal Jwt jwt, @RequestParam(name = "q", defaultValue = "") String text,
                          @RequestParam(name = "purpose", required = false) String purpose,
                          @RequestParam(name = "size", defaultValue = "20") int size) {
        if (purpose == null || purpose.isBlank()) {
            throw new MissingPurposeException();
        }
        Caller analyst = Callers.of(jwt);
        NoticeQuery query;
        try {
            query = new NoticeQuery(text, size);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(e.getMessage());
        }
        SearchResult result = index.search(query, policy.scopeOf(analyst));
        audit.searched(analyst, purpose.strip(), query, result);
        return SearchResponse.of(result);
    }
}
