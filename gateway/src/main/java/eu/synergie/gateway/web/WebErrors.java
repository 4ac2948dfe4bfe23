package eu.synergie.gateway.web;

import eu.synergie.core.ExchangeException;
import eu.synergie.core.trust.TrustException;
import eu.synergie.gateway.access.AccessException;
import eu.synergie.gateway.api.Problems;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Errors on pages as a readable message in the reader's language: the status and reason as
 * {@link Problems} answers them for the API, a message key and, for input the reader can fix, our own
 * message. Never a stack trace or a class name; an unexpected fault shows the correlation id it was logged
 * under. Ahead of the API's problem details, which answer the same exceptions for the API's controllers.
 */
@ControllerAdvice(basePackageClasses = WebErrors.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class WebErrors {

    @ExceptionHandler({ExchangeException.class, AccessException.class})
    String refusedOrUnavailable(RuntimeException e, HttpServletResponse response, Model model) {
        Problems.Answer answer = Problems.of(e);
        String key = switch (answer.reason()) {
            case "NOT_FOUND" -> e instanceof TrustException ? "error.trust" : "error.notFound";
            case "PURPOSE_REQUIRED" -> "error.purpose";
            default -> e instanceof TrustException ? "error.trust"
                    : answer.retriable() ? "error.unavailable" : "error.invalid";
        };
        // Our refusals name the check that failed, written for the reader; an outage says only that it is one.
        return page(response, answer, key, answer.retriable() || "PURPOSE_REQUIRED".equals(answer.reason())
                || "error.notFound".equals(key) ? null : answer.detail(), model);
    }

    /** Any other refusal of input: its message may come from a library, so only the kind of error is shown. */
    @ExceptionHandler(IllegalArgumentException.class)
    String refused(HttpServletResponse response, Model model) {
        response.setStatus(400);
        model.addAttribute("status", 400);
        model.addAttribute("messageKey", "error.invalid");
        model.addAttribute("detail", null);
        return "error-page";
    }

    /**
     * Spring MVC's own refusals (a missing parameter, a wrong method) keep their status; a refused authorisation
     * goes back to the security filters; anything else is a fault of ours.
     */
    @ExceptionHandler
    String unexpected(Exception e, HttpServletResponse response, Model model) throws Exception {
        if (e instanceof org.springframework.security.access.AccessDeniedException
                || e instanceof org.springframework.security.core.AuthenticationException) {
            throw e;
        }
        if (e instanceof ErrorResponse spring && spring.getStatusCode().is4xxClientError()) {
            response.setStatus(spring.getStatusCode().value());
            model.addAttribute("status", spring.getStatusCode().value());
            model.addAttribute("messageKey", "error.invalid");
            model.addAttribute("detail", null);
            return "error-page";
        }
        Problems.Answer answer = Problems.unexpected(e, "unexpected error behind a page");
        return page(response, answer, "error.unexpected", answer.correlationId(), model);
    }

    private static String page(HttpServletResponse response, Problems.Answer answer, String key, String detail, Model model) {
        response.setStatus(answer.status().value());
        model.addAttribute("status", answer.status().value());
        model.addAttribute("messageKey", key);
        model.addAttribute("detail", detail);
        return "error-page";
    }
}
