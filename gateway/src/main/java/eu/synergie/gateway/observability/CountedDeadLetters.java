package eu.synergie.gateway.observability;

import eu.synergie.core.ingestion.DeadLetter;
import eu.synergie.core.ingestion.DeadLetters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;

/**
 * Counts what the indexer rejects, by reason, once the dead letters are durably written:
 * {@code synergie.ingestion.rejected} ({@code synergie_ingestion_rejected_total{reason=…}} in Prometheus).
 * A batch retried after a failure may count its dead letters twice, as the topic then holds them twice.
 */
public final class CountedDeadLetters implements DeadLetters {

    private final DeadLetters delegate;
    private final MeterRegistry registry;

    public CountedDeadLetters(DeadLetters delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
    }

    @Override
    public void send(List<DeadLetter> letters) {
        delegate.send(letters);
        for (DeadLetter letter : letters) {
            Counter.builder("synergie.ingestion.rejected").description("Envelopes the indexer dead-lettered, by reason")
                    .tag("reason", letter.reason().name()).register(registry).increment();
        }
    }
}
