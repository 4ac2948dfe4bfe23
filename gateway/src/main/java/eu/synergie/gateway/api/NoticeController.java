package eu.synergie.gateway.api;

import eu.synergie.core.intake.NoticeIntake;
import eu.synergie.core.intake.Published;
import eu.synergie.core.policy.Caller;
import eu.synergie.gateway.audit.ConsultationAudit;
import eu.synergie.gateway.observability.ExchangeMetrics;
import eu.synergie.gateway.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
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
@Tag(name = "Notices", description = "Publishing sealed notices, searching and opening them")
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
    @Operation(summary = "Publish one sealed notice",
            description = "The body is the CMS envelope (DER) the agency sealed: SignedData inside AuthEnvelopedData, "
                    + "encrypted to the region's recipient certificate. The signer must be the caller's agency.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = PKCS7_MIME, schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string", format = "binary"))}))
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "agency-feed")
    @ApiResponse(responseCode = "202", description = "Appended to the region's log; indexing follows")
    @ApiResponse(responseCode = "400", description = "Not a well-formed envelope (reason in `reason`)")
    @ApiResponse(responseCode = "403", description = "The caller lacks the role, or its agency may not publish this "
            + "notice (another agency's identity, a region it is not a member of, a revoked certificate)")
    @ApiResponse(responseCode = "422", description = "A valid envelope whose notice cannot be accepted (unknown region, invalid notice)")
    @ApiResponse(responseCode = "503", description = "The notice log or the trust registry is unavailable; nothing was accepted")
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

    /**
     * Opens one notice. The access rule is applied inside the lookup and checked again on the result; a
     * notice the caller may not see answers 404 exactly like one that does not exist.
     */
    @Operation(summary = "Open one notice", description = "Content, markings, entities and provenance (who signed it, "
            + "with which certificate). A notice the caller may not read answers exactly like one that does not exist.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "analyst")
    @ApiResponse(responseCode = "200", description = "The notice")
    @ApiResponse(responseCode = "400", description = "No purpose given")
    @ApiResponse(responseCode = "404", description = "No notice with this id is available to the caller")
    @GetMapping(path = "/{id}", produces = "application/json")
    NoticeView open(@AuthenticationPrincipal Jwt jwt, @Parameter(description = "The notice id (UUID)") @PathVariable String id,
                    @Parameter(description = "The case reference this consultation is for; required and audited",
                            required = true, example = "PJ-MRS-2026-0412") @RequestParam(name = "purpose", required = false) String purpose) {
        return NoticeView.of(reading.open(Callers.of(jwt), purpose, id));
    }

    /** The replies to an asset-tracing request that the caller may read. */
    @Operation(summary = "The replies to an asset-tracing request",
            description = "The notices that reply to this request (their `replyTo` is its id) and that the caller may read: "
                    + "a reply released to other agencies only is not listed, as if it had not been made. Oldest first.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "analyst")
    @ApiResponse(responseCode = "200", description = "The replies, opened")
    @ApiResponse(responseCode = "400", description = "No purpose given")
    @ApiResponse(responseCode = "404", description = "No notice with this id is available to the caller")
    @GetMapping(path = "/{id}/replies", produces = "application/json")
    java.util.List<NoticeView> replies(@AuthenticationPrincipal Jwt jwt, @Parameter(description = "The request's notice id (UUID)") @PathVariable String id,
                                       @Parameter(description = "The case reference this consultation is for; required and audited",
                                               required = true, example = "OCRGDF-2026-0412") @RequestParam(name = "purpose", required = false) String purpose) {
        return reading.replies(Callers.of(jwt), purpose, id).stream().map(NoticeView::of).toList();
    }

    /** The envelope exactly as the originator sealed it, for independent verification (e.g. with OpenSSL). */
    @Operation(summary = "Download a notice's original envelope",
            description = "The CMS envelope exactly as the originator sealed it, for verification with any CMS tool.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "analyst")
    @ApiResponse(responseCode = "200", description = "The envelope (DER)",
            content = @Content(mediaType = PKCS7_MIME, schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "400", description = "No purpose given")
    @ApiResponse(responseCode = "404", description = "No notice with this id is available to the caller")
    @GetMapping(path = "/{id}/envelope", produces = PKCS7_MIME)
    ResponseEntity<byte[]> envelope(@AuthenticationPrincipal Jwt jwt, @Parameter(description = "The notice id (UUID)") @PathVariable String id,
                                    @Parameter(description = "The case reference this consultation is for; required and audited",
                            required = true, example = "PJ-MRS-2026-0412") @RequestParam(name = "purpose", required = false) String purpose) {
        NoticeReading.Envelope envelope = reading.envelope(Callers.of(jwt), purpose, id);
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"" + envelope.noticeId() + ".p7m\"")
                .contentType(MediaType.parseMediaType(PKCS7_MIME)).body(envelope.bytes());
    }

    /**
     * Searches the notices the caller may read: free text, filters, sort, facets, highlights and cursor
     * paging (see {@link SearchParameters}). {@code purpose} (a case reference) is required and audited.
     */
    @Operation(summary = "Search notices", description = "Search over the notices the caller may read (region, clearance "
            + "and releasability are applied inside the query, facets included). Free text in the simple syntax "
            + "(\"phrase\", +must, -not, prefix*), folded for case and accents; filters narrow; `cursor` pages on from "
            + "the previous page's `nextCursor`, beyond 10,000 hits.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "analyst")
    @ApiResponse(responseCode = "200", description = "A page of hits with their markings, highlights, facets and next cursor")
    @ApiResponse(responseCode = "400", description = "No purpose given, a parameter that does not parse, or a cursor of another query")
    @ApiResponse(responseCode = "503", description = "Search is unavailable")
    @GetMapping(produces = "application/json")
    SearchResponse search(@AuthenticationPrincipal Jwt jwt, @Parameter(description = "The case reference this consultation is for; required and audited",
                            required = true, example = "PJ-MRS-2026-0412") @RequestParam(name = "purpose", required = false) String purpose,
                          @ParameterObject SearchParameters parameters) {
        return SearchResponse.of(reading.search(Callers.of(jwt), purpose, parameters.toQuery()));
    }
}
