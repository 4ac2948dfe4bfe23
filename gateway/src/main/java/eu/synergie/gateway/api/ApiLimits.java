package eu.synergie.gateway.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.Map;

/**
 * Request size and rate limits of the API, {@code synergie.limits.*}. A single envelope is bounded by
 * {@code synergie.max-envelope-bytes}.
 *
 * @param requestBytes the largest body of any other request (JSON, certificate requests)
 * @param batchBytes   the largest body of {@code POST /api/v1/notices/batch}
 * @param rate         the rate limits of every token subject
 * @param subjects     rate limits for named token subjects (e.g. a feed known to push in bursts), by subject;
 *                     a class left out falls back to {@code rate}
 */
@Validated
@ConfigurationProperties("synergie.limits")
record ApiLimits(@Min(1024) long requestBytes, @Min(1024) long batchBytes, @NotNull @Valid Rates rate,
                 Map<String, @Valid Rates> subjects) {

    ApiLimits {
        subjects = subjects == null ? Map.of() : Map.copyOf(subjects);
    }

    /**
     * @param publish {@code POST /api/v1/notices} and {@code /batch}, counted per request
     * @param search  searching and opening notices ({@code GET /api/v1/notices/**})
     */
    record Rates(@Valid Rate publish, @Valid Rate search) {
    }

    /**
     * A token bucket: up to {@code capacity} requests at once, and one more every {@code refillEvery}.
     *
     * @see <a href="https://bucket4j.com/">Bucket4j</a>
     */
    record Rate(@Min(1) long capacity, @NotNull Duration refillEvery) {

        Rate {
            if (refillEvery != null && (refillEvery.isNegative() || refillEvery.isZero())) {
                throw new IllegalArgumentException("synergie.limits: refill-every must be positive");
            }
        }
    }

    /** The limit of one class of requests for one subject. */
    Rate rateOf(String subject, RateClass rateClass) {
        Rates override = subjects.get(subject);
        Rate specific = override == null ? null : switch (rateClass) {
            case PUBLISH -> override.publish();
            case SEARCH -> override.search();
        };
        if (specific != null) {
            return specific;
        }
        return switch (rateClass) {
            case PUBLISH -> rate.publish();
            case SEARCH -> rate.search();
        };
    }

    enum RateClass {
        PUBLISH, SEARCH
    }
}
