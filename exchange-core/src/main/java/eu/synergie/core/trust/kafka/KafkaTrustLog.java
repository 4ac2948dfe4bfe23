package eu.synergie.core.trust.kafka;

import eu.synergie.core.trust.TrustEvent;
import eu.synergie.core.trust.TrustLog;
import eu.synergie.core.trust.TrustRecords;
import eu.synergie.core.trust.TrustUnavailableException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Trust events on the compacted topic {@code synergie.trust}, keyed by what they change, signed by the exchange,
 * through a producer of their own ({@link #producerSettings}) whose delivery time is bounded by the append timeout:
 * a change the administrator was told failed is not delivered later by a producer still retrying in the background.
 * Catching up is this instance's {@link TrustFollower}'s.
 */
public final class KafkaTrustLog implements TrustLog, AutoCloseable {

    /** Past the producer's own delivery timeout, so that its verdict, not this wait, ends an append. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final Producer<String, byte[]> producer;
    private final TrustRecords records;
    private final TrustFollower follower;
    private final Duration timeout;

    /**
     * @param producer made with {@link #producerSettings} and the same {@code timeout}
     * @param timeout  how long an append may take to be acknowledged, and a catch-up to read the log to its end
     */
    public KafkaTrustLog(Producer<String, byte[]> producer, TrustRecords records, TrustFollower follower, Duration timeout) {
        this.producer = producer;
        this.records = records;
        this.follower = follower;
        this.timeout = timeout;
    }

    /**
     * {@code base} with what the trust producer needs: every replica's acknowledgement, idempotence, no lingering,
     * and {@code delivery.timeout.ms} (with {@code request.timeout.ms}, which Kafka wants no longer) and
     * {@code max.block.ms} no longer than {@code timeout}.
     */
    public static Map<String, Object> producerSettings(Map<String, Object> base, Duration timeout) {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Map<String, Object> settings = new HashMap<>(base);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "synergie-trust");
        settings.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return settings;
    }

    @Override
    public void append(TrustEvent event) {
        try {
            producer.send(new ProducerRecord<>(TOPIC, event.key(), records.write(event)))
                    .get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unknown(event, "the wait was interrupted");
        } catch (TimeoutException e) {
            throw unknown(event, "no acknowledgement within " + timeout.plus(GRACE).toSeconds() + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) {
                // The producer gave up after its delivery timeout: a request it sent may still have been written.
                throw unknown(event, e.getCause().getMessage());
            }
            throw new TrustUnavailableException("the trust log refused the change of " + event.key()
                    + ", which was not recorded: " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
        } catch (KafkaException e) {
            // send itself: no metadata within max.block.ms, or the producer is closed; nothing left this instance
            throw new TrustUnavailableException("the trust log cannot be written now; the change of " + event.key()
                    + " was not recorded: " + e.getMessage());
        }
    }

    private static TrustUnavailableException unknown(TrustEvent event, String why) {
        return new TrustUnavailableException("the trust log did not acknowledge the change of " + event.key() + " (" + why
                + "): whether it was recorded is unknown; look at it again before repeating it");
    }

    @Override
    public void catchUp() {
        follower.catchUp(timeout);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
    }
}
