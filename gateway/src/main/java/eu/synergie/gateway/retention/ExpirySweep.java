package eu.synergie.gateway.retention;

import eu.synergie.core.index.ExpiredNotice;
import eu.synergie.core.index.NoticeExpiry;
import eu.synergie.gateway.audit.ConsultationAudit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import eu.synergie.gateway.wiring.SynergieProperties;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes expired notices from the index and audits each removal (an erasure, in the terms of
 * Directive 2016/680). Searches already hide them from the moment they expire; the sweep only keeps
 * the index from growing. Running it on several instances at once is harmless. A removal the audit log
 * could not take is kept and audited on the next run, before anything else is removed. Runs every
 * {@code synergie.retention.sweep-interval}, the first time that long after start.
 */
@Component
class ExpirySweep implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(ExpirySweep.class);

    private final NoticeExpiry index;
    private final ConsultationAudit audit;
    private final Clock clock;
    private final Duration interval;
    /** Removed from the index but not yet audited (the audit log was unavailable): audited first on the next run. */
    private final List<ExpiredNotice> unaudited = new ArrayList<>();

    ExpirySweep(NoticeExpiry index, ConsultationAudit audit, Clock clock, SynergieProperties properties) {
        this.index = index;
        this.audit = audit;
        this.clock = clock;
        this.interval = properties.retention().sweepInterval();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::sweep, interval, interval));
    }

    void sweep() {
        try {
            auditRemovals();
            List<ExpiredNotice> removed = index.removeExpired(clock.instant());
            unaudited.addAll(removed);
            auditRemovals();
            if (!removed.isEmpty()) {
                LOG.info("removed {} expired notices from the index", removed.size());
            }
        } catch (RuntimeException e) {
            LOG.warn("the expiry sweep failed and will run again: {}", e.getMessage());
        }
    }

    private void auditRemovals() {
        while (!unaudited.isEmpty()) {
            audit.expired(unaudited.getFirst());
            unaudited.removeFirst();
        }
    }
}
