package eu.synergie.bench;

import eu.synergie.bench.SearchBenchmark.Target;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** What the search benchmark recorded, per target and number of analysts, and the report's tables of it. */
final class SearchResults {

    /** Latencies above a minute are recorded as a minute. */
    static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);

    /** What one target recorded at one concurrency, summed over the rounds. */
    static final class Recorded {
        final Histogram all = histogram();
        final Map<QueryMix.Kind, Histogram> byKind = new EnumMap<>(QueryMix.Kind.class);
        long errors;
        double seconds;
        double elsewhereCoreSeconds;
        String firstError;

        synchronized void add(Histogram latencies, Map<QueryMix.Kind, Histogram> kinds, long failed, String error) {
            all.add(latencies);
            kinds.forEach((kind, h) -> byKind.computeIfAbsent(kind, k -> histogram()).add(h));
            errors += failed;
            if (firstError == null) {
                firstError = error;
            }
        }

        double qps() {
            return all.getTotalCount() / seconds;
        }
    }

    private final Map<Target, Map<Integer, Recorded>> results = new EnumMap<>(Target.class);

    /** What {@code target} has recorded so far at {@code concurrency} analysts, to be added to. */
    Recorded of(Target target, int concurrency) {
        return results.computeIfAbsent(target, t -> new TreeMap<>()).computeIfAbsent(concurrency, c -> new Recorded());
    }

    /** One line: both targets' p50, p99 and rate at {@code concurrency} analysts. */
    String summary(int concurrency) {
        Recorded g = results.get(Target.GATEWAY).get(concurrency);
        Recorded d = results.get(Target.DIRECT).get(concurrency);
        return String.format("  %2d analysts: gateway p50 %.1f ms p99 %.1f ms %.0f/s; direct p50 %.1f ms p99 %.1f ms %.0f/s",
                concurrency, ms(g.all, 50), ms(g.all, 99), g.qps(), ms(d.all, 50), ms(d.all, 99), d.qps());
    }

    /** The results table, whether the targets are met at the most analysts, and how the searches were run. */
    List<String> table(SearchOptions options) {
        List<String> lines = new ArrayList<>();
        lines.add("| analysts | gateway p50 ms | gateway p99 ms | gateway q/s | direct p50 ms | direct p99 ms | direct q/s | p99 gateway/direct | errors (gw/direct) | other work on the machine (cores) |");
        lines.add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int concurrency : options.concurrencies()) {
            Recorded g = results.get(Target.GATEWAY).get(concurrency);
            Recorded d = results.get(Target.DIRECT).get(concurrency);
            lines.add(String.format("| %d | %.1f | %.1f | %.0f | %.1f | %.1f | %.0f | %.2f | %d / %d | %.2f / %.2f |", concurrency,
                    ms(g.all, 50), ms(g.all, 99), g.qps(), ms(d.all, 50), ms(d.all, 99), d.qps(),
                    ms(g.all, 99) / ms(d.all, 99), g.errors, d.errors, g.elsewhereCoreSeconds / g.seconds,
                    d.elsewhereCoreSeconds / d.seconds));
        }
        Recorded g = results.get(Target.GATEWAY).get(options.concurrencies().getLast());
        Recorded d = results.get(Target.DIRECT).get(options.concurrencies().getLast());
        double ratio = ms(g.all, 99) / ms(d.all, 99);
        lines.add(String.format("targets at %d analysts: gateway p99 <= 100 ms: %s (%.1f ms); p99 gateway/direct <= 1.3: %s (%.2f)",
                options.concurrencies().getLast(), ms(g.all, 99) <= 100 ? "met" : "NOT met", ms(g.all, 99),
                ratio <= 1.3 ? "met" : "NOT met", ratio));
        lines.add("searches widened across languages: " + (options.expand() ? "yes (the gateway's default)" : "no (--no-expand)"));
        lines.add("the auditors' indexer during the measured windows: " + (options.auditIndexerPaused()
                ? "paused (--audit-indexer-paused): every search appended to the audit log, none indexed meanwhile"
                : "running, as in service"));
        lines.add(String.format("searches recorded: %s gateway, %s direct; window %d s per target and step (%d rounds), warm-up %d s before each (and %,d searches back to back per target before the first); think time %d ms on average",
                results.get(Target.GATEWAY).values().stream().map(r -> String.valueOf(r.all.getTotalCount())).toList(),
                results.get(Target.DIRECT).values().stream().map(r -> String.valueOf(r.all.getTotalCount())).toList(),
                options.durationSeconds(), options.rounds(), options.warmupSeconds(), options.warmupSearches(), options.thinkMillis()));
        results.forEach((target, byConcurrency) -> byConcurrency.forEach((c, r) -> {
            if (r.firstError != null) {
                lines.add("first error, " + target + " at " + c + ": " + r.firstError);
            }
        }));
        return lines;
    }

    /** Per kind of query at {@code concurrency} analysts: p50 / p99 both ways and the kind's share of the searches. */
    List<String> byKind(int concurrency) {
        Recorded gateway = results.get(Target.GATEWAY).get(concurrency);
        Recorded direct = results.get(Target.DIRECT).get(concurrency);
        List<String> lines = new ArrayList<>();
        long total = gateway.all.getTotalCount();
        for (QueryMix.Kind kind : QueryMix.Kind.values()) {
            Histogram g = gateway.byKind.get(kind);
            Histogram d = direct.byKind.get(kind);
            if (g == null || d == null) {
                continue;
            }
            lines.add(String.format("  %-14s gateway %6.1f / %6.1f   direct %6.1f / %6.1f   (%2.0f %%)", kind.label(),
                    ms(g, 50), ms(g, 99), ms(d, 50), ms(d, 99), 100.0 * g.getTotalCount() / total));
        }
        return lines;
    }

    static Histogram histogram() {
        return new Histogram(HIGHEST_MICROS, 3);
    }

    static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
