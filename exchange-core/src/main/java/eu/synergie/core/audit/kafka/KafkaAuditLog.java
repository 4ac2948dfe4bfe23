package eu.synergie.core.audit.kafka;

import eu.synergie.core.audit.AuditEvent;
import eu.synergie.core.audit.AuditEventJson;
import eu.synergie.core.audit.AuditLog;
import eu.synergie.core.audit.AuditUnavailableException;
import eu.synergie.crypto.audit.ChainWriter;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The audit log on {@code synergie.audit}: every event is linked into this writer's hash chain and sent
 * to the topic's single partition, without waiting for the broker.
 *
 * <p><b>Several gateways, one log.</b> Each instance (each start of it) is its own writer with its own
 * chain, named {@code <instance>-<random>}, numbered from 0 without gaps. Chains interleave in the one
 * partition; the verifier follows each on its own. Linking and handing the entry to the producer happen
 * under one lock, and the producer is idempotent with at most 5 requests in flight, so the partition holds
 * each chain in its own order. No coordination between instances is needed, and none can stall another.
 *
 * <p><b>Asynchronous, but never silently lost.</b> {@link #append} returns once the producer has the entry
 * (microseconds), so a search does not wait for the broker's acknowledgement. The producer must be
 * configured to retry for as long as it takes ({@code delivery.timeout.ms} at its maximum, {@code acks=all},
 * idempotent), so a broker outage delays entries but neither drops nor reorders them. What bounds the risk
 * is {@code maxPending}: once that many entries wait for an acknowledgement, {@code append} refuses
 * ({@link AuditUnavailableException}) and the operation it would have recorded is refused with it (fail
 * closed). The producer refusing an entry outright (no metadata within {@code max.block.ms}) is refused the
 * same way, and the entry is taken back from the chain so that no gap is left. An entry the producer gives
 * up on later (a non-retriable error) leaves a gap that {@code verify} will report; from then on this writer
 * refuses everything, and a restart starts a new chain. What remains at risk is at most {@code maxPending}
 * entries not yet acknowledged when the process dies; {@link #close} waits for all of them.
 *
 * <p><b>Signed checkpoints.</b> A hash chain alone is unkeyed: anyone who can write the topic can append a
 * well-formed entry. So this writer links a checkpoint, signed by the exchange (a detached CMS signature over
 * the head, see {@code HashChain}), after every {@code every} entries, at least every {@code interval} while new
 * entries wait, and a final one on {@link #close}. One signature per thousand events, never one per event: the
 * audited operations do not wait for it. A process killed without closing leaves at most the entries of one
 * interval unsigned, which {@code verify} reports as an unsigned tail.
 */
public final class KafkaAuditLog implements AuditLog, AutoCloseable {

    /** The topic of DESIGN.md; one partition. */
    public static final String TOPIC = "synergie.audit";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaAuditLog.class);

    /**
     * How this writer signs its head.
     *
     * @param signer   a detached CMS signature by the exchange's log signer over the bytes given
     * @param every    a checkpoint after this many entries
     * @param interval and at least this often while entries wait for one
     */
    public record Checkpoints(Function<byte[], byte[]> signer, int every, Duration interval) {

        public Checkpoints {
            Objects.requireNonNull(signer, "signer");
            if (every < 1) {
                throw new IllegalArgumentException("synergie.audit.checkpoint-every must be 1 or more");
            }
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("synergie.audit.checkpoint-interval must be positive");
            }
        }
    }

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final ChainWriter chain;
    private final int maxPending;
    private final Checkpoints checkpoints;
    private final ScheduledExecutorService timer;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Exception lost;
    private boolean closed;
    /** Set by a callback that ran inside {@code send}, on the appending thread: the producer refused the entry outright. */
    private Exception refused;

    public KafkaAuditLog(Producer<String, byte[]> producer, String topic, String writer, int maxPending, Checkpoints checkpoints) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("synergie.audit.max-pending must be 1 or more");
        }
        this.producer = producer;
        this.topic = topic;
        this.chain = new ChainWriter(writer);
        this.maxPending = maxPending;
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("synergie-audit-checkpoint").factory());
        long every = checkpoints.interval().toMillis();
        timer.scheduleWithFixedDelay(() -> checkpoint(false), every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void append(AuditEvent event) {
        Map<String, Object> json = AuditEventJson.toJson(event);
        synchronized (this) {
            if (lost != null) {
                throw new AuditUnavailableException("the audit log lost an entry of chain " + chain.writer()
                        + "; this instance audits nothing more until restarted", lost);
            }
            if (pending.get() >= maxPending) {
                throw new AuditUnavailableException("the audit log has not acknowledged the last " + maxPending + " entries", null);
            }
            Exception cause = send(chain.link(json));
            if (cause != null) {
                throw new AuditUnavailableException("the audit log did not take the entry: " + cause.getMessage(), cause);
            }
            if (chain.sinceCheckpoint() >= checkpoints.every()) {
                checkpoint(false);
            }
        }
    }

    /** Hands {@code entry}, just linked, to the producer; takes it back and returns why if the producer refused it. */
    private Exception send(Map<String, Object> entry) {
        pending.incrementAndGet();
        refused = null;
        try {
            // Partition 0 always: the chain's order is the partition's order.
            producer.send(new ProducerRecord<>(topic, 0, chain.writer(), AuditEventJson.write(entry)), this::completed);
        } catch (RuntimeException e) {
            refused = e;
            pending.decrementAndGet();
        }
        Exception cause = refused;
        refused = null;
        if (cause != null) {
            chain.unlink(entry);
        }
        return cause;
    }

    /**
     * Links and sends a signed checkpoint of the head, if anything new needs one (or {@code last}). A checkpoint
     * the producer refuses is taken back; the entries it would have covered wait for the next one.
     */
    private synchronized void checkpoint(boolean last) {
        if (lost != null || closed) {
            return;
        }
        try {
            Map<String, Object> entry = chain.checkpoint(last, checkpoints.signer());
            if (entry == null) {
                return;
            }
            Exception cause = send(entry);
            if (cause != null) {
                LOG.warn("the audit log did not take the checkpoint of chain {}: {}", chain.writer(), cause.toString());
            }
        } catch (RuntimeException e) {
            LOG.error("could not sign a checkpoint of audit chain {}: {}", chain.writer(), e.toString());
        }
    }

    private void completed(Object metadata, Exception failure) {
        pending.decrementAndGet();
        if (failure == null) {
            return;
        }
        if (Thread.holdsLock(this)) {
            refused = failure; // inside send(): nothing was queued
            return;
        }
        if (lost == null) {
            LOG.error("the audit log gave up on an entry of chain {}: the chain has a gap and this instance refuses audited "
                    + "operations until restarted", chain.writer(), failure);
        }
        lost = failure;
    }

    /** The name of this writer's chain. */
    public String writer() {
        return chain.writer();
    }

    /** Entries handed to the producer and not yet acknowledged. */
    public int pending() {
        return pending.get();
    }

    /** Links the final checkpoint, waits until every entry is acknowledged (or the timeout passes), then closes the producer. */
    @Override
    public void close() {
        timer.shutdownNow();
        synchronized (this) {
            if (closed) {
                return;
            }
            checkpoint(true);
            closed = true;
        }
        producer.flush();
        producer.close(Duration.ofSeconds(10));
    }
}
