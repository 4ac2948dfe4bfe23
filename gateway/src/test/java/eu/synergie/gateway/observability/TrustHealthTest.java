package eu.synergie.gateway.observability;

import eu.synergie.core.trust.TrustRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code trust} readiness check follows the registry: down with the reason while its log cannot be read. */
class TrustHealthTest {

    private final TrustRegistry registry = new TrustRegistry();
    private final TrustHealth health = new TrustHealth(registry);

    @Test
    void healthWhenTheFollowerCannotReadThenDownWithTheReasonAndUpOnceItReadsToTheEndAgain() {
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        registry.markUnavailable("synergie.trust: asking the broker for records failed");
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails()).containsEntry("reason", "synergie.trust: asking the broker for records failed");

        registry.readToEnd(Instant.now());
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }
}
