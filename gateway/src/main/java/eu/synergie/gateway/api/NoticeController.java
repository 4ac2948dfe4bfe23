package eu.synergie.gateway.api;

import eu.synergie.core.index.NoticeIndex;
import eu.synergie.core.index.NoticeQuery;
import eu.synergie.core.index.SearchResult;
import eu.synergie.core.intake.NoticeIntake;
import eu.synergie.core.intake.Published;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.gateway.audit.ConsultationAudit;
import eu.synergie.gateway.security.Callers;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** Publishing sealed notices and searching them. */
@RestController
@RequestMapping("/api/v1/notices")
class NoticeController {

    static final String PKCS7_MIME = "application/pkcs7-mime";

    private final NoticeIntake intake;
    private final NoticeIndex index;
    private final AccessPolicy policy;
    private final ConsultationAudit audit;

    NoticeController(NoticeIntake intake, NoticeIndex index, AccessPolicy policy, ConsultationAudit audit) {
        this.intake = intake;
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
