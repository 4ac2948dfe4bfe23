package eu.synergie.infra;

import java.time.Duration;

/**
 * When the {@link Supervisor} starts a process again after it exited: at most {@code maxRestarts} times in a
 * row, waiting {@code firstDelay}, then twice as long each time up to {@code maxDelay}. A process that has
 * been up for {@code stableAfter} since its last restart starts afresh (a crash a week later is not the
 * sixth of a series). {@code maxRestarts = 0} means never: its exit stops everything.
 */
public record RestartPolicy(int maxRestarts, Duration firstDelay, Duration maxDelay, Duration stableAfter) {

    public RestartPolicy {
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must be 0 or more, not " + maxRestarts);
        }
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("delays must satisfy 0 <= firstDelay <= maxDelay");
        }
        if (stableAfter.isNegative() || stableAfter.isZero()) {
            throw new IllegalArgumentException("stableAfter must be positive");
        }
    }

    /** The gateway: stateless but for its keys on disk, so always worth another try: 1, 2, 4, 8, 16 s. */
    public static RestartPolicy gateway() {
        return new RestartPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(16), Duration.ofMinutes(10));
    }

    /** A server that recovers its own data after a crash (see {@link LocalStackMain}): 2, 4, 8 s. */
    public static RestartPolicy server() {
        return new RestartPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofMinutes(10));
    }

    /** Never restarted: its exit stops everything. */
    public static RestartPolicy never() {
        return new RestartPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ofMinutes(10));
    }

    /** The wait before restart number {@code attempt} (1 for the first). */
    public Duration delayBefore(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1");
        }
        Duration delay = firstDelay;
        for (int i = 1; i < attempt && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
