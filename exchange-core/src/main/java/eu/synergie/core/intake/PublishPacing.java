package eu.synergie.core.intake;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Slows publishing down while the indexers are too far behind: a new envelope waits (never longer than
 * {@code maxWait}, and it is never refused for it) until the notices appended but not yet indexed are back
 * under {@code maxBacklog}. A feed pushing faster than the exchange can index then sees slower answers
 * instead of its notices becoming searchable minutes later; and each envelope is still in the opener's
 * memory when the indexer reads it, so it is decrypted and verified once instead of twice.
 * When the backlog cannot be known (Kafka not answering), nothing waits: the append itself will say.
 * <p>
 * A backlog the indexers cannot bring under the limit within {@code maxWait} (catching up after an outage, a
 * group reading the log from its start) would make every envelope wait {@code maxWait}, and a feed's batch of
 * thousands wait for hours: once a wait runs out, pacing rests for {@value #REST_FACTOR} times {@code maxWait},
 * so publishing is never slowed for more than a seventh of the time.
 */
public final class PublishPacing {

    /** Never waits. */
    public static final PublishPacing NONE = new PublishPacing(OptionalLong::empty, Long.MAX_VALUE, Duration.ZERO);

    private static final long POLL_NANOS = Duration.ofMillis(100).toNanos();
    private static final int REST_FACTOR = 6;

    private final Supplier<OptionalLong> backlog;
    private final long maxBacklog;
    private final long maxWaitNanos;
    private volatile long restUntil = System.nanoTime();

    /**
     * @param backlog    notices appended and not yet indexed, across the indexer group; empty when unknown
     * @param maxBacklog the backlog above which a new envelope waits
     * @param maxWait    the longest any envelope waits
     */
    public PublishPacing(Supplier<OptionalLong> backlog, long maxBacklog, Duration maxWait) {
        if (maxBacklog < 1 || maxWait.isNegative()) {
            throw new IllegalArgumentException("maxBacklog must be positive and maxWait not negative");
        }
        this.backlog = backlog;
        this.maxBacklog = maxBacklog;
        this.maxWaitNanos = maxWait.toNanos();
    }

    /** Returns once the backlog is under the limit, unknown, or {@code maxWait} has passed; how long it waited. */
    public Duration awaitRoom() {
        long start = System.nanoTime();
        while (true) {
            if (restUntil - System.nanoTime() > 0) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            OptionalLong now = backlog.get();
            long left = start + maxWaitNanos - System.nanoTime();
            if (now.isEmpty() || now.getAsLong() <= maxBacklog) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            if (left <= 0) {
                restUntil = System.nanoTime() + REST_FACTOR * maxWaitNanos;
                return Duration.ofNanos(System.nanoTime() - start);
            }
            try {
                Thread.sleep(Duration.ofNanos(Math.min(POLL_NANOS, left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Duration.ofNanos(System.nanoTime() - start);
            }
        }
    }
}
