package eu.synergie.gateway.taxii;

import eu.synergie.gateway.api.Problems;
import eu.synergie.gateway.api.RateLimitedException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every failure of a TAXII request as a TAXII error message (TAXII 2.1 §3.6.1), not the API's RFC 9457 problem: TAXII
 * clients read {@code title}, {@code description} and {@code http_status}. Refusals of the exchange (a backing service
 * down, the audit log full) keep the status and reason {@link Problems} gives them everywhere else; an unexpected
 * fault answers 500 with the correlation id it was logged under as {@code error_id}, and nothing of the fault. Before
 * the API's handlers, for the TAXII controller only. (401 and 403 come from the security filters, in the same form.)
 */
@RestControllerAdvice(assignableTypes = TaxiiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class TaxiiErrors {

    private static final MediaType TAXII = MediaType.parseMediaType(TaxiiMedia.TAXII);

    @ExceptionHandler
    ResponseEntity<TaxiiResources.Error> refused(TaxiiException e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status()).contentType(TAXII);
        if (e.allow() != null) {
            response.header(HttpHeaders.ALLOW, e.allow());
        }
        return response.body(error(e.status(), e.title(), e.getMessage(), e.code(), null));
    }

    @ExceptionHandler
    ResponseEntity<TaxiiResources.Error> rateLimited(RateLimitedException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).contentType(TAXII)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(error(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", e.getMessage(), "RATE_LIMITED", null));
    }

    @ExceptionHandler
    ResponseEntity<TaxiiResources.Error> failed(Exception e) {
        Problems.Answer answer = Problems.of(e);
        return ResponseEntity.status(answer.status()).contentType(TAXII)
                .body(error(answer.status(), answer.title(), answer.detail(), answer.reason(), answer.correlationId()));
    }

    static TaxiiResources.Error error(HttpStatusCode status, String title, String description, String code, String errorId) {
        return new TaxiiResources.Error(title, description, errorId, code, Integer.toString(status.value()));
    }
}
