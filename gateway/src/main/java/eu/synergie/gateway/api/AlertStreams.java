package eu.synergie.gateway.api;

import eu.synergie.core.matching.Alert;
import eu.synergie.core.matching.AlertInbox;
import eu.synergie.core.policy.Caller;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A live stream of new alerts for one reader, for the API (JSON) and the pages (HTML) alike: each alert
 * goes out in the form {@link AlertInbox#shownTo} allows this reader, and the subscription ends with the
 * stream.
 */
public final class AlertStreams {

    private AlertStreams() {
    }

    /**
     * @param render how one alert is written as an event
     * @param sent   called for each alert sent (to audit it)
     */
    public static SseEmitter open(AlertInbox inbox, Caller reader, Duration timeout,
                                  Function<Alert, SseEmitter.SseEventBuilder> render, Consumer<Alert> sent) throws IOException {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        AutoCloseable subscription = inbox.subscribe(alert -> inbox.shownTo(reader, alert).ifPresent(shown -> {
            try {
                emitter.send(render.apply(shown));
                sent.accept(shown);
            } catch (IOException | IllegalStateException gone) {
                emitter.completeWithError(gone);
            }
        }));
        Runnable unsubscribe = () -> {
            try {
                subscription.close();
            } catch (Exception ignored) {
                // removing a listener from a list does not fail
            }
        };
        emitter.onCompletion(unsubscribe);
        emitter.onTimeout(unsubscribe);
        emitter.onError(e -> unsubscribe.run());
        // A first comment sends the headers at once: the client knows the stream is open.
        emitter.send(SseEmitter.event().comment("synergie alerts"));
        return emitter;
    }
}
