package eu.synergie.gateway.wiring;

import eu.synergie.core.trust.kafka.TrustFollower;

import java.time.Duration;

/**
 * Starts the trust follower after the topics exist and before the indexer's listener: the registry must
 * be complete before the first envelope is judged, or valid notices would be dead-lettered as unknown.
 */
public final class TrustFollowing extends StartStep {

    private final TrustFollower follower;

    TrustFollowing(TrustFollower follower) {
        // Before the Kafka listener containers, which start in phase Integer.MAX_VALUE - 100.
        super(0);
        this.follower = follower;
    }

    public TrustFollower follower() {
        return follower;
    }

    @Override
    void begin() {
        follower.start(Duration.ofSeconds(60));
    }

    @Override
    void end() {
        follower.close();
    }
}
