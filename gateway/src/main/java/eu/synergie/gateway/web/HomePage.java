package eu.synergie.gateway.web;

import eu.synergie.core.policy.Role;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Sends each person to the page of their role. */
@Controller
class HomePage {

    @GetMapping("/")
    String home(@AuthenticationPrincipal WebUser user) {
        if (user.caller().has(Role.ANALYST)) {
            return "redirect:/ui/search";
        }
        if (user.caller().has(Role.TRUST_ADMIN)) {
            return "redirect:/ui/trust";
        }
        if (user.caller().has(Role.AUDITOR)) {
            return "redirect:/ui/audit";
        }
        if (user.caller().has(Role.RELEASE_APPROVER)) {
            return "redirect:/ui/approvals";
        }
        if (user.caller().has(Role.PARTNER_REPORTER)) {
            return "redirect:/ui/reports";
        }
        return "no-role";
    }
}
