package eu.synergie.gateway.observability;

import eu.synergie.core.trust.TrustRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code trust} health indicator, part of readiness: down, with the reason, while the trust registry cannot read
 * its log (its follower retries; publishing answers {@code 503} and the indexer waits meanwhile), up otherwise.
 */
final class TrustHealth implements HealthIndicator {

    private final TrustRegistry registry;

    TrustHealth(TrustRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Health health() {
        return registry.unavailableReason().map(why -> Health.down().withDetail("reason", why).build())
                .orElseGet(() -> Health.up().build());
    }
}
