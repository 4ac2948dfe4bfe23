package eu.synergie.gateway.wiring;

import eu.synergie.core.trust.kafka.TrustFollower;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;

/**
 * Starts the trust follower after the topics exist and before the indexer's listener: the registry must
 * be complete before the first envelope is judged, or valid notices would be dead-lettered as unknown.
 */
public final class TrustFollowing implements SmartLifecycle {

    private final TrustFollower follower;
    private volatile boolean running;

    TrustFollowing(TrustFollower follower) {
        this.follower = follower;
    }

    public TrustFollower follower() {
        return follower;
    }

    @Override
    public void start() {
        follower.start(Duration.ofSeconds(60));
        running = true;
    }

    @Override
    public void stop() {
        follower.close();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the Kafka listener containers, which start in phase {@code Integer.MAX_VALUE - 100}. */
    @Override
    public int getPhase() {
        return 0;
    }
}
