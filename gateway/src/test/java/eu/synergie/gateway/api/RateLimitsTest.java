package eu.synergie.gateway.api;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static eu.synergie.gateway.api.ApiLimits.RateClass.PUBLISH;
import static eu.synergie.gateway.api.ApiLimits.RateClass.SEARCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimitsTest {

    private final ManualTime time = new ManualTime();
    private final ApiLimits limits = new ApiLimits(65536, 1 << 20,
            new ApiLimits.Rates(new ApiLimits.Rate(2, Duration.ofSeconds(1)), new ApiLimits.Rate(3, Duration.ofMillis(500))),
            Map.of("bulk-feed", new ApiLimits.Rates(new ApiLimits.Rate(5, Duration.ofSeconds(10)), null)));
    private final RateLimits rateLimits = new RateLimits(limits, time);

    @Test
    void takeWhenBurstIsUsedUpThenRefusedWithTheTimeToTheNextRequest() {
        rateLimits.take("feed-a", PUBLISH);
        rateLimits.take("feed-a", PUBLISH);
        time.advance(Duration.ofMillis(300));

        assertThatThrownBy(() -> rateLimits.take("feed-a", PUBLISH)).isInstanceOfSatisfying(RateLimitedException.class,
                e -> assertThat(e.retryAfterSeconds()).isEqualTo(1));
    }

    @Test
    void takeWhenRefillTimeHasPassedThenAcceptedAgain() {
        rateLimits.take("feed-a", PUBLISH);
        rateLimits.take("feed-a", PUBLISH);
        time.advance(Duration.ofSeconds(1));

        assertThatCode(() -> rateLimits.take("feed-a", PUBLISH)).doesNotThrowAnyException();
        assertThatThrownBy(() -> rateLimits.take("feed-a", PUBLISH)).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void takeWhenAnotherSubjectOrClassIsExhaustedThenUnaffected() {
        rateLimits.take("feed-a", PUBLISH);
        rateLimits.take("feed-a", PUBLISH);

        assertThatCode(() -> {
            rateLimits.take("feed-b", PUBLISH);
            rateLimits.take("feed-a", SEARCH);
        }).doesNotThrowAnyException();
    }

    @Test
    void takeWhenSubjectHasItsOwnLimitThenThatLimitAppliesAndTheOtherClassFallsBack() {
        for (int i = 0; i < 5; i++) {
            rateLimits.take("bulk-feed", PUBLISH);
        }
        assertThatThrownBy(() -> rateLimits.take("bulk-feed", PUBLISH)).isInstanceOfSatisfying(RateLimitedException.class,
                e -> assertThat(e.retryAfterSeconds()).isEqualTo(10));
        for (int i = 0; i < 3; i++) {
            rateLimits.take("bulk-feed", SEARCH);
        }
        assertThatThrownBy(() -> rateLimits.take("bulk-feed", SEARCH)).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void retryAfterWhenWaitIsUnderASecondThenRoundedUpToOne() {
        assertThat(new RateLimitedException(SEARCH, Duration.ofMillis(1)).retryAfterSeconds()).isEqualTo(1);
        assertThat(new RateLimitedException(SEARCH, Duration.ofMillis(1001)).retryAfterSeconds()).isEqualTo(2);
    }

    @Test
    void rateWhenRefillIsNotPositiveThenRefused() {
        assertThatThrownBy(() -> new ApiLimits.Rate(1, Duration.ZERO)).hasMessageContaining("refill-every");
    }

    private static final class ManualTime implements TimeMeter {
        private long nanos = 1_000_000_000L;

        void advance(Duration d) {
            nanos += d.toNanos();
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
