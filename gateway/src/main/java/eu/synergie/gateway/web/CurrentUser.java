package eu.synergie.gateway.web;

import eu.synergie.core.policy.Caller;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Who is logged in, for every page's header and navigation, and how many requests for information wait on them. */
@ControllerAdvice(basePackageClasses = CurrentUser.class)
class CurrentUser {

    private final eu.synergie.gateway.rfi.InformationRequests requests;
    private final java.time.Clock clock;

    CurrentUser(eu.synergie.gateway.rfi.InformationRequests requests, java.time.Clock clock) {
        this.requests = requests;
        this.clock = clock;
    }

    /**
     * The requests of the analyst's agency whose turn it is (received and not answered, or answered to it) or that are
     * overdue: the count beside the navigation's link. None for anyone else.
     */
    @ModelAttribute("waitingRequests")
    long waitingRequests(@AuthenticationPrincipal WebUser user) {
        if (user == null || !user.caller().has(eu.synergie.core.policy.Role.ANALYST) || user.caller().agency() == null) {
            return 0;
        }
        java.time.Instant now = clock.instant();
        String agency = user.caller().agency();
        return requests.list(user.caller()).stream().filter(r -> r.overdue(now) || switch (r.status()) {
            case OPEN, IN_PROGRESS -> r.side(agency) == eu.synergie.core.rfi.InformationRequest.Side.HOLDER;
            case ANSWERED -> r.side(agency) == eu.synergie.core.rfi.InformationRequest.Side.REQUESTER;
            default -> false;
        }).count();
    }

    @ModelAttribute("me")
    Caller me(@AuthenticationPrincipal WebUser user) {
        return user == null ? null : user.caller();
    }
}
