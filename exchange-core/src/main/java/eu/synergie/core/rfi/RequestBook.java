package eu.synergie.core.rfi;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The requests for information as every instance holds them: the fold of their log, read from its beginning. A version
 * is taken only if it follows the one held ({@code version + 1}), or is version 0 of a request not held; of two
 * instances writing the same next version at once, the log's order settles which counts on every instance, and the
 * other's writer is told its step did not.
 */
public final class RequestBook {

    private final Map<String, InformationRequest> byId = new HashMap<>();
    private final List<Consumer<InformationRequest>> listeners = new CopyOnWriteArrayList<>();

    /**
     * @return whether {@code request} is now the version held; a version newly taken is told to the listeners
     * ({@link #onChange}), on the caller's thread, after the book let go of its lock
     */
    public boolean apply(InformationRequest request) {
        boolean taken;
        synchronized (this) {
            InformationRequest held = byId.get(request.id());
            if (held == null ? request.version() != 0 : request.version() != held.version() + 1) {
                return request.equals(held);
            }
            taken = !request.equals(held);
            byId.put(request.id(), request);
        }
        if (taken) {
            for (Consumer<InformationRequest> listener : listeners) {
                listener.accept(request);
            }
        }
        return true;
    }

    /**
     * Tells {@code listener} of every version taken from now on (a live page's stream); closing the returned handle
     * stops it. The listener must not block: it runs on the log follower's thread.
     */
    public AutoCloseable onChange(Consumer<InformationRequest> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public synchronized Optional<InformationRequest> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The requests {@code agency} sent or holds, newest first, at most {@code limit}. */
    public synchronized List<InformationRequest> of(String agency, int limit) {
        return byId.values().stream().filter(r -> r.side(agency) != InformationRequest.Side.NONE)
                .sorted(Comparator.comparing(InformationRequest::openedAt).reversed().thenComparing(InformationRequest::id))
                .limit(limit).toList();
    }

    /** The requests still open past their expiry at {@code now}, soonest expired first. */
    public synchronized List<InformationRequest> due(Instant now) {
        return byId.values().stream().filter(r -> !r.status().closed() && !now.isBefore(r.expiresAt()))
                .sorted(Comparator.comparing(InformationRequest::expiresAt).thenComparing(InformationRequest::id)).toList();
    }
}
