package eu.synergie.gateway.federation;

import eu.synergie.core.federation.FederationOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.List;

/**
 * Sends peers, every {@code interval}, the agency and certificate states they lack ({@link FederationOutbox#trustChanges}):
 * a revocation or suspension here reaches every peer within about that interval plus MirrorMaker's delay. A send that
 * fails is tried again at the next turn.
 */
public final class TrustRelay implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(TrustRelay.class);

    private final FederationOutbox outbox;
    private final FederationOutbox.Sender sender;
    private final Duration interval;
    private volatile Thread thread;
    private volatile boolean failing;

    public TrustRelay(FederationOutbox outbox, FederationOutbox.Sender sender, Duration interval) {
        this.outbox = outbox;
        this.sender = sender;
        this.interval = interval;
    }

    /** One turn: what peers lack, sent and marked sent. */
    public int relay() {
        List<FederationOutbox.Outgoing> changes = outbox.trustChanges();
        if (!changes.isEmpty()) {
            sender.send(changes);
            outbox.sent(changes);
        }
        return changes.size();
    }

    @Override
    public void start() {
        thread = Thread.ofPlatform().daemon().name("synergie-federation-trust-relay").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    relay();
                    if (failing) {
                        LOG.info("peers receive this exchange's trust changes again");
                        failing = false;
                    }
                } catch (RuntimeException e) {
                    if (!failing) {
                        LOG.warn("trust changes could not be sent to peers, trying again: {}", e.getMessage());
                        failing = true;
                    }
                }
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    @Override
    public void stop() {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
