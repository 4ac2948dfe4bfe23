package eu.synergie.core.ingestion.kafka;

import eu.synergie.core.ingestion.DeadLetter;
import eu.synergie.core.ingestion.DeadLetters;
import eu.synergie.core.intake.LoggedEnvelope;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Dead letters on {@code synergie.deadletter}: the envelope exactly as it was read, and in headers the
 * reason code, a message naming the failed check, the source position and the time of rejection.
 */
public final class KafkaDeadLetters implements DeadLetters {

    private final KafkaTemplate<String, byte[]> template;
    private final Duration timeout;

    public KafkaDeadLetters(KafkaTemplate<String, byte[]> template, Duration timeout) {
        this.template = template;
        this.timeout = timeout;
    }

    @Override
    public void send(List<DeadLetter> letters) {
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (DeadLetter letter : letters) {
            LoggedEnvelope source = letter.source();
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, source.key(), source.envelope());
            header(record, "synergie.reason", letter.reason().name());
            header(record, "synergie.message", letter.message());
            header(record, "synergie.source", source.topic() + "/" + source.partition() + "/" + source.offset());
            header(record, "synergie.rejected-at", letter.rejectedAt().toString());
            sends.add(template.send(record));
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing dead letters", e);
        } catch (Exception e) {
            throw new IllegalStateException("the dead-letter topic did not acknowledge", e);
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
