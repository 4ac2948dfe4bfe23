package eu.synergie.gateway.wiring;

import eu.synergie.gateway.approval.ReleaseApprovals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Closes as expired the requests still pending past their expiry, every {@code synergie.approvals.sweep-interval}, on
 * the instance holding the approvals consumer group only: one expiry appended and audited per request, not one per
 * instance. (Whether it is closed yet or not, a request past its expiry takes no decision: the rules check the time.)
 * A run that fails is logged and the next one tries again.
 */
final class ApprovalSweep implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(ApprovalSweep.class);

    private final ReleaseApprovals approvals;
    private final BooleanSupplier holding;
    private final Duration interval;

    ApprovalSweep(ReleaseApprovals approvals, BooleanSupplier holding, Duration interval) {
        this.approvals = approvals;
        this.holding = holding;
        this.interval = interval;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::sweep, interval, interval));
    }

    void sweep() {
        if (!holding.getAsBoolean()) {
            return;
        }
        try {
            int expired = approvals.expireDue();
            if (expired > 0) {
                LOG.info("closed {} approval requests as expired", expired);
            }
        } catch (RuntimeException e) {
            LOG.warn("the approvals expiry sweep failed and will run again: {}", e.getMessage());
        }
    }
}
