package eu.synergie.core.trust.kafka;

import eu.synergie.core.trust.TrustEvent;
import eu.synergie.core.trust.TrustEventJson;
import eu.synergie.core.trust.TrustLog;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Trust events on the compacted topic {@code synergie.trust}, keyed by what they change. */
public final class KafkaTrustLog implements TrustLog {

    private final KafkaTemplate<String, byte[]> template;
    private final Duration timeout;

    public KafkaTrustLog(KafkaTemplate<String, byte[]> template, Duration timeout) {
        this.template = template;
        this.timeout = timeout;
    }

    @Override
    public void append(TrustEvent event) {
        try {
            template.send(new ProducerRecord<>(TOPIC, event.key(), TrustEventJson.write(event)))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to the trust log", e);
        } catch (Exception e) {
            throw new IllegalStateException("the trust log did not acknowledge the change; nothing was changed", e);
        }
    }
}
