package eu.synergie.core.intake;

import java.util.Map;

/**
 * A cut across a region's log: per partition, the offset of the next envelope. A partition it does not name
 * is at its start.
 */
public record LogOffsets(Map<Integer, Long> byPartition) {

    /** Every partition at its start. */
    public static final LogOffsets START = new LogOffsets(Map.of());

    public LogOffsets {
        byPartition = Map.copyOf(byPartition);
    }

    /** Envelopes before this cut, counting every partition from offset 0. */
    public long total() {
        return byPartition.values().stream().mapToLong(Long::longValue).sum();
    }
}
