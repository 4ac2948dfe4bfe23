package eu.synergie.core.trends;

import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.ReadScope;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A caller's trends: the index counts what the caller may read (its scope in the query), per region, type and period;
 * each series' last complete period is judged against the periods before it ({@link RiseTest}); the current period is
 * shown as it stands, never judged (a month a third gone is no month). Values several agencies named within the window
 * are listed ({@link EmergingEntities}). Aggregates and co-occurrences of values only: nothing here rates a person.
 */
public final class Trends {

    /** The most values the emerging list asks the index for. */
    static final int EMERGING_LOOKED_AT = 200;

    private final TrendCounts counts;
    private final AccessPolicy policy;
    private final RiseTest test;
    private final Clock clock;

    public Trends(TrendCounts counts, AccessPolicy policy, RiseTest test, Clock clock) {
        this.counts = Objects.requireNonNull(counts, "counts");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.test = Objects.requireNonNull(test, "test");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The caller's trends, narrowed to {@code regions} and {@code types} where they are not empty (a subscription's
     * narrowing; the scope already holds the access rule).
     */
    public TrendReport report(Caller caller, Period period, Set<String> regions, Set<String> types) {
        return report(caller, period, regions, types, true);
    }

    /** The same series and verdicts, without the emerging values: what a check for rises needs, one query less. */
    public TrendReport rises(Caller caller, Period period, Set<String> regions, Set<String> types) {
        return report(caller, period, regions, types, false);
    }

    private TrendReport report(Caller caller, Period period, Set<String> regions, Set<String> types, boolean withEmerging) {
        Instant now = clock.instant();
        int window = test.historyWindow() == 0 ? period.defaultHistory() : test.historyWindow();
        Instant current = period.start(now);
        Instant judged = period.previousStart(now);
        List<Instant> starts = new ArrayList<>();
        Instant start = judged;
        for (int i = 0; i < window; i++) {
            start = period.previousStart(start);
        }
        for (Instant at = start; !at.isAfter(current); at = period.nextStart(at)) {
            starts.add(at);
        }
        ReadScope scope = policy.scopeOf(caller);
        if (scope.isEmpty()) {
            return new TrendReport(period, starts.stream().map(period::label).toList(), period.label(judged),
                    period.label(current), List.of(), List.of());
        }
        Map<List<String>, Map<Instant, Long>> bySeries = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        for (TrendCounts.Count count : counts.counts(scope, period, start)) {
            if ((regions.isEmpty() || regions.contains(count.region())) && (types.isEmpty() || types.contains(count.type()))) {
                bySeries.computeIfAbsent(List.of(count.region(), count.type()), k -> new HashMap<>())
                        .merge(period.start(count.periodStart()), count.notices(), Long::sum);
            }
        }
        List<TrendReport.Series> series = new ArrayList<>();
        bySeries.forEach((key, byStart) -> {
            List<Long> values = starts.stream().map(s -> byStart.getOrDefault(s, 0L)).toList();
            long[] judgedSeries = values.subList(0, values.size() - 1).stream().mapToLong(Long::longValue).toArray();
            series.add(new TrendReport.Series(key.get(0), key.get(1), values, test.judge(period, judgedSeries)));
        });
        series.sort(Comparator.comparing((TrendReport.Series s) -> !s.verdict().fired())
                .thenComparing(s -> -s.verdict().observed()).thenComparing(TrendReport.Series::region)
                .thenComparing(TrendReport.Series::type));
        Duration emergingWindow = EmergingEntities.DEFAULT_WINDOW;
        List<EmergingEntity> emerging = !withEmerging ? List.of() : EmergingEntities.fromSightings(
                counts.sightings(scope, now.minus(emergingWindow), EMERGING_LOOKED_AT), now, emergingWindow,
                EmergingEntities.DEFAULT_MINIMUM_AGENCIES);
        return new TrendReport(period, starts.stream().map(period::label).toList(), period.label(judged),
                period.label(current), series, emerging);
    }
}
