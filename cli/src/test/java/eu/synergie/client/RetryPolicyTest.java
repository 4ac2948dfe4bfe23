package eu.synergie.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(5), 2.0);

    @Test
    void isTransientWhenOverloadedOrGatewayErrorThenTrueAndNeverFor4xxOr500() {
        assertThat(RetryPolicy.isTransient(429)).isTrue();
        assertThat(RetryPolicy.isTransient(502)).isTrue();
        assertThat(RetryPolicy.isTransient(503)).isTrue();
        assertThat(RetryPolicy.isTransient(504)).isTrue();
        for (int status : new int[] {400, 401, 403, 404, 409, 413, 422, 500}) {
            assertThat(RetryPolicy.isTransient(status)).as("HTTP %d", status).isFalse();
        }
    }

    @Test
    void backoffWhenAttemptsGrowThenDoublesWithinJitterAndIsCapped() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) {
            assertThat(policy.backoff(1, Optional.empty(), random)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
            assertThat(policy.backoff(2, Optional.empty(), random)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
            assertThat(policy.backoff(3, Optional.empty(), random)).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
            assertThat(policy.backoff(20, Optional.empty(), random)).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(5));
        }
    }

    @Test
    void backoffWhenServerAsksRetryAfterThenWaitsThatLongUpToOneMinute() {
        SplittableRandom random = new SplittableRandom(7);
        assertThat(policy.backoff(1, Optional.of(Duration.ofSeconds(3)), random)).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.backoff(1, Optional.of(Duration.ofHours(2)), random)).isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.backoff(3, Optional.of(Duration.ZERO), random)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void allowsAnotherAfterWhenMaxAttemptsReachedThenFalse() {
        assertThat(policy.allowsAnotherAfter(5)).isTrue();
        assertThat(policy.allowsAnotherAfter(6)).isFalse();
        assertThat(RetryPolicy.none().allowsAnotherAfter(1)).isFalse();
    }

    @Test
    void constructorWhenNonsenseThenRefusedNamingTheField() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 2)).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1), 2)).hasMessageContaining("backoff");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 0.5)).hasMessageContaining("multiplier");
    }
}
