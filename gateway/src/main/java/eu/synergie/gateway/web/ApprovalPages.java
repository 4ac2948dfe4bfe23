package eu.synergie.gateway.web;

import eu.synergie.gateway.api.NoticeReading;
import eu.synergie.gateway.api.NoticeView;

import eu.synergie.gateway.approval.ReleaseApprovals;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The four-eyes queue of the approver's agency (role {@code release-approver}): what waits, with what the approvers
 * decide on (for a reveal: the pseudonym, the requester's purpose, legal basis and reason), and the two decisions.
 * The same rules and audit as {@code /api/v1/approvals}: {@link ReleaseApprovals} is the one place.
 */
@Controller
class ApprovalPages {

    private final ReleaseApprovals approvals;
    private final NoticeReading reading;

    ApprovalPages(ReleaseApprovals approvals, NoticeReading reading) {
        this.approvals = approvals;
        this.reading = reading;
    }

    /** A held notice, for its approvers to read before they decide (audited as the API's {@code /notice} is). */
    @GetMapping("/ui/approvals/{id}/notice")
    String heldNotice(@AuthenticationPrincipal WebUser user, @PathVariable String id, Model model) {
        var request = approvals.state(id);
        model.addAttribute("n", NoticeView.of(reading.openHeld(user.caller(), id, request)));
        model.addAttribute("held", request.orElseThrow());
        model.addAttribute("agency", user.caller().agency());
        return "notice";
    }

    @GetMapping("/ui/approvals")
    String queue(@AuthenticationPrincipal WebUser user, Model model) {
        model.addAttribute("approvals", approvals.pending(user.caller()));
        return "approvals";
    }

    @PostMapping("/ui/approvals/{id}/approval")
    String approve(@AuthenticationPrincipal WebUser user, @PathVariable String id) {
        String status = approvals.approve(id, user.caller()).status().name();
        return "redirect:/ui/approvals?done=" + status;
    }

    @PostMapping("/ui/approvals/{id}/rejection")
    String reject(@AuthenticationPrincipal WebUser user, @PathVariable String id) {
        approvals.reject(id, user.caller());
        return "redirect:/ui/approvals?done=REJECTED";
    }
}
