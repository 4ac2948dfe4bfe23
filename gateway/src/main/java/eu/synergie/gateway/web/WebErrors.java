package eu.synergie.gateway.web;

import eu.synergie.core.intake.LogUnavailableException;
import eu.synergie.core.trust.TrustException;
import eu.synergie.gateway.api.InvalidQueryException;
import eu.synergie.gateway.api.MissingPurposeException;
import eu.synergie.gateway.api.NoticeNotFoundException;
import eu.synergie.search.SearchUnavailableException;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Errors on pages as a readable message in the reader's language: a message key and, for input the
 * reader can fix, the reason. Never a stack trace or a class name. Ahead of the API's problem details,
 * which answer the same exceptions for the API's controllers.
 */
@ControllerAdvice(basePackageClasses = WebErrors.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class WebErrors {

    private static final Logger LOG = LoggerFactory.getLogger(WebErrors.class);

    @ExceptionHandler(NoticeNotFoundException.class)
    String notFound(HttpServletResponse response, Model model) {
        return page(response, 404, "error.notFound", null, model);
    }

    @ExceptionHandler(MissingPurposeException.class)
    String purpose(HttpServletResponse response, Model model) {
        return page(response, 400, "error.purpose", null, model);
    }

    /** Our own messages, written for the reader: shown. */
    @ExceptionHandler(InvalidQueryException.class)
    String invalid(InvalidQueryException e, HttpServletResponse response, Model model) {
        return page(response, 400, "error.invalid", e.getMessage(), model);
    }

    /** Any other refusal of input: its message may come from a library, so only the kind of error is shown. */
    @ExceptionHandler(IllegalArgumentException.class)
    String refused(HttpServletResponse response, Model model) {
        return page(response, 400, "error.invalid", null, model);
    }

    @ExceptionHandler(TrustException.class)
    String trust(TrustException e, HttpServletResponse response, Model model) {
        return page(response, e.kind() == TrustException.Kind.NOT_FOUND ? 404 : 400, "error.trust", e.getMessage(), model);
    }

    @ExceptionHandler({SearchUnavailableException.class, LogUnavailableException.class})
    String unavailable(RuntimeException e, HttpServletResponse response, Model model) {
        LOG.warn("a backing service failed behind a page: {}", e.getMessage());
        return page(response, 503, "error.unavailable", null, model);
    }

    private static String page(HttpServletResponse response, int status, String key, String detail, Model model) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("messageKey", key);
        model.addAttribute("detail", detail);
        return "error-page";
    }
}
