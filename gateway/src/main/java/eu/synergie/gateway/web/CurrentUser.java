package eu.synergie.gateway.web;

import eu.synergie.core.policy.Caller;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Who is logged in, for every page's header and navigation. */
@ControllerAdvice(basePackageClasses = CurrentUser.class)
class CurrentUser {

    @ModelAttribute("me")
    Caller me(@AuthenticationPrincipal WebUser user) {
        return user == null ? null : user.caller();
    }
}
