package eu.synergie.core.trust;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The trust log of one instance in tests, without Kafka or signatures (those are {@link TrustLogReaderTest}'s and
 * {@link TrustScenariosTest}'s): appended events are kept in order, and a catch-up applies those not read yet to
 * the registry, as the instance's follower would.
 */
public final class ListTrustLog implements TrustLog {

    public final List<TrustEvent> events;
    private final TrustRegistry registry;
    private Consumer<TrustEvent> beforeAppend = event -> { };
    private int read;

    public ListTrustLog(TrustRegistry registry) {
        this(registry, new ArrayList<>());
    }

    /** Appends to {@code events}, which may hold events already applied to {@code registry}. */
    public ListTrustLog(TrustRegistry registry, List<TrustEvent> events) {
        this.registry = registry;
        this.events = events;
    }

    public TrustRegistry registry() {
        return registry;
    }

    /** Runs {@code hook} before each append: what another instance appends at the same moment. */
    public ListTrustLog beforeAppend(Consumer<TrustEvent> hook) {
        this.beforeAppend = hook;
        return this;
    }

    @Override
    public void append(TrustEvent event) {
        beforeAppend.accept(event);
        events.add(event);
    }

    @Override
    public void catchUp() {
        while (read < events.size()) {
            TrustEvent event = events.get(read++);
            registry.apply(event);
            registry.lastRecord(event.key(), registry.current(event.key()).filter(event::equals).isPresent());
        }
        registry.readToEnd(Instant.now());
    }
}
