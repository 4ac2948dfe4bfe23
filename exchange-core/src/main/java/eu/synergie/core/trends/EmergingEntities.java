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
        return fromSightings(occurrences.stream().map(o -> new Sighting(o.key(), o.agency(), o.at(), o.at(), 1)).toList(),
                now, window, minimumAgencies);
    }

    /**
     * The same rule over what the index counts per value and agency ({@link TrendCounts#sightings}): a sighting counts
     * where its last notice is within the window (the index was asked for that window only; this holds the rule should
     * it be asked for more).
     */
    public static List<EmergingEntity> fromSightings(Collection<Sighting> sightings, Instant now, Duration window,
                                                     int minimumAgencies) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        if (minimumAgencies < 1) {
            throw new IllegalArgumentException("minimumAgencies must be ≥ 1: " + minimumAgencies);
        }
        Instant from = now.minus(window);
        Map<String, List<Sighting>> byKey = new TreeMap<>();
        for (Sighting sighting : sightings) {
            if (!sighting.last().isBefore(from) && !sighting.first().isAfter(now)) {
                byKey.computeIfAbsent(sighting.key(), key -> new ArrayList<>()).add(sighting);
            }
        }
        List<EmergingEntity> emerging = new ArrayList<>();
        byKey.forEach((key, seen) -> {
            TreeSet<String> agencies = new TreeSet<>();
            seen.forEach(sighting -> agencies.add(sighting.agency()));
            if (agencies.size() >= minimumAgencies) {
                Instant first = seen.stream().map(Sighting::first).map(f -> f.isBefore(from) ? from : f)
                        .min(Comparator.naturalOrder()).orElseThrow();
                Instant last = seen.stream().map(Sighting::last).map(l -> l.isAfter(now) ? now : l)
                        .max(Comparator.naturalOrder()).orElseThrow();
                emerging.add(new EmergingEntity(key, List.copyOf(agencies), first, last,
                        (int) seen.stream().mapToLong(Sighting::notices).sum()));
            }
        });
        emerging.sort(Comparator.comparingInt((EmergingEntity entity) -> entity.agencies().size()).reversed()
                .thenComparing(EmergingEntity::key));
        return List.copyOf(emerging);
    }
}
