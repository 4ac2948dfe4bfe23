package eu.synergie.core.rfi.kafka;

import eu.synergie.core.intake.LogUnavailableException;
import eu.synergie.core.rfi.InformationRequest;
import eu.synergie.core.rfi.RequestLog;
import eu.synergie.core.rfi.RequestRecords;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Requests appended to {@code synergie.requests}, keyed by id, each authenticated by the exchange ({@link RequestRecords}). */
public final class KafkaRequestLog implements RequestLog {

    private final KafkaTemplate<String, byte[]> template;
    private final RequestRecords records;
    private final Duration timeout;

    public KafkaRequestLog(KafkaTemplate<String, byte[]> template, RequestRecords records, Duration timeout) {
        this.template = Objects.requireNonNull(template, "template");
        this.records = Objects.requireNonNull(records, "records");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public long append(InformationRequest request) {
        try {
            return template.send(TOPIC, request.id(), records.seal(request)).get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .getRecordMetadata().offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogUnavailableException("interrupted while appending to " + TOPIC, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new LogUnavailableException(TOPIC + " did not acknowledge within " + timeout.toSeconds() + " s", e);
        }
    }
}
