package eu.synergie.gateway.api;

import eu.synergie.gateway.approval.ReleaseApprovals;
import eu.synergie.gateway.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The author's side of four-eyes release: the notices the caller published that their agency holds, and where they stand. */
@Tag(name = "Approvals")
@RestController
class ReleaseController {

    private final ReleaseApprovals approvals;

    ReleaseController(ReleaseApprovals approvals) {
        this.approvals = approvals;
    }

    @Operation(summary = "My held notices", description = "The release requests of the notices the caller published "
            + "that their agency's release policy holds (and anything else the caller asked of their agency's approvers), "
            + "newest first, at most 200: pending, approved (released to the region), rejected or expired (held for good).")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "agency-feed")
    @ApiResponse(responseCode = "200", description = "The caller's requests")
    @GetMapping(path = "/api/v1/releases", produces = "application/json")
    List<ApprovalController.ApprovalView> mine(@AuthenticationPrincipal Jwt jwt) {
        return approvals.requestedBy(Callers.of(jwt)).stream().map(ApprovalController.ApprovalView::of).toList();
    }
}
