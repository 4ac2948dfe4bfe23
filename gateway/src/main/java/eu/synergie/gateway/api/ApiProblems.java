package eu.synergie.gateway.api;

import eu.synergie.core.ExchangeException;
import eu.synergie.gateway.access.AccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.net.URI;

/**
 * Every error of the API's controllers as RFC 9457 problem details, as {@link Problems} answers them (status,
 * type, reason, detail; a correlation id for an unexpected fault). Messages name the check that failed; no
 * stack trace, class name, key or notice content reaches a client. Spring MVC's own errors (405, 415,
 * unreadable body, …) come through {@link ResponseEntityExceptionHandler} with Spring's fixed wording and
 * the status as their reason; errors raised before Spring MVC (by the servlet container or the request
 * firewall) through {@link ErrorProblems}; 401 and 403 from the security filters through
 * {@code security.ProblemResponses}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457</a>
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    @ExceptionHandler({ExchangeException.class, AccessException.class})
    ResponseEntity<ProblemDetail> refusedOrUnavailable(RuntimeException e) {
        return answer(Problems.of(e));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> rateLimited(RateLimitedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        problem.setType(URI.create(Problems.TYPES + "rate-limited"));
        problem.setTitle("Too many requests");
        problem.setProperty("reason", "RATE_LIMITED");
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds())).body(problem);
    }

    /** A JSON body cut off by {@link RequestSizeLimit} reaches here wrapped by the JSON reader: still a 413. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return handleExceptionInternal(e, Problems.of(tooLarge).problem(), headers, HttpStatus.CONTENT_TOO_LARGE,
                        request);
            }
        }
        return super.handleHttpMessageNotReadable(e, headers, status, request);
    }

    /** Spring's wording names its static resource handling; a client only needs to know there is nothing here. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no such resource");
        problem.setTitle("Not found");
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    /** Spring MVC's own problems get a reason too (the status, e.g. {@code BAD_REQUEST}), like every other answer. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getProperties() == null
                || !problem.getProperties().containsKey("reason"))) {
            HttpStatus status = HttpStatus.resolve(statusCode.value());
            problem.setProperty("reason", status != null ? status.name() : "HTTP_" + statusCode.value());
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        return answer(Problems.unexpected(e, "unexpected error in an API request"));
    }

    private static ResponseEntity<ProblemDetail> answer(Problems.Answer answer) {
        return ResponseEntity.status(answer.status()).body(answer.problem());
    }
}
