package eu.synergie.core.trust.kafka;

import eu.synergie.core.kafka.TopicReader;
import eu.synergie.core.trust.TrustLog;
import eu.synergie.core.trust.TrustLogReader;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.core.trust.TrustUnavailableException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a {@link TrustRegistry} current: reads {@code synergie.trust} from the beginning to its end on every
 * start ({@link TopicReader}; no consumer group: every instance needs every event), then follows it, polling at
 * most every 500 ms so that a revocation reaches every instance within about a second.
 *
 * <p>Each record goes to a {@link TrustLogReader}: only what the exchange signed is applied, anything else is
 * ignored and alarmed. Fails closed: a log it cannot read (Kafka gone, or a log of an earlier version whose events
 * are not signed) stops it and marks the registry unavailable, rather than deciding without what might be a
 * revocation; {@link #start} then fails with the reason.
 */
public final class TrustFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrustFollower.class);

    private final Consumer<String, byte[]> consumer;
    private final TrustLogReader records;
    private final TrustRegistry registry;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final ConcurrentLinkedQueue<CatchUp> catchUps = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String failure;

    public TrustFollower(Consumer<String, byte[]> consumer, TrustLogReader records) {
        this.consumer = consumer;
        this.records = records;
        this.registry = records.registry();
        this.thread = Thread.ofPlatform().daemon().name("synergie-trust-follower").unstarted(this::follow);
    }

    /** Starts following and waits until every event present at start has been applied. */
    public void start(Duration timeout) {
        thread.start();
        await(caughtUp, timeout, "the trust registry did not load from " + TrustLog.TOPIC);
        if (failure != null) {
            throw new TrustUnavailableException("the trust registry did not load: " + failure);
        }
    }

    /**
     * Waits until every event appended before this call has been applied: another instance may have
     * just issued the certificate of a notice this one is about to verify.
     */
    public void catchUp(Duration timeout) {
        CatchUp request = new CatchUp();
        catchUps.add(request);
        consumer.wakeup();
        await(request.done, timeout, "the trust registry did not catch up with " + TrustLog.TOPIC);
    }

    private void follow() {
        try {
            TopicReader reader = TopicReader.fromStart(consumer, TrustLog.TOPIC);
            while (running) {
                List<CatchUp> pending = List.copyOf(catchUps);
                try {
                    if (caughtUp.getCount() > 0 || !pending.isEmpty()) {
                        // To the end the log has now: at start, and for each catch-up request.
                        reader.readTo(reader.end(), batch -> batch.forEach(this::apply));
                        if (caughtUp.getCount() > 0) {
                            records.unusable().ifPresent(why -> {
                                throw new IllegalStateException(why);
                            });
                        }
                        caughtUp.countDown();
                        pending.forEach(request -> {
                            request.done.countDown();
                            catchUps.remove(request);
                        });
                    } else {
                        reader.poll(Duration.ofMillis(500)).forEach(this::apply);
                    }
                } catch (WakeupException woken) {
                    // a catch-up request, or closing: the loop looks again
                }
            }
        } catch (RuntimeException | Error e) {
            // An Error too (out of memory…): a follower thread that died without a word would leave the registry
            // answering from a state that no longer follows the log.
            if (running) {
                String why = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
                registry.markUnavailable(why);
                failure = why;
                caughtUp.countDown();
                LOG.error("the trust follower stopped; verification now refuses to decide: {}", e.toString());
            }
        } finally {
            consumer.close();
        }
    }

    /**
     * One record. The reader refuses what it cannot read with an alarm; should the handling of one record still
     * fail (an exception, or recursion deeper than the thread's stack), that record is skipped with an error in
     * the log, and the follower goes on: one record must not stop it. Other Errors (out of memory) end the
     * follower, with the registry unavailable: skipping there could lose a revocation without a trace.
     */
    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            records.accept(record.key(), record.value(), record.offset(), Instant.ofEpochMilli(record.timestamp()));
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("skipped trust record {}-{}@{}: its handling failed: {}", record.topic(), record.partition(),
                    record.offset(), e.getClass().getName());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }

    private static void await(CountDownLatch latch, Duration timeout, String failure) {
        try {
            if (!latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TrustUnavailableException(failure + " within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrustUnavailableException("interrupted while waiting for the trust registry");
        }
    }

    private static final class CatchUp {
        final CountDownLatch done = new CountDownLatch(1);
    }
}
