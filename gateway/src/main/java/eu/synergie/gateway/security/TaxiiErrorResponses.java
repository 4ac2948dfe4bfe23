package eu.synergie.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 401 and 403 on the TAXII endpoints as TAXII 2.1 error messages ({@code title}, {@code description},
 * {@code http_status}; §3.6.1), the form TAXII clients read, where the API answers RFC 9457 problems
 * ({@link ProblemResponses}). The bearer-token handlers still set {@code WWW-Authenticate} (RFC 6750).
 */
final class TaxiiErrorResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TAXII = "application/taxii+json;version=2.1";
    private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        bearerEntryPoint.commence(request, response, e);
        write(response, HttpStatus.UNAUTHORIZED, "a valid bearer token from the synergie realm is required");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       org.springframework.security.access.AccessDeniedException e) throws IOException {
        bearerDenied.handle(request, response, e);
        write(response, HttpStatus.FORBIDDEN, "the caller's roles do not allow this request: TAXII reads need the analyst role");
    }

    /** As {@link ProblemResponses#bearerFailures()}, in TAXII's error format. */
    AuthenticationFailureHandler bearerFailures() {
        return (request, response, e) -> {
            if (e instanceof AuthenticationServiceException) {
                response.setHeader("Retry-After", ProblemResponses.RETRY_AFTER_SECONDS);
                write(response, HttpStatus.SERVICE_UNAVAILABLE, ProblemResponses.KEYS_UNAVAILABLE);
            } else {
                commence(request, response, e);
            }
        };
    }

    private static void write(HttpServletResponse response, HttpStatus status, String description) throws IOException {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("title", status.getReasonPhrase());
        error.put("description", description);
        error.put("error_code", status.name());
        error.put("http_status", Integer.toString(status.value()));
        response.setStatus(status.value());
        response.setContentType(TAXII);
        JSON.writeValue(response.getOutputStream(), error);
    }
}
