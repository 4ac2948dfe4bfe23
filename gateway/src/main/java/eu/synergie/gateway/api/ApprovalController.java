package eu.synergie.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.synergie.core.approval.Approval;
import eu.synergie.core.approval.ApprovalRequest;
import eu.synergie.gateway.approval.ReleaseApprovals;
import eu.synergie.gateway.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * The four-eyes queue of the caller's agency (role {@code release-approver}): what waits for approval, and the
 * approvals and rejections of its approvers. Another agency's request answers exactly as one that does not exist.
 * Every decision, refused ones included, is audited before the answer.
 */
@Tag(name = "Approvals", description = "Four-eyes approvals of the caller's agency: releases and pointer disclosures "
        + "that wait for its approvers (role release-approver)")
@RestController
@RequestMapping(path = "/api/v1/approvals", produces = "application/json")
class ApprovalController {

    private final ReleaseApprovals approvals;
    private final NoticeReading reading;

    ApprovalController(ReleaseApprovals approvals, NoticeReading reading) {
        this.approvals = approvals;
        this.reading = reading;
    }

    /**
     * @param kind              {@code NOTICE_RELEASE}, {@code POINTER_DISCLOSURE} or {@code PERSON_REVEAL}
     * @param noticeId          the notice held, or pointed to
     * @param recipient         who would receive it: a region, or a peer exchange's agency
     * @param approvalsRequired how many different approvers must approve (never the requester)
     * @param approvedBy        who approved so far, in order
     * @param status            {@code PENDING}, {@code APPROVED}, {@code REJECTED} or {@code EXPIRED}
     * @param closedAt          when it stopped being pending
     * @param item              a reveal's protected person (the pseudonym)
     * @param justification     a reveal's purpose, legal basis and reason, for the approvers to decide on
     * @param answeredAt        when the agency answered an approved reveal
     */
    record ApprovalView(String id, String kind, String noticeId, String recipient, String agency, String requestedBy,
                        int approvalsRequired, List<String> approvedBy, String status, String rejectedBy,
                        Instant createdAt, Instant expiresAt, Instant closedAt,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String item,
                        @JsonInclude(JsonInclude.Include.NON_NULL) ApprovalRequest.Justification justification,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Instant answeredAt) {

        static ApprovalView of(Approval a) {
            var r = a.request();
            return new ApprovalView(r.id(), r.subject().kind().name(), r.subject().noticeId(), r.subject().recipient(),
                    r.agency(), r.requestedBy(), r.approvalsRequired(), a.approvedBy(), a.status().name(), a.rejectedBy(),
                    r.createdAt(), r.expiresAt(), a.closedAt(), r.subject().item(), r.justification(),
                    a.answer() == null ? null : a.answer().at());
        }
    }

    @Operation(summary = "The approval queue", description = "The requests of the caller's agency still pending, oldest first.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "release-approver")
    @ApiResponse(responseCode = "200", description = "The pending requests")
    @GetMapping
    List<ApprovalView> pending(@AuthenticationPrincipal Jwt jwt) {
        return approvals.pending(Callers.of(jwt)).stream().map(ApprovalView::of).toList();
    }

    @Operation(summary = "One approval request", description = "As it stands: pending, approved, rejected or expired.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "release-approver")
    @ApiResponse(responseCode = "200", description = "The request")
    @ApiResponse(responseCode = "404", description = "No request of the caller's agency with this id (APPROVAL_NOT_FOUND)")
    @GetMapping("/{id}")
    ApprovalView get(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return ApprovalView.of(approvals.get(id, Callers.of(jwt)));
    }

    @Operation(summary = "Approve a request", description = "The caller's approval, counted once per person; the "
            + "request is approved when as many different approvers as it requires have approved. Answered once the "
            + "approval is in the log.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "release-approver")
    @ApiResponse(responseCode = "200", description = "The request after the approval: still PENDING, or APPROVED")
    @ApiResponse(responseCode = "403", description = "The token lacks the role release-approver, or the caller made the "
            + "request (SELF_APPROVAL)")
    @ApiResponse(responseCode = "404", description = "No request of the caller's agency with this id (APPROVAL_NOT_FOUND)")
    @ApiResponse(responseCode = "409", description = "The caller approved it already (ALREADY_APPROVED), it was "
            + "decided (APPROVAL_ALREADY_DECIDED) or it expired (APPROVAL_EXPIRED)")
    @ApiResponse(responseCode = "503", description = "The approvals or audit log is unavailable; retry")
    @PostMapping("/{id}/approval")
    ApprovalView approve(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return ApprovalView.of(approvals.approve(id, Callers.of(jwt)));
    }

    @Operation(summary = "Reject a request", description = "Ends it: what it held is never released. Answered once the "
            + "rejection is in the log.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "release-approver")
    @ApiResponse(responseCode = "200", description = "The request after the rejection: REJECTED")
    @ApiResponse(responseCode = "404", description = "No request of the caller's agency with this id (APPROVAL_NOT_FOUND)")
    @ApiResponse(responseCode = "409", description = "It was decided (APPROVAL_ALREADY_DECIDED) or it expired (APPROVAL_EXPIRED)")
    @ApiResponse(responseCode = "503", description = "The approvals or audit log is unavailable; retry")
    @PostMapping("/{id}/rejection")
    ApprovalView reject(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return ApprovalView.of(approvals.reject(id, Callers.of(jwt)));
    }

    @Operation(summary = "The notice a release waits on", description = "The notice its agency holds until one of its "
            + "release approvers approves the request (kind NOTICE_RELEASE): for the approvers to read before they decide. "
            + "Audited as a consultation whose purpose is the decision. Nobody else reads a held notice, its author and "
            + "the agency's analysts included, and no search, hit, watchlist, TAXII collection or peer finds it.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "release-approver")
    @ApiResponse(responseCode = "200", description = "The held notice")
    @ApiResponse(responseCode = "404", description = "No release request of the caller's agency with this id, or its "
            + "notice is no longer held (NOTICE_NOT_FOUND)")
    @GetMapping("/{id}/notice")
    NoticeView heldNotice(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return NoticeView.of(reading.openHeld(Callers.of(jwt), id, approvals.state(id)));
    }
}
