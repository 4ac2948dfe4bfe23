package eu.synergie.oauth;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code Retry-After} of a response in its delay-seconds form (RFC 9110, section 10.2.3); the HTTP-date
 * form is ignored (the caller's own back-off applies).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3">RFC 9110, Retry-After</a>
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    public static Optional<Duration> of(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.strip());
                return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
            } catch (NumberFormatException httpDate) {
                return Optional.empty();
            }
        });
    }
}
