package eu.synergie.core.trust.kafka;

import eu.synergie.core.trust.TrustLog;
import eu.synergie.core.trust.TrustLogReader;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.core.trust.TrustUnavailableException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a {@link TrustRegistry} current: reads {@code synergie.trust} from the beginning on every start
 * (no consumer group: every instance needs every event), then follows it, polling at most every
 * 500 ms so that a revocation reaches every instance within about a second.
 *
 * <p>Each record goes to a {@link TrustLogReader}: only what the exchange signed is applied, anything else is
 * ignored and alarmed. Fails closed: a log it cannot read (Kafka gone, or a log of an earlier version whose events
 * are not signed) stops it and marks the registry unavailable, rather than deciding without what might be a
 * revocation; {@link #start} then fails with the reason.
 */
public final class TrustFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrustFollower.class);

    private final Consumer<String, byte[]> consumer;
    private final TrustLogReader reader;
    private final TrustRegistry registry;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final ConcurrentLinkedQueue<CatchUp> catchUps = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String failure;

    public TrustFollower(Consumer<String, byte[]> consumer, TrustLogReader reader) {
        this.consumer = consumer;
        this.reader = reader;
        this.registry = reader.registry();
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
        List<TopicPartition> partitions = List.of();
        try {
            partitions = consumer.partitionsFor(TrustLog.TOPIC, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + TrustLog.TOPIC + " does not exist");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> startEnd = consumer.endOffsets(partitions);
            while (running) {
                List<CatchUp> pending = List.copyOf(catchUps);
                Map<TopicPartition, Long> target = pending.isEmpty() ? Map.of() : consumer.endOffsets(partitions);
                try {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        reader.accept(record.key(), record.value(), record.offset(), Instant.ofEpochMilli(record.timestamp()));
                    }
                } catch (WakeupException woken) {
                    // a catch-up request: fall through and check positions
                }
                if (caughtUp.getCount() > 0 && reached(startEnd)) {
                    reader.unusable().ifPresent(why -> {
                        throw new IllegalStateException(why);
                    });
                    caughtUp.countDown();
                }
                if (!pending.isEmpty() && reached(target)) {
                    pending.forEach(request -> {
                        request.done.countDown();
                        catchUps.remove(request);
                    });
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                failure = e.getMessage();
                registry.markUnavailable(e.getMessage());
                LOG.error("the trust follower stopped; verification now refuses to decide: {}", e.toString());
            }
            caughtUp.countDown();
        } finally {
            consumer.close();
        }
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
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
