package eu.synergie.gateway.web;

import eu.synergie.core.policy.Caller;
import eu.synergie.core.rfi.InformationRequest;
import eu.synergie.core.rfi.RequestBook;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The request pages' live updates: each open page of an analyst gets an event {@code request}, {@code {"id",
 * "version", "status"}}, whenever a request of the analyst's agency moves (on any instance: every instance follows the
 * log), and reloads itself. Nothing of the request but its id and state goes out, and only to its two agencies'
 * pages. Each event is written on a virtual thread of its own, so a page that stops reading holds up nobody; a page
 * whose write fails is dropped (the browser's EventSource reconnects). Every stream ends as the gateway starts to
 * stop, so that an open page does not keep it waiting.
 */
@Component
class RequestStreams implements SmartLifecycle {

    private final Map<SseEmitter, String> open = new ConcurrentHashMap<>();
    private final ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();
    private final RequestBook book;
    private volatile AutoCloseable listening;
    private volatile boolean running;

    RequestStreams(RequestBook book) {
        this.book = book;
    }

    /** A stream for {@code analyst}'s page, of the requests of their agency. */
    SseEmitter open(Caller analyst, Duration timeout) {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        if (!running || analyst.agency() == null) {
            emitter.complete();
            return emitter;
        }
        open.put(emitter, analyst.agency());
        emitter.onCompletion(() -> open.remove(emitter));
        emitter.onTimeout(() -> open.remove(emitter));
        emitter.onError(e -> open.remove(emitter));
        return emitter;
    }

    private void changed(InformationRequest request) {
        Set<String> parties = Set.of(request.requesterAgency(), request.holderAgency());
        String data = "{\"id\":\"" + request.id() + "\",\"version\":" + request.version() + ",\"status\":\""
                + request.status().name() + "\"}";
        open.forEach((emitter, agency) -> {
            if (parties.contains(agency)) {
                writers.execute(() -> {
                    try {
                        emitter.send(SseEmitter.event().name("request").data(data));
                    } catch (IOException | IllegalStateException gone) {
                        open.remove(emitter);
                        emitter.completeWithError(gone);
                    }
                });
            }
        });
    }

    @Override
    public void start() {
        listening = book.onChange(this::changed);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        try {
            if (listening != null) {
                listening.close();
            }
        } catch (Exception e) {
            // the listener list cannot fail to remove
        }
        open.keySet().forEach(SseEmitter::complete);
        open.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
