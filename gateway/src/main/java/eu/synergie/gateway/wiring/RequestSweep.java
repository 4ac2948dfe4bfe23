package eu.synergie.gateway.wiring;

import eu.synergie.gateway.rfi.InformationRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import java.time.Duration;

/**
 * Closes as expired the requests for information still open past their expiry, every
 * {@code synergie.requests.sweep-interval}. On several instances each sweeps; the log's order lets one expiry count
 * per request and only that one is audited. A run that fails is logged and the next one tries again.
 */
final class RequestSweep implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(RequestSweep.class);

    private final InformationRequests requests;
    private final Duration interval;

    RequestSweep(InformationRequests requests, Duration interval) {
        this.requests = requests;
        this.interval = interval;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::sweep, interval, interval));
    }

    void sweep() {
        try {
            int expired = requests.expireDue();
            if (expired > 0) {
                LOG.info("closed {} requests for information as expired", expired);
            }
        } catch (RuntimeException e) {
            LOG.warn("the requests expiry sweep failed and will run again: {}", e.getMessage());
        }
    }
}
