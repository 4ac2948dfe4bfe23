package eu.synergie.gateway.wiring;

import eu.synergie.core.matching.Alert;
import eu.synergie.core.matching.RiseAlerts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import java.time.Duration;
import java.util.List;

/**
 * Checks the watchlists that watch rises every {@code synergie.trends.check-interval}. Every instance checks: the
 * alerts' ids are what they are about, so one told twice is one alert. A run that fails (Elasticsearch or Kafka away)
 * is logged and the next one tries again.
 */
final class RiseCheck implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(RiseCheck.class);

    private final RiseAlerts rises;
    private final Duration interval;

    RiseCheck(RiseAlerts rises, Duration interval) {
        this.rises = rises;
        this.interval = interval;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::check, interval, interval));
    }

    void check() {
        try {
            List<Alert> told = rises.check();
            if (!told.isEmpty()) {
                LOG.info("told {} rise alerts", told.size());
            }
        } catch (RuntimeException e) {
            LOG.warn("the rise check failed and will run again: {}", e.getMessage());
        }
    }
}
