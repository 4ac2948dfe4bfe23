package eu.synergie.core.matching.kafka;

import eu.synergie.core.integrity.LogAlarm;
import eu.synergie.core.integrity.Rejection;
import eu.synergie.core.kafka.TopicReader;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads a topic from its beginning to its end on every start ({@link TopicReader}), without a consumer group
 * (every instance needs every record), then follows it: each record goes to {@code apply} with its key, value
 * (null for a tombstone), offset and broker append time. A record without the broker's append time (a time its
 * producer chose, against which no freshness can be judged) is not handed on: it is ignored and alarmed.
 * A record {@code apply} refuses is logged and skipped: unlike trust, a bad alert or watchlist must not
 * stop the others.
 */
public final class TopicFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final Handler apply;
    private final LogAlarm alarm;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    /** What is done with each record. */
    @FunctionalInterface
    public interface Handler {
        void accept(String key, byte[] value, long offset, Instant appendedAt);
    }

    public TopicFollower(Consumer<String, byte[]> consumer, String topic, Handler apply, LogAlarm alarm) {
        this.consumer = consumer;
        this.topic = topic;
        this.apply = apply;
        this.alarm = alarm;
        this.thread = Thread.ofPlatform().daemon().name("synergie-follow-" + topic).unstarted(this::follow);
    }

    /** Starts following; waits up to {@code timeout} for what the topic held at start to be applied. */
    public boolean start(Duration timeout) {
        thread.start();
        try {
            return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void follow() {
        try {
            TopicReader reader = TopicReader.fromStart(consumer, topic);
            while (running) {
                try {
                    if (caughtUp.getCount() > 0) {
                        reader.readTo(reader.end(), records -> records.forEach(this::apply));
                        caughtUp.countDown();
                    } else {
                        reader.poll(Duration.ofMillis(200)).forEach(this::apply);
                    }
                } catch (WakeupException woken) {
                    // closing
                }
            }
        } catch (RuntimeException | Error e) {
            if (running) {
                LOG.error("stopped following {}: {}", topic, e.toString());
            }
        } finally {
            consumer.close();
        }
    }

    /**
     * One record; whatever its handling throws, an Error included (recursion deeper than the thread's stack, out of
     * memory), the record is skipped with an error in the log, and the next one is read: a dead follower thread
     * would stop alerts and watchlists for good, without a word. (The handler itself alarms and counts the records
     * it refuses.) Only the class of what was thrown is logged: a message could quote the record.
     */
    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.timestampType() != TimestampType.LOG_APPEND_TIME) {
            alarm.rejected(topic, record.key(), record.offset(), Rejection.UNTRUSTED_TIMESTAMP,
                    "the record carries " + record.timestampType() + ", not the broker's append time");
            return;
        }
        try {
            apply.accept(record.key(), record.value(), record.offset(), Instant.ofEpochMilli(record.timestamp()));
        } catch (Throwable e) {
            LOG.error("skipped record {}-{}@{}: its handling failed: {}", record.topic(), record.partition(), record.offset(),
                    e.getClass().getName());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
