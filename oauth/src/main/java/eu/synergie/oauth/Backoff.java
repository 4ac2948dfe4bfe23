package eu.synergie.oauth;

import java.time.Duration;
import java.util.Optional;

/** When to ask the token endpoint again after a transient failure, and after how long. */
@FunctionalInterface
public interface Backoff {

    /** One attempt only: a failure is reported at once. */
    Backoff NONE = (failedAttempts, retryAfter) -> Optional.empty();

    /**
     * The pause before the next attempt after {@code failedAttempts} (1 or more) failed ones, or empty to give up.
     *
     * @param retryAfter what the server asked for ({@code Retry-After}), if it did
     */
    Optional<Duration> next(int failedAttempts, Optional<Duration> retryAfter);
}
