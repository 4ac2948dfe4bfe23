package eu.synergie.bench;

import eu.synergie.core.envelope.NoticeOpener;
import eu.synergie.gateway.keys.ExchangeKeys;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The first term of the ingestion floor (issue 21), measured in this JVM as the crypto module's JMH {@code open}
 * measures it: one thread opening envelopes again and again, after a warm-up, timed by that thread's CPU clock so that
 * what else runs on the machine does not count. The opener is the gateway's own class with the gateway's keys, but no
 * cache of recently opened envelopes: each one is decrypted, its signature verified, its notice read and its label
 * checked, as on publish.
 *
 * @param opens      envelopes opened while measured
 * @param cpuNanos   the measuring thread's CPU time over them
 */
record OpeningCost(long opens, long cpuNanos) {

    /** What the opened notices are folded into, so that the JIT cannot drop the opening as unused. */
    private static volatile int sink;

    double millisPerOpen() {
        return cpuNanos / 1e6 / opens;
    }

    static OpeningCost measure(ExchangeKeys keys, int maxEnvelopeBytes, List<byte[]> envelopes, Duration warmUp,
                               Duration measured) {
        if (envelopes.isEmpty()) {
            throw new IllegalArgumentException("no envelope to open");
        }
        NoticeOpener opener = new NoticeOpener(keys.root(), keys.postQuantumRoot(), keys.regions(), maxEnvelopeBytes, 0,
                Clock.systemUTC());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        openFor(opener, envelopes, warmUp);
        long before = threads.getCurrentThreadCpuTime();
        long opens = openFor(opener, envelopes, measured);
        return new OpeningCost(opens, threads.getCurrentThreadCpuTime() - before);
    }

    private static long openFor(NoticeOpener opener, List<byte[]> envelopes, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        long opens = 0;
        int titles = 0;
        while (System.nanoTime() < end) {
            // openLogged: the indexer's entry, which never fills the cache (and this opener has none)
            titles += opener.openLogged(envelopes.get((int) (opens % envelopes.size()))).notice().title().length();
            opens++;
        }
        sink = titles;
        return opens;
    }
}
