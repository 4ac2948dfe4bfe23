package eu.synergie.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.synergie.core.approval.Approval;
import eu.synergie.core.approval.ApprovalRequest;
import eu.synergie.core.policy.Caller;
import eu.synergie.crypto.pki.Pem;
import eu.synergie.gateway.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Reveal requests for protected persons: asked by an analyst of another agency, decided by two release approvers of
 * the originating agency (in its approval queue, {@code /api/v1/approvals}), answered by the agency's own tool with an
 * envelope only the requester's agency can open, fetched by the requester. A reveal is neither the requester's nor
 * the owner's for anyone else: they are answered as for an id that does not exist.
 */
@Tag(name = "Reveals", description = "Who a protected person is: asked by another agency's analyst, decided by two "
        + "approvers of the originating agency, answered end to end encrypted")
@RestController
class RevealController {

    static final String PKCS7_MIME = "application/pkcs7-mime";

    private final PersonReveals reveals;

    RevealController(PersonReveals reveals) {
        this.reveals = reveals;
    }

    /** What the requester gives besides the purpose: the law that allows the request, and why. */
    record RevealAsk(@Schema(example = "Code de procédure pénale, art. 706-58 ; décision-cadre 2006/960/JAI") String legalBasis,
                     @Schema(example = "The witness also appears in our investigation PJ-MRS-2026-0412.") String reason) {
    }

    /**
     * A reveal request as its requester or its owning agency sees it.
     *
     * @param approvals             how many different approvers of the owning agency approved so far
     * @param answeredAt            when the owning agency answered, or null
     * @param recipientCertificates for the owning agency only: the requester's agency's current certificates (PEM), to
     *                              encrypt the answer to, and only to
     */
    record RevealView(String id, String noticeId, String pseudonym, String ownerAgency, String requesterAgency,
                      String requestedBy, String purpose, String legalBasis, String reason, String status, int approvals,
                      int approvalsRequired, Instant createdAt, Instant expiresAt, Instant closedAt, Instant answeredAt,
                      @JsonInclude(JsonInclude.Include.NON_NULL) List<String> recipientCertificates) {

        static RevealView of(Approval a, List<String> recipientCertificates) {
            ApprovalRequest r = a.request();
            return new RevealView(r.id(), r.subject().noticeId(), r.subject().item(), r.agency(), r.subject().recipient(),
                    r.requestedBy(), r.justification().purpose(), r.justification().legalBasis(), r.justification().reason(),
                    a.status().name(), a.approvedBy().size(), r.approvalsRequired(), r.createdAt(), r.expiresAt(),
                    a.closedAt(), a.answer() == null ? null : a.answer().at(), recipientCertificates);
        }
    }

    @Operation(summary = "Ask who a protected person is", description = "For a protected person (victim, witness, "
            + "whistle-blower, informant) of a notice the caller may read, of another agency: a request to that agency, "
            + "which two of its release approvers decide. Asking again about the same person of the same notice while "
            + "the request waits answers that request (200); once it is closed, a new one. Audited on both sides.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "analyst")
    @ApiResponse(responseCode = "201", description = "The request, pending")
    @ApiResponse(responseCode = "200", description = "The caller's same request, still pending")
    @ApiResponse(responseCode = "400", description = "No purpose, legal basis or reason")
    @ApiResponse(responseCode = "404", description = "No such notice available to the caller, or no such protected person in it")
    @ApiResponse(responseCode = "409", description = "The person is protected by the caller's own agency (OWN_AGENCY), "
            + "or the notice is a peer exchange's (FEDERATED_NOTICE)")
    @PostMapping(path = "/api/v1/notices/{id}/protected/{pseudonym}/reveal", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RevealView> request(@AuthenticationPrincipal Jwt jwt,
                                       @Parameter(description = "The notice id (UUID)") @PathVariable String id,
                                       @Parameter(description = "The protected person's pseudonym, as the notice shows it",
                                               example = "W-3f9a0c1b2d4e5f60718293a4") @PathVariable String pseudonym,
                                       @Parameter(description = "The case reference this request is for; required and audited",
                                               required = true, example = "PJ-MRS-2026-0412")
                                       @RequestParam(name = "purpose", required = false) String purpose,
                                       @RequestBody RevealAsk ask) {
        PersonReveals.Asked asked = reveals.request(Callers.of(jwt), purpose, id, pseudonym,
                ask == null ? null : ask.legalBasis(), ask == null ? null : ask.reason());
        RevealView view = RevealView.of(asked.approval(), null);
        return asked.made() ? ResponseEntity.created(URI.create("/api/v1/reveals/" + asked.approval().id())).body(view)
                : ResponseEntity.ok(view);
    }

    @Operation(summary = "A reveal request", description = "As it stands, for its requester or the owning agency (which "
            + "also gets the certificates to encrypt its answer to).")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = {"analyst", "agency-feed", "release-approver"})
    @ApiResponse(responseCode = "200", description = "The request")
    @ApiResponse(responseCode = "404", description = "No reveal request of the caller (REVEAL_NOT_FOUND)")
    @GetMapping(path = "/api/v1/reveals/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    RevealView get(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        Caller caller = Callers.of(jwt);
        Approval approval = reveals.get(caller, id);
        return RevealView.of(approval, PersonReveals.isOwner(caller, approval)
                ? reveals.answerRecipients(approval).stream().map(c -> Pem.certificates(List.of(c))).toList() : null);
    }

    @Operation(summary = "Answer an approved reveal request", description = "The owning agency's answer: a CMS "
            + "AuthEnvelopedData signed by the agency and encrypted to the requester's agency's current certificates "
            + "only (the exchange checks its recipients and cannot open it). Kept, never indexed; the first answer counts.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = {"agency-feed", "release-approver"})
    @ApiResponse(responseCode = "200", description = "The request, answered")
    @ApiResponse(responseCode = "404", description = "No reveal request of the caller's agency (REVEAL_NOT_FOUND)")
    @ApiResponse(responseCode = "409", description = "Not approved by two approvers (REVEAL_NOT_APPROVED), or answered "
            + "already (REVEAL_ALREADY_ANSWERED)")
    @ApiResponse(responseCode = "422", description = "Not an envelope for the requester's agency only (ANSWER_NOT_FOR_REQUESTER_ONLY)")
    @PostMapping(path = "/api/v1/reveals/{id}/answer", consumes = {PKCS7_MIME, "application/octet-stream"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    RevealView answer(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestBody byte[] envelope) {
        return RevealView.of(reveals.answer(Callers.of(jwt), id, envelope), null);
    }

    @Operation(summary = "The answer to one's reveal request", description = "The owning agency's envelope, for the "
            + "requester only (their agency's key opens it: synergie reveal open). Audited.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "analyst")
    @ApiResponse(responseCode = "200", description = "The envelope (DER)",
            content = @Content(mediaType = PKCS7_MIME, schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "404", description = "No reveal request of the caller (REVEAL_NOT_FOUND), or not answered "
            + "yet (REVEAL_NOT_ANSWERED)")
    @GetMapping(path = "/api/v1/reveals/{id}/answer", produces = PKCS7_MIME)
    ResponseEntity<byte[]> readAnswer(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        byte[] envelope = reveals.readAnswer(Callers.of(jwt), id);
        return ResponseEntity.ok().header("Content-Disposition", "attachment; filename=\"reveal-answer.p7m\"")
                .contentType(MediaType.parseMediaType(PKCS7_MIME)).body(envelope);
    }
}
