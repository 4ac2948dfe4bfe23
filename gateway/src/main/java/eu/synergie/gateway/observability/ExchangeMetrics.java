package eu.synergie.gateway.observability;

import eu.synergie.core.ExchangeException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;

/**
 * The request-side meters, recorded by the API where each request is settled:
 * <ul>
 * <li>{@code synergie.publish} (timer): one envelope, from receipt to the log's acknowledgement or the refusal,
 *     tagged {@code outcome} ({@code accepted}, {@code rejected}, {@code unavailable}, {@code error}) and
 *     {@code reason} (the {@code RejectionReason} of a refusal, else {@code none});</li>
 * <li>{@code synergie.search} (timer): one search, tagged {@code outcome} ({@code ok}, {@code unavailable}, {@code error}).</li>
 * </ul>
 * In Prometheus: {@code synergie_publish_seconds_count{outcome="rejected",reason="CERTIFICATE_REVOKED"}} and so on.
 */
public final class ExchangeMetrics {

    private final MeterRegistry registry;

    ExchangeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Starts timing a publication or a search; stop it with {@link #published} or {@link #searched}. */
    public long start() {
        return System.nanoTime();
    }

    /** @param failure null when the envelope was accepted */
    public void published(long start, Throwable failure) {
        switch (failure) {
            case null -> publish(start, "accepted", "none");
            case ExchangeException.Refused refused -> publish(start, "rejected", refused.refusal().reason());
            case ExchangeException.Unavailable unavailable -> publish(start, "unavailable", "none");
            default -> publish(start, "error", "none");
        }
    }

    private void publish(long start, String outcome, String reason) {
        Timer.builder("synergie.publish").description("Envelopes published, by outcome and rejection reason")
                .tag("outcome", outcome).tag("reason", reason).register(registry).record(System.nanoTime() - start,
                        TimeUnit.NANOSECONDS);
    }

    /** @param failure null when the search answered */
    public void searched(long start, Throwable failure) {
        String outcome = switch (failure) {
            case null -> "ok";
            case ExchangeException.Unavailable unavailable -> "unavailable";
            default -> "error";
        };
        Timer.builder("synergie.search").description("Searches, by outcome").tag("outcome", outcome)
                .register(registry).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
}
