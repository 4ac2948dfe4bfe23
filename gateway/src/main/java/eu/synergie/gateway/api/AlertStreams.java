package eu.synergie.gateway.api;

import eu.synergie.core.matching.Alert;
import eu.synergie.core.matching.AlertInbox;
import eu.synergie.core.policy.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Live streams of new alerts, one per reader, for the API (JSON) and the pages (HTML) alike: each alert
 * goes out in the form {@link AlertInbox#shownTo} allows this reader, and the subscription ends with the
 * stream.
 *
 * <p>Each stream writes on a thread of its own (virtual), from a queue of at most {@value #MAX_QUEUED} alerts: the
 * alerts follower only offers each alert to each queue, so a client that stops reading (whose writes block once the
 * network buffers are full) holds up nobody else. A stream whose queue is full has fallen too far behind: it is
 * dropped and ends; the client reconnects and finds what it missed in {@code GET /api/v1/alerts}.
 *
 * <p>Streams end as soon as the gateway starts to stop (this bean stops before Tomcat's graceful shutdown,
 * which waits for every open request): otherwise one open page kept a stopping gateway waiting up to its
 * shutdown timeout (30 s), and the quick start or a test JVM with it. Clients reconnect, as
 * {@code EventSource} does by itself.
 */
@Component
public final class AlertStreams implements SmartLifecycle {

    /** Alerts a stream may have waiting before it counts as too far behind. */
    static final int MAX_QUEUED = 100;

    private static final Logger LOG = LoggerFactory.getLogger(AlertStreams.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);

    private final AlertInbox inbox;
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    AlertStreams(AlertInbox inbox) {
        this.inbox = inbox;
    }

    /**
     * @param render how one alert is written as an event
     * @param sent   called for each alert before it is sent (to audit it; if it throws, the stream ends unsent)
     */
    public SseEmitter open(Caller reader, Duration timeout, Function<Alert, SseEmitter.SseEventBuilder> render,
                           Consumer<Alert> sent) {
        return open(reader, new SseEmitter(timeout.toMillis()), render, sent);
    }

    /** As {@link #open(Caller, Duration, Function, Consumer)}, onto {@code emitter}. */
    SseEmitter open(Caller reader, SseEmitter emitter, Function<Alert, SseEmitter.SseEventBuilder> render, Consumer<Alert> sent) {
        if (!running) {
            // Stopping: the stream ends at once and the client comes back later.
            emitter.complete();
            return emitter;
        }
        Stream stream = new Stream(emitter, render, sent);
        // Made before the stream is listed: a stop at any moment finds its sender (joining one not started yet returns at once).
        stream.sender = Thread.ofVirtual().name("synergie-alert-stream").unstarted(stream::run);
        open.add(stream);
        stream.subscription = inbox.subscribe(alert -> inbox.shownTo(reader, alert).ifPresent(stream::offer));
        emitter.onCompletion(stream::end);
        emitter.onTimeout(stream::end);
        emitter.onError(e -> stream.end());
        stream.sender.start();
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

    /** Ends every open stream, waiting a moment for each to close (a stalled client's write is interrupted). */
    @Override
    public void stop() {
        running = false;
        open.forEach(Stream::end);
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Stream stream : open) {
            try {
                stream.sender.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
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

    /** One reader's stream: its queue, filled by the follower, and the thread that writes it out. */
    private final class Stream {

        private final SseEmitter emitter;
        private final Function<Alert, SseEmitter.SseEventBuilder> render;
        private final Consumer<Alert> sent;
        private final BlockingQueue<Alert> queue = new ArrayBlockingQueue<>(MAX_QUEUED);
        private volatile boolean ended;
        private volatile boolean behind;
        volatile AutoCloseable subscription;
        volatile Thread sender;

        Stream(SseEmitter emitter, Function<Alert, SseEmitter.SseEventBuilder> render, Consumer<Alert> sent) {
            this.emitter = emitter;
            this.render = render;
            this.sent = sent;
        }

        /** On the alerts follower's thread: never blocks. */
        void offer(Alert alert) {
            if (!ended && !queue.offer(alert)) {
                behind = true;
                end();
            }
        }

        /** Asks the stream to end; its own thread closes it (closing may wait for a write in progress). */
        void end() {
            ended = true;
            Thread thread = sender;
            if (thread != null) {
                thread.interrupt();
            }
        }

        void run() {
            try {
                // A first comment sends the headers at once: the client knows the stream is open.
                emitter.send(SseEmitter.event().comment("synergie alerts"));
                while (!ended) {
                    Alert alert = queue.poll(1, TimeUnit.MINUTES);
                    if (alert != null && !ended) {
                        sent.accept(alert);
                        emitter.send(render.apply(alert));
                    }
                }
            } catch (InterruptedException | IOException | IllegalStateException gone) {
                // ended, or the client went away
            } catch (RuntimeException e) {
                LOG.warn("an alert stream ended: {}", e.toString());
            } finally {
                ended = true;
                open.remove(this);
                close(subscription);
                if (behind) {
                    LOG.info("an alert stream fell {} alerts behind and was closed; the client reconnects", MAX_QUEUED);
                }
                Thread.interrupted(); // completing must not fail for an interrupt meant to end the wait
                try {
                    emitter.complete();
                } catch (RuntimeException alreadyGone) {
                    // the request ended first
                }
            }
        }

        private static void close(AutoCloseable subscription) {
            try {
                if (subscription != null) {
                    subscription.close();
                }
            } catch (Exception ignored) {
                // removing a listener from a list does not fail
            }
        }
    }
}
