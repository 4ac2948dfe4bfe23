package eu.synergie.gateway.api;

import eu.synergie.core.audit.AuditUnavailableException;
import eu.synergie.core.envelope.EnvelopeRejectedException;
import eu.synergie.core.intake.LogUnavailableException;
import eu.synergie.core.trust.TrustException;
import eu.synergie.core.trust.TrustUnavailableException;
import eu.synergie.gateway.access.AccessException;
import eu.synergie.search.SearchUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * Every error of the API as RFC 9457 problem details, from this one place. Messages name the check that
 * failed; no stack trace, class name, key or notice content reaches a client. Spring MVC's own errors (405,
 * 415, unreadable body, …) come through {@link ResponseEntityExceptionHandler} with Spring's fixed wording;
 * errors raised before Spring MVC (by the servlet container or the request firewall) through
 * {@link ErrorProblems}; 401 and 403 from the security filters through {@code security.ProblemResponses}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457</a>
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiProblems.class);
    private static final String TYPES = "https://synergie.eu/problems/";

    @ExceptionHandler
    ProblemDetail rejected(EnvelopeRejectedException e) {
        HttpStatus status = switch (e.reason().category()) {
            case MALFORMED -> HttpStatus.BAD_REQUEST;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setType(URI.create(TYPES + e.reason().name().toLowerCase().replace('_', '-')));
        problem.setTitle("Envelope rejected");
        problem.setProperty("reason", e.reason().name());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail trust(TrustException e) {
        HttpStatus status = switch (e.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle("Trust change refused");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail access(AccessException e) {
        HttpStatus status = switch (e.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setType(URI.create(TYPES + (e.kind() == AccessException.Kind.UNAVAILABLE ? "identity-provider-unavailable"
                : "access-change-refused")));
        problem.setTitle(e.kind() == AccessException.Kind.UNAVAILABLE ? "Identity provider unavailable" : "Access change refused");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notFound(NoticeNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail missingPurpose(MissingPurposeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setType(URI.create(TYPES + "purpose-required"));
        problem.setTitle("Purpose required");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail badQuery(InvalidQueryException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Bad request");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail rebuildRunning(RebuildRunningException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Rebuild already running");
        problem.setProperty("progress", e.running());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail tooLarge(PayloadTooLargeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
        problem.setType(URI.create(TYPES + "request-too-large"));
        problem.setTitle("Request too large");
        problem.setProperty("limit", e.limit());
        return problem;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> rateLimited(RateLimitedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        problem.setType(URI.create(TYPES + "rate-limited"));
        problem.setTitle("Too many requests");
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds())).body(problem);
    }

    /** A JSON body cut off by {@link RequestSizeLimit} reaches here wrapped by the JSON reader: still a 413. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return handleExceptionInternal(e, tooLarge(tooLarge), headers, HttpStatus.CONTENT_TOO_LARGE, request);
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

    @ExceptionHandler({LogUnavailableException.class, SearchUnavailableException.class, TrustUnavailableException.class,
            AuditUnavailableException.class})
    ProblemDetail unavailable(RuntimeException e) {
        LOG.warn("a backing service failed: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                switch (e) {
                    case LogUnavailableException l -> "the notice log is unavailable; nothing was accepted, retry later";
                    case TrustUnavailableException t -> "the trust registry is unavailable; nothing was accepted, retry later";
                    // Fail closed: what cannot be audited is not delivered (Directive 2016/680, Art. 25).
                    case AuditUnavailableException a -> "the audit log is unavailable; nothing was delivered, retry later";
                    default -> "search is unavailable; retry later";
                });
        problem.setTitle("Service unavailable");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail unexpected(Exception e) {
        LOG.error("unexpected error", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "an unexpected error occurred");
        problem.setTitle("Internal error");
        return problem;
    }
}
