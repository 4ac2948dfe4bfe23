package eu.synergie.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When and how long to wait before trying a request again. Only transient failures are retried: the
 * connection failed or timed out, or the server answered 429 (too many requests), 502, 503 or 504.
 * A 4xx rejection is never retried: the same envelope would be refused again.
 *
 * <p>The pause after the {@code n}-th failed attempt is {@code initialBackoff × multiplier^(n-1)}, capped
 * at {@code maxBackoff}, of which a random half is taken off ("equal jitter"), so that many clients
 * refused at once do not come back at once. A server's {@code Retry-After} is honoured when it asks for
 * longer, up to one minute.
 *
 * @param maxAttempts    attempts in all, the first included; 1 means no retry
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3">RFC 9110, Retry-After</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6585#section-4">RFC 6585, 429 Too Many Requests</a>
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier) {

    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(1);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoffs must satisfy 0 <= initialBackoff <= maxBackoff");
        }
        if (multiplier < 1) {
            throw new IllegalArgumentException("multiplier must be at least 1");
        }
    }

    /** 8 attempts over about half a minute: enough to ride out a gateway restart. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(8, Duration.ofMillis(250), Duration.ofSeconds(15), 2.0);
    }

    /** One attempt only. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0);
    }

    /** Is an answer with this status worth another attempt? */
    public static boolean isTransient(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    /** Whether another attempt may follow {@code failedAttempts} failed ones. */
    public boolean allowsAnotherAfter(int failedAttempts) {
        return failedAttempts < maxAttempts;
    }

    /**
     * The pause before the next attempt, after {@code failedAttempts} (1 or more) failed ones.
     *
     * @param retryAfter what the server asked for, if it did
     */
    public Duration backoff(int failedAttempts, Optional<Duration> retryAfter, RandomGenerator random) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be at least 1");
        }
        double exponential = initialBackoff.toNanos() * Math.pow(multiplier, failedAttempts - 1);
        long capped = (long) Math.min(exponential, maxBackoff.toNanos());
        long half = capped / 2;
        long jittered = half + (half > 0 ? random.nextLong(half + 1) : 0) + (capped % 2);
        Duration pause = Duration.ofNanos(jittered);
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter.get();
            if (asked.compareTo(pause) > 0) {
                pause = asked;
            }
        }
        return pause;
    }
}
