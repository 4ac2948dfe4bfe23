package eu.synergie.core.trust.kafka;

import eu.synergie.core.integrity.Rejection;
import eu.synergie.core.kafka.TopicReadException;
import eu.synergie.core.kafka.TopicReader;
import eu.synergie.core.trust.TrustLog;
import eu.synergie.core.trust.TrustLogReader;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.core.trust.TrustUnavailableException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
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
 * ignored and alarmed, and so is a record without the broker's append time (the freshness rule judges by it). Each
 * time it has read the log to the end, it tells the registry as of when ({@link TrustRegistry#readToEnd}).
 *
 * <p>Fails closed, and only while it must: when the log cannot be read (Kafka gone, a read that stops moving), the
 * registry is marked unavailable (nothing is trusted or refused, readiness is down) and the read is tried again,
 * 0.5 s later, then twice as long each time up to 15 s; once it reaches the log's end again the registry is current
 * and available. A log that cannot be used at all (an earlier version's, whose events are not signed) stops it for
 * good, and {@link #start} fails with the reason.
 */
public final class TrustFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrustFollower.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(15);

    private final Consumer<String, byte[]> consumer;
    private final TrustLogReader records;
    private final TrustRegistry registry;
    private final Clock clock;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final CountDownLatch closing = new CountDownLatch(1);
    private final ConcurrentLinkedQueue<CatchUp> catchUps = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String failure;

    public TrustFollower(Consumer<String, byte[]> consumer, TrustLogReader records) {
        this(consumer, records, Clock.systemUTC());
    }

    /** @param clock the instance's clock, by which it says as of when the registry is current */
    public TrustFollower(Consumer<String, byte[]> consumer, TrustLogReader records, Clock clock) {
        this.consumer = consumer;
        this.records = records;
        this.registry = records.registry();
        this.clock = clock;
        this.thread = Thread.ofPlatform().daemon().name("synergie-trust-follower").unstarted(this::follow);
    }

    /**
     * Starts following and waits until every event present at start has been applied.
     *
     * @throws TrustUnavailableException when the log could not be read to its end within {@code timeout}, or cannot
     *                                   be used; the follower is then closed
     */
    public void start(Duration timeout) {
        thread.start();
        try {
            await(caughtUp, timeout, "the trust registry did not load from " + TrustLog.TOPIC);
        } catch (TrustUnavailableException e) {
            close();
            throw registry.unavailableReason().map(why -> new TrustUnavailableException(e.getMessage() + ": " + why))
                    .orElse(e);
        }
        if (failure != null) {
            throw new TrustUnavailableException("the trust registry did not load: " + failure);
        }
    }

    /**
     * Waits until every event appended before this call has been applied: another instance may have
     * just issued the certificate of a notice this one is about to verify.
     *
     * @throws TrustUnavailableException at once while the log cannot be read, or when it is not read within {@code timeout}
     */
    public void catchUp(Duration timeout) {
        registry.unavailableReason().ifPresent(why -> {
            throw new TrustUnavailableException("the trust registry is unavailable: " + why);
        });
        CatchUp request = new CatchUp();
        catchUps.add(request);
        consumer.wakeup();
        try {
            await(request.done, timeout, "the trust registry did not catch up with " + TrustLog.TOPIC);
        } finally {
            catchUps.remove(request);
        }
    }

    private void follow() {
        Duration retry = FIRST_RETRY;
        TopicReader reader = null;
        boolean toTheEnd = true;
        try {
            while (running) {
                List<CatchUp> pending = List.copyOf(catchUps);
                try {
                    if (reader == null) {
                        reader = TopicReader.fromStart(consumer, TrustLog.TOPIC);
                    }
                    if (toTheEnd || !pending.isEmpty()) {
                        // To the end the log has now: at start, after a failure, and for each catch-up request.
                        Instant asOf = clock.instant();
                        reader.readTo(reader.end(), batch -> batch.forEach(this::apply));
                        if (caughtUp.getCount() > 0) {
                            records.unusable().ifPresent(why -> {
                                throw new UnusableLog(why);
                            });
                        }
                        if (toTheEnd && caughtUp.getCount() == 0) {
                            LOG.info("the trust follower reads {} again: the registry is current", TrustLog.TOPIC);
                        }
                        registry.readToEnd(asOf);
                        toTheEnd = false;
                        retry = FIRST_RETRY;
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
                } catch (TopicReadException | KafkaException e) {
                    if (!running) {
                        break;
                    }
                    registry.markUnavailable(e.getMessage());
                    LOG.warn("the trust follower cannot read {} (tries again in {} ms); until it can, verification"
                            + " refuses to decide: {}", TrustLog.TOPIC, retry.toMillis(), e.toString());
                    toTheEnd = true;
                    pause(retry);
                    retry = retry.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : retry.multipliedBy(2);
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
        if (record.timestampType() != TimestampType.LOG_APPEND_TIME) {
            // The freshness rule judges the broker's append time, which no producer can set; a producer's own time is not it.
            records.refuse(record.key(), record.offset(), Rejection.UNTRUSTED_TIMESTAMP, "the record carries "
                    + record.timestampType() + ", not the broker's append time");
            return;
        }
        try {
            records.accept(record.key(), record.value(), record.offset(), Instant.ofEpochMilli(record.timestamp()));
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("skipped trust record {}-{}@{}: its handling failed: {}", record.topic(), record.partition(),
                    record.offset(), e.getClass().getName());
        }
    }

    private void pause(Duration pause) {
        try {
            closing.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        closing.countDown();
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

    /** A log this version cannot use at all: following it stops. */
    private static final class UnusableLog extends RuntimeException {
        UnusableLog(String message) {
            super(message, null, false, false);
        }
    }
}
