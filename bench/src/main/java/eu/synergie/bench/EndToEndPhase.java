package eu.synergie.bench;

import eu.synergie.crypto.envelope.EnvelopeProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one end-to-end phase of the load benchmark measured: N notices of one envelope profile pushed through the
 * gateway until searchable, with how the agencies sealed them beforehand; and the report lines of one phase, and of
 * two phases side by side ({@code --envelopes both}).
 *
 * @param sealedPerSecond  envelopes the agencies sealed per second, in parallel, before any clock (warm-up included)
 * @param envelopeBytes    the average envelope size of the phase's notices
 * @param ackedNanos       from the first request until the last {@code 202} line
 * @param searchableNanos  from the first request until all N were searchable
 * @param latencies        publish → searchable of the samples found, in milliseconds, sorted
 * @param deadLetters      dead letters written during the phase (-1 if the count could not be read)
 * @param searchable       searchable in the {@code notices} alias after the phase, warm-ups and earlier phases included
 * @param stages           the gateway's CPU by pipeline stage ({@code --profile}), or empty
 * @param elasticsearchWork what Elasticsearch's counters say it did during the phase, by index family
 */
record EndToEndPhase(EnvelopeProfile profile, int notices, double sealedPerSecond, long envelopeBytes, long ackedNanos,
                     long searchableNanos, double[] latencies, int samples, long searches, long failedSearches,
                     BatchPush.Result pushed, long deadLetters, long searchable, CpuAccounting.Snapshot cpuFrom,
                     CpuAccounting.Snapshot cpuTo, List<String> stages, List<String> elasticsearchWork) {

    static final String JVM = "benchmark JVM (gateway in-process + load client)";

    double rate() {
        return notices / (searchableNanos / 1e9);
    }

    /** CPU milliseconds per notice of this JVM (the gateway and the load client). */
    double jvmMillisPerNotice() {
        return (cpuTo.jvmTotal() - cpuFrom.jvmTotal()) / 1e6 / notices;
    }

    /** CPU milliseconds per notice of the servers whose {@link CpuAccounting#serverOf} label starts with {@code kind}. */
    double serverMillisPerNotice(String kind) {
        long nanos = 0;
        for (var entry : cpuTo.processes().entrySet()) {
            if (entry.getKey().startsWith(kind)) {
                nanos += entry.getValue() - cpuFrom.processes().getOrDefault(entry.getKey(), 0L);
            }
        }
        return Math.max(0, nanos) / 1e6 / notices;
    }

    /** CPU milliseconds per notice of this JVM's own threads of one kind ({@link CpuAccounting}'s JVM internals). */
    double internalMillisPerNotice(String kind) {
        return Math.max(0, cpuTo.jvmInternals().getOrDefault(kind, 0L) - cpuFrom.jvmInternals().getOrDefault(kind, 0L))
                / 1e6 / notices;
    }

    /** CPU milliseconds per notice of every process of ours: this JVM and every server it started. */
    double allMillis() {
        long nanos = cpuTo.jvmTotal() - cpuFrom.jvmTotal();
        for (var entry : cpuTo.processes().entrySet()) {
            nanos += entry.getValue() - cpuFrom.processes().getOrDefault(entry.getKey(), 0L);
        }
        return Math.max(0, nanos) / 1e6 / notices;
    }

    double p(double quantile) {
        return LatencyProbe.quantile(latencies, quantile);
    }

    /**
     * The phase's result lines, as the benchmark has always printed them (after the raw bulk's line).
     *
     * @param warmups the warm-up notices among {@link #searchable}
     * @param earlier the notices of earlier phases among them
     */
    List<String> lines(RawBulk.Result raw, IngestionFloor floor, OpeningCost opening, BenchOptions options, int warmups,
                       int earlier) {
        List<String> lines = new ArrayList<>();
        double ratio = rate() / raw.docsPerSecond();
        lines.add(String.format("end to end             : %,9.0f notices/s  (%,d notices, %d per batch request, %d in flight; all 202 at %.1f s = %,.0f/s published, all searchable at %.1f s)",
                rate(), notices, options.batch(), options.concurrency(), ackedNanos / 1e9,
                notices / (ackedNanos / 1e9), searchableNanos / 1e9));
        if (options.rate() > 0) {
            lines.add(String.format("(paced at %,d notices/s offered: the end-to-end rate is the offered one unless the pipeline fell behind; read the latency)",
                    options.rate()));
        }
        lines.add(String.format("ratio end to end / raw : %6.1f %%", 100 * ratio));
        lines.add(String.format("floor                  : %,9.0f notices/s  (%d cores / %.3f ms of CPU per notice: opening %.3f ms, %,d opened on one thread; indexing %.3f ms, the raw bulk's CPU of all our processes per document)",
                floor.noticesPerSecond(), floor.cores(), floor.millisPerNotice(), floor.openMillis(), opening.opens(),
                floor.indexMillis()));
        lines.add(String.format("ratio end to end / floor: %5.1f %%  (target >= %.0f %% of the floor or >= %,.0f notices/s: %s)",
                100 * rate() / floor.noticesPerSecond(), 100 * IngestionFloor.TARGET_SHARE, IngestionFloor.TARGET_RATE,
                floor.met(rate()) ? "met" : "NOT met"));
        lines.add(String.format("CPU ms per notice      : %.2f in all (floor %.2f): benchmark JVM %.2f (of which garbage collection %.2f, JIT compilation %.2f), Elasticsearch %.2f, Kafka %.2f, Keycloak %.2f",
                allMillis(), floor.millisPerNotice(), jvmMillisPerNotice(), internalMillisPerNotice("garbage collection"),
                internalMillisPerNotice("JIT compilation"), serverMillisPerNotice("Elasticsearch node"),
                serverMillisPerNotice("Kafka broker"), serverMillisPerNotice("Keycloak")));
        lines.add(String.format("publish -> searchable  : p50 %,.0f ms, p99 %,.0f ms, max %,.0f ms  (%d of %d samples found, 1 in %d; %d searches through the gateway, %d failed; resolution ~%d ms)",
                p(0.50), p(0.99), latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1], latencies.length,
                samples, options.sampleEvery(), searches, failedSearches, 100));
        lines.add(String.format("accepted %,d, refused %d%s; dead letters %d; searchable in the notices alias %,d (incl. %,d warm-up%s)",
                pushed.accepted(), pushed.refused(), pushed.refusals().isEmpty() ? "" : " " + pushed.refusals(), deadLetters,
                searchable, warmups, earlier == 0 ? "" : String.format(" and %,d of the earlier phase", earlier)));
        return lines;
    }

    /** The phases side by side, with the second one's ratio to the first. */
    static List<String> comparison(EndToEndPhase a, EndToEndPhase b, RawBulk.Result raw) {
        String first = name(a);
        String second = name(b);
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-34s %14s %14s %16s", "", first, second, second + " / " + first));
        lines.add(row("end to end, notices/s", a.rate(), b.rate(), "%,.0f"));
        lines.add(String.format("%-34s %13.1f%% %13.1f%% %16s", "end to end / raw bulk (" + String.format("%,.0f", raw.docsPerSecond()) + "/s)",
                100 * a.rate() / raw.docsPerSecond(), 100 * b.rate() / raw.docsPerSecond(), ""));
        lines.add(row("publish -> searchable p50, ms", a.p(0.50), b.p(0.50), "%,.0f"));
        lines.add(row("publish -> searchable p99, ms", a.p(0.99), b.p(0.99), "%,.0f"));
        lines.add(row("CPU ms per notice, " + "benchmark JVM", a.jvmMillisPerNotice(), b.jvmMillisPerNotice(), "%.2f"));
        lines.add(row("CPU ms per notice, Elasticsearch", a.serverMillisPerNotice("Elasticsearch node"),
                b.serverMillisPerNotice("Elasticsearch node"), "%.2f"));
        lines.add(row("CPU ms per notice, Kafka", a.serverMillisPerNotice("Kafka broker"),
                b.serverMillisPerNotice("Kafka broker"), "%.2f"));
        lines.add(row("CPU ms per notice, the three", a.threeMillis(), b.threeMillis(), "%.2f"));
        lines.add(row("envelope bytes, average", a.envelopeBytes(), b.envelopeBytes(), "%,.0f")
                + String.format("  (%+,d bytes)", b.envelopeBytes() - a.envelopeBytes()));
        lines.add(row("agencies' sealing, envelopes/s", a.sealedPerSecond(), b.sealedPerSecond(), "%,.0f")
                + String.format("  (%d threads, before any clock)", Runtime.getRuntime().availableProcessors()));
        lines.add("(the benchmark JVM is the gateway with the load client and the latency probe beside it)");
        return lines;
    }

    private double threeMillis() {
        return jvmMillisPerNotice() + serverMillisPerNotice("Elasticsearch node") + serverMillisPerNotice("Kafka broker");
    }

    static String name(EndToEndPhase phase) {
        return phase.profile().name().toLowerCase(Locale.ROOT);
    }

    private static String row(String label, double a, double b, String format) {
        return String.format("%-34s %14s %14s %15.2f×", label, String.format(format, a), String.format(format, b), b / a);
    }
}
