package eu.synergie.crypto.audit;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The result of walking a log of hash-chained entries. */
public sealed interface ChainVerification {

    /** How many entries were read. */
    long entries();

    /**
     * Every entry matches its hash, continues its writer's chain, and is covered by a signed checkpoint (or was
     * appended too recently for its writer to have signed it yet).
     *
     * @param chains how many writers' chains the log holds
     */
    record Intact(long entries, int chains) implements ChainVerification {
    }

    /**
     * One defect found in the log.
     *
     * @param position where the defective entry is in the log (for Kafka, its offset)
     * @param defect   what is wrong with it
     * @param writer   the chain it claims to belong to, or null when it is not readable as an entry
     * @param detail   which check failed, naming the writer and sequence numbers, never the event's content
     */
    record Defect(long position, ChainDefect defect, String writer, String detail) {
    }

    /**
     * The log is not intact. Each chain is followed up to its first defect, to the end of the log; {@code defects}
     * lists at most a hundred of them, the first ones by position and the first of each kind, and {@code counts}
     * counts every one by kind.
     *
     * @param position the first defect's position
     * @param defect   the first defect's kind
     * @param detail   the first defect's detail
     * @param defects  the defects listed, by position
     * @param counts   how many defects of each kind the walk found (kinds it did not find are left out)
     */
    record Broken(long entries, long position, ChainDefect defect, String detail, List<Defect> defects,
                  Map<ChainDefect, Long> counts) implements ChainVerification {

        public Broken {
            defects = List.copyOf(defects);
            EnumMap<ChainDefect, Long> byKind = new EnumMap<>(ChainDefect.class);
            byKind.putAll(counts);
            counts = Collections.unmodifiableMap(byKind);
        }

        /** How many defects the walk found in all (the list may show fewer). */
        public long total() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
