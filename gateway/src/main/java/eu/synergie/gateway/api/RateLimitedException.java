package eu.synergie.gateway.api;

import java.time.Duration;

/**
 * The caller has used up its allowance for this class of requests; answered 429 with {@code Retry-After} (by the API's
 * handler, and by the TAXII server's in its own error format).
 */
public final class RateLimitedException extends RuntimeException {

    private final Duration retryAfter;

    RateLimitedException(ApiLimits.RateClass rateClass, Duration retryAfter) {
        super("too many " + rateClass.name().toLowerCase() + " requests for this client; retry after "
                + seconds(retryAfter) + " s", null, false, false);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, rounded up and at least 1 (RFC 9110 delay-seconds). */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toNanos() + 999_999_999L) / 1_000_000_000L);
    }
}
