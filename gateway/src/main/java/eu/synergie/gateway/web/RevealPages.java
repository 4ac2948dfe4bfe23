package eu.synergie.gateway.web;

import eu.synergie.core.approval.Approval;
import eu.synergie.gateway.api.PersonReveals;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The notice page's reveal form: an analyst asks the originating agency who a protected person is, for the session's
 * purpose, as {@code POST /api/v1/notices/{id}/protected/{pseudonym}/reveal} does (same checks, same audit).
 */
@Controller
class RevealPages {

    private final PersonReveals reveals;

    RevealPages(PersonReveals reveals) {
        this.reveals = reveals;
    }

    @PostMapping("/ui/notices/{id}/protected/{pseudonym}/reveal")
    String request(@AuthenticationPrincipal WebUser user, @PathVariable String id, @PathVariable String pseudonym,
                   @RequestParam(defaultValue = "") String legalBasis, @RequestParam(defaultValue = "") String reason,
                   HttpSession session) {
        Approval asked = reveals.request(user.caller(), (String) session.getAttribute(AnalystPages.PURPOSE), id, pseudonym,
                legalBasis, reason).approval();
        return "redirect:" + UriComponentsBuilder.fromPath("/ui/notices/{id}").queryParam("reveal", asked.id())
                .buildAndExpand(id).encode().toUriString();
    }
}
