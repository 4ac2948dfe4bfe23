package eu.synergie.gateway.api;

import eu.synergie.core.matching.Alert;
import eu.synergie.core.matching.AlertInbox;
import eu.synergie.core.policy.Caller;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Live streams of new alerts, one per reader, for the API (JSON) and the pages (HTML) alike: each alert
 * goes out in the form {@link AlertInbox#shownTo} allows this reader, and the subscription ends with the
 * stream.
 *
 * <p>Streams end as soon as the gateway starts to stop (this bean stops before Tomcat's graceful shutdown,
 * which waits for every open request): otherwise one open page kept a stopping gateway waiting up to its
 * shutdown timeout (30 s), and the quick start or a test JVM with it. Clients reconnect, as
 * {@code EventSource} does by itself.
 */
@Component
public final class AlertStreams implements SmartLifecycle {

    private final AlertInbox inbox;
    private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    AlertStreams(AlertInbox inbox) {
        this.inbox = inbox;
    }

    /**
     * @param render how one alert is written as an event
     * @param sent   called for each alert sent (to audit it)
     */
    public SseEmitter open(Caller reader, Duration timeout, Function<Alert, SseEmitter.SseEventBuilder> render,
                           Consumer<Alert> sent) throws IOException {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        if (!running) {
            // Stopping: the stream ends at once and the client comes back later.
            emitter.complete();
            return emitter;
        }
        AutoCloseable subscription = inbox.subscribe(alert -> inbox.shownTo(reader, alert).ifPresent(shown -> {
            try {
                emitter.send(render.apply(shown));
                sent.accept(shown);
            } catch (IOException | IllegalStateException gone) {
                emitter.completeWithError(gone);
            }
        }));
        Runnable ended = () -> {
            open.remove(emitter);
            try {
                subscription.close();
            } catch (Exception ignored) {
                // removing a listener from a list does not fail
            }
        };
        emitter.onCompletion(ended);
        emitter.onTimeout(ended);
        emitter.onError(e -> ended.run());
        open.add(emitter);
        // A first comment sends the headers at once: the client knows the stream is open.
        emitter.send(SseEmitter.event().comment("synergie alerts"));
        return emitter;
    }

    /** How many streams are open now. */
    int openStreams() {
        return open.size();
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every open stream. */
    @Override
    public void stop() {
        running = false;
        for (SseEmitter emitter : open) {
            open.remove(emitter);
            emitter.complete();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Among the first to stop: before the web server's graceful shutdown and the Kafka listeners. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
