package eu.synergie.gateway.wiring;

import eu.synergie.core.ExchangeException;
import eu.synergie.core.trust.TrustService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link TrustService#maintain()} every second once the gateway has started: the state of a key whose last
 * record in {@code synergie.trust} is something else is appended again before compaction can keep that record, and
 * every revocation reaches the archive in the key folder.
 */
final class TrustMaintenance {

    private static final Logger LOG = LoggerFactory.getLogger(TrustMaintenance.class);

    private final TrustService trust;

    TrustMaintenance(TrustService trust) {
        this.trust = trust;
    }

    @Scheduled(initialDelay = 1, fixedDelay = 1, timeUnit = TimeUnit.SECONDS)
    void run() {
        try {
            List<String> restored = trust.maintain();
            restored.forEach(key -> LOG.info("appended the state of {} again: the last record under it in the trust log"
                    + " was not that state", key));
        } catch (ExchangeException.Unavailable e) {
            // The registry or the key folder cannot be reached now: readiness says so; the next run tries again.
            LOG.debug("trust maintenance postponed: {}", e.getMessage());
        }
    }
}
