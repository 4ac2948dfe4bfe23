package eu.synergie.gateway.api;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-client rate limits on publishing and searching: one token bucket per token subject and class of
 * request, checked after authentication and before the body is read, so that a refused request costs
 * almost nothing. Buckets live in this gateway's memory: with several gateways each enforces its own
 * share, which bounds a client all the same. Only authenticated subjects get a bucket, so the map
 * grows with the number of real users and feeds, not with what strangers send.
 */
final class RateLimits implements HandlerInterceptor {

    private final ApiLimits limits;
    private final TimeMeter time;
    private final Map<Key, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimits(ApiLimits limits, TimeMeter time) {
        this.limits = limits;
        this.time = time;
    }

    /** Takes one request from the subject's allowance, or refuses with the time until the next one. */
    void take(String subject, ApiLimits.RateClass rateClass) {
        Bucket bucket = buckets.computeIfAbsent(new Key(subject, rateClass), this::bucket);
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new RateLimitedException(rateClass, Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || !caller.isAuthenticated()) {
            return true; // public endpoints (none is rate-classed today); security has refused the rest already
        }
        ApiLimits.RateClass rateClass = "POST".equals(request.getMethod()) ? ApiLimits.RateClass.PUBLISH : ApiLimits.RateClass.SEARCH;
        take(caller.getName(), rateClass);
        return true;
    }

    private Bucket bucket(Key key) {
        ApiLimits.Rate rate = limits.rateOf(key.subject(), key.rateClass());
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(rate.capacity()).refillGreedy(1, rate.refillEvery()))
                .withCustomTimePrecision(time)
                .build();
    }

    private record Key(String subject, ApiLimits.RateClass rateClass) {
    }
}
