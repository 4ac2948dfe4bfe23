package eu.synergie.core.trust.kafka;

import eu.synergie.core.trust.TrustEvent;
import eu.synergie.core.trust.TrustLog;
import eu.synergie.core.trust.TrustRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Trust events on the compacted topic {@code synergie.trust}, keyed by what they change, signed by the exchange. */
public final class KafkaTrustLog implements TrustLog {

    private final KafkaTemplate<String, byte[]> template;
    private final TrustRecords records;
    private final Duration timeout;

    public KafkaTrustLog(KafkaTemplate<String, byte[]> template, TrustRecords records, Duration timeout) {
        this.template = template;
        this.records = records;
        this.timeout = timeout;
    }

    @Override
    public void append(TrustEvent event) {
        try {
            template.send(new ProducerRecord<>(TOPIC, event.key(), records.write(event)))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to the trust log", e);
        } catch (Exception e) {
            throw new IllegalStateException("the trust log did not acknowledge the change; nothing was changed", e);
        }
    }
}
