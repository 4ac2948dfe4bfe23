package eu.synergie.client;

import eu.synergie.oauth.RetryAfter;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * What an answer of the exchange means to the client, whatever was asked: the one place where its status is
 * read (a 401, for which the token is replaced once, is the sender's). A 2xx is a success; 429, 502, 503 and
 * 504 are transient ({@link RetryPolicy#isTransient}), with the server's {@code Retry-After}; a 403 without a
 * reason is the feed client refused as a whole, which no other notice would pass either; anything else is a
 * refusal, with the reason and detail of its problem details (RFC 9457).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457</a>
 */
sealed interface ExchangeAnswer {

    /** Enough of an error body for any problem document; the rest of an unexpected page is not read. */
    int MAX_PROBLEM_BYTES = 64 * 1024;

    /** The body, for the caller to read and close. */
    record Success(InputStream body) implements ExchangeAnswer {
    }

    record Transient(IOException cause, Optional<Duration> retryAfter) implements ExchangeAnswer {
    }

    record Refused(int status, Problem problem) implements ExchangeAnswer {
    }

    /**
     * @throws AuthenticationException if the exchange refused the feed client as a whole (403 without a reason)
     */
    static ExchangeAnswer of(HttpResponse<InputStream> response) throws IOException {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return new Success(response.body());
        }
        Problem problem;
        try (InputStream body = response.body()) {
            problem = Problem.parse(new String(body.readNBytes(MAX_PROBLEM_BYTES), StandardCharsets.UTF_8));
        }
        if (status == 403 && problem.reason() == null) {
            throw new AuthenticationException("the exchange refused the feed client (HTTP 403"
                    + (problem.detail() == null ? "" : ": " + problem.detail()) + "): it needs the agency-feed role");
        }
        if (RetryPolicy.isTransient(status)) {
            return new Transient(new IOException("HTTP " + status + (problem.detail() == null ? "" : ": " + problem.detail())),
                    RetryAfter.of(response));
        }
        return new Refused(status, problem);
    }

    /** The exchange has no such endpoint (an older exchange, or not an exchange at all). */
    static boolean isNoEndpoint(int status) {
        return status == 404 || status == 405 || status == 415;
    }
}
