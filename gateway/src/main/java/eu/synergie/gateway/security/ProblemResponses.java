package eu.synergie.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;

/**
 * 401 and 403 as RFC 9457 problem details. The bearer-token handlers of Spring Security still set the
 * {@code WWW-Authenticate} header (RFC 6750); we add a body that says what failed, never why a token
 * was refused in detail (that would help a forger).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457</a>
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String RETRY_AFTER_SECONDS = "5";
    static final String KEYS_UNAVAILABLE = "the token could not be checked now: the realm's signing keys cannot be fetched; try again shortly";
    private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        bearerEntryPoint.commence(request, response, e);
        write(request, response, HttpStatus.UNAUTHORIZED, "a valid bearer token from the synergie realm is required");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       org.springframework.security.access.AccessDeniedException e) throws IOException {
        bearerDenied.handle(request, response, e);
        write(request, response, HttpStatus.FORBIDDEN, "the caller's roles do not allow this request");
    }

    /**
     * For the bearer-token filter: a token that could not be checked at all (the realm's keys cannot be fetched, see
     * {@link RealmKeys}) is {@code 503} with {@code Retry-After}, the caller's token being possibly good; every other
     * refusal is the {@code 401} above. Spring Security would rethrow the first, which the servlet container answers 500.
     */
    AuthenticationFailureHandler bearerFailures() {
        return (request, response, e) -> {
            if (e instanceof AuthenticationServiceException) {
                response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
                write(request, response, HttpStatus.SERVICE_UNAVAILABLE, KEYS_UNAVAILABLE);
            } else {
                commence(request, response, e);
            }
        };
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("reason", status.name());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), problem);
    }
}
