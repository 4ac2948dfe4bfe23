package eu.synergie.core.trends;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Values that start to turn up across agencies: a match key named in notices of at least {@code minimumAgencies}
 * distinct agencies within the last {@code window} (both ends included: from now − window to now).
 *
 * <p>This is a co-occurrence count over values (a phone number, an account, a wallet), aggregated across
 * agencies: it says "these agencies all met this number this month", which an analyst can check notice by
 * notice. It rates no person, predicts no one's behaviour and uses no personal traits, so it is not the risk
 * assessment of natural persons prohibited by the EU AI Act, Art. 5(1)(d). Occurrences dated after now are
 * ignored (a clock ahead at some agency must not make a value emerge early).
 */
public final class EmergingEntities {

    public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    public static final int DEFAULT_MINIMUM_AGENCIES = 3;

    private EmergingEntities() {
    }

    /** With the defaults: 3 agencies within 30 days. */
    public static List<EmergingEntity> find(Collection<Occurrence> occurrences, Instant now) {
        return find(occurrences, now, DEFAULT_WINDOW, DEFAULT_MINIMUM_AGENCIES);
    }

    /** The emerging values, most agencies first, then by key. */
    public static List<EmergingEntity> find(Collection<Occurrence> occurrences, Instant now, Duration window,
                                            int minimumAgencies) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        if (minimumAgencies < 1) {
            throw new IllegalArgumentException("minimumAgencies must be ≥ 1: " + minimumAgencies);
        }
        Instant from = now.minus(window);
        Map<String, List<Occurrence>> byKey = new TreeMap<>();
        for (Occurrence occurrence : occurrences) {
            if (!occurrence.at().isBefore(from) && !occurrence.at().isAfter(now)) {
                byKey.computeIfAbsent(occurrence.key(), key -> new ArrayList<>()).add(occurrence);
            }
        }
        List<EmergingEntity> emerging = new ArrayList<>();
        byKey.forEach((key, seen) -> {
            TreeSet<String> agencies = new TreeSet<>();
            seen.forEach(occurrence -> agencies.add(occurrence.agency()));
            if (agencies.size() >= minimumAgencies) {
                Instant first = seen.stream().map(Occurrence::at).min(Comparator.naturalOrder()).orElseThrow();
                Instant last = seen.stream().map(Occurrence::at).max(Comparator.naturalOrder()).orElseThrow();
                emerging.add(new EmergingEntity(key, List.copyOf(agencies), first, last, seen.size()));
            }
        });
        emerging.sort(Comparator.comparingInt((EmergingEntity entity) -> entity.agencies().size()).reversed()
                .thenComparing(EmergingEntity::key));
        return List.copyOf(emerging);
    }
}
