package eu.synergie.gateway.api;

import eu.synergie.core.intake.NoticeIntake;
import eu.synergie.core.intake.Published;
import eu.synergie.core.policy.Caller;
import eu.synergie.gateway.audit.ConsultationAudit;
import eu.synergie.gateway.observability.ExchangeMetrics;
import eu.synergie.gateway.security.Callers;
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

/** Publishing sealed notices and searching them. */
@RestController
@RequestMapping("/api/v1/notices")
class NoticeController {

    static final String PKCS7_MIME = "application/pkcs7-mime";

    private final NoticeIntake intake;
    private final NoticeReading reading;
    private final ConsultationAudit audit;
    private final ExchangeMetrics metrics;

    NoticeController(NoticeIntake intake, NoticeReading reading, ConsultationAudit audit, ExchangeMetrics metrics) {
        this.intake = intake;
        this.reading = reading;
        this.audit = audit;
        this.metrics = metrics;
    }

    /**
     * Accepts one sealed notice (CMS, DER) and answers 202 once the log has it: indexing follows
     * asynchronously.
     */
    @PostMapping(consumes = {PKCS7_MIME, "application/octet-stream"})
    ResponseEntity<PublishedResponse> publish(@AuthenticationPrincipal Jwt jwt, @RequestBody byte[] envelope) {
        Caller feed = Callers.of(jwt);
        long start = metrics.start();
        Published published;
        try {
            published = intake.publish(feed, envelope);
        } catch (RuntimeException e) {
            metrics.published(start, e);
            throw e;
        }
        metrics.published(start, null);
        audit.published(feed, published);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/notices/" + published.noticeId()))
                .body(PublishedResponse.of(published));
    }

    /** Opens one notice; one the caller may not see answers 404 exactly like one that does not exist. */
    @GetMapping(path = "/{id}", produces = "application/json")
    NoticeView open(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
                    @RequestParam(name = "purpose", required = false) String purpose) {
        return NoticeView.of(reading.open(Callers.of(jwt), purpose, id));
    }

    /** The envelope exactly as the originator sealed it, for independent verification (e.g. with OpenSSL). */
    @GetMapping(path = "/{id}/envelope", produces = PKCS7_MIME)
    ResponseEntity<byte[]> envelope(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
                                    @RequestParam(name = "purpose", required = false) String purpose) {
        NoticeReading.Envelope envelope = reading.envelope(Callers.of(jwt), purpose, id);
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"" + envelope.noticeId() + ".p7m\"")
                .contentType(MediaType.parseMediaType(PKCS7_MIME)).body(envelope.bytes());
    }

    /**
     * Searches the notices the caller may read: free text, filters, sort, facets, highlights and cursor
     * paging (see {@link SearchParameters}). {@code purpose} (a case reference) is required and audited.
     */
    @GetMapping(produces = "application/json")
    SearchResponse search(@AuthenticationPrincipal Jwt jwt, @RequestParam(name = "purpose", required = false) String purpose,
                          SearchParameters parameters) {
        return SearchResponse.of(reading.search(Callers.of(jwt), purpose, parameters.toQuery()));
    }
}
