package eu.synergie.gateway.api;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * Errors that never reached a controller (a URL the request firewall rejects, an error the servlet
 * container raises) as problem details, in place of Spring Boot's own error document. Only the status is
 * kept: the container's message and the exception are logged (by {@link Problems}, with the correlation id
 * the answer carries), never shown.
 */
@Hidden
@RestController
class ErrorProblems implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = status(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
        Problems.Answer answer;
        if (status.is5xxServerError()) {
            Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            answer = Problems.unexpected(exception instanceof Throwable fault ? fault
                    : new IllegalStateException("HTTP " + status.value() + " raised outside the API's handlers"),
                    "error outside the API's handlers");
        } else {
            answer = Problems.status(status);
        }
        ProblemDetail problem = answer.problem();
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            problem.setInstance(URI.create(uri.replaceAll("[^A-Za-z0-9/._~-]", "_")));
        }
        return ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static HttpStatus status(Object code) {
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null || status.value() < 400 ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }
}
