package eu.synergie.core.matching;

import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The latest alerts per agency, as read from {@code synergie.alerts}, and who is listening for new ones.
 * What a reader sees of an alert is decided here, against the reader's own token, every time: an analyst
 * sees the hits on notices they may read, a hit's other notice only if they may open it (a pointer
 * otherwise), and their own watchlists' alerts.
 */
public final class AlertInbox {

    private final AccessPolicy policy;
    private final int keptPerAgency;
    private final Map<String, Deque<Alert>> byAgency = new HashMap<>();
    private final Set<String> ids = new HashSet<>();
    private final List<Consumer<Alert>> listeners = new CopyOnWriteArrayList<>();

    /** @param keptPerAgency how many of the latest alerts are kept per agency (older ones stay in the log) */
    public AlertInbox(AccessPolicy policy, int keptPerAgency) {
        this.policy = policy;
        this.keptPerAgency = keptPerAgency;
    }

    /** Adds an alert read from the log; one already held (same id) is ignored. */
    public void add(Alert alert) {
        synchronized (this) {
            if (!ids.add(alert.id())) {
                return;
            }
            Deque<Alert> alerts = byAgency.computeIfAbsent(alert.recipientAgency(), a -> new ArrayDeque<>());
            alerts.addFirst(alert);
            if (alerts.size() > keptPerAgency) {
                ids.remove(alerts.removeLast().id());
            }
        }
        listeners.forEach(listener -> listener.accept(alert));
    }

    /** The newest alerts {@code reader} may see, in the form they may see them. */
    public synchronized List<Alert> visibleTo(Caller reader, int limit) {
        List<Alert> visible = new ArrayList<>();
        for (Alert alert : byAgency.getOrDefault(reader.agency(), new ArrayDeque<>())) {
            if (visible.size() == limit) {
                break;
            }
            shownTo(reader, alert).ifPresent(visible::add);
        }
        return visible;
    }

    /** The alert as {@code reader} may see it, or empty when it is not theirs to see. */
    public Optional<Alert> shownTo(Caller reader, Alert alert) {
        if (reader.agency() == null || !reader.agency().equals(alert.recipientAgency())
                || (alert.recipientSubject() != null && !alert.recipientSubject().equals(reader.subject()))) {
            return Optional.empty();
        }
        if (alert instanceof Alert.TrendRise rise) {
            // Counts of a region up to a classification: for its subscriber while they still read both.
            return reader.has(eu.synergie.core.policy.Role.ANALYST) && reader.regions().contains(rise.region())
                    && reader.clearance() != null && rise.countedUpTo().atMost(reader.clearance())
                    ? Optional.of(rise) : Optional.empty();
        }
        if (!policy.decide(reader, alert.markings()).permitted()) {
            return Optional.empty();
        }
        return Optional.of(switch (alert) {
            case Alert.Hit hit -> hit.form() == Alert.Form.FULL && hit.otherMarkings() != null
                    && policy.decide(reader, hit.otherMarkings()).permitted() ? hit : hit.asPointer();
            case Alert.WatchlistMatch match -> match;
            case Alert.OverCorrelation over -> over;
            case Alert.TrendRise rise -> rise;
        });
    }

    /** Calls {@code listener} with every new alert (unfiltered: apply {@link #shownTo}); close to stop. */
    public AutoCloseable subscribe(Consumer<Alert> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
