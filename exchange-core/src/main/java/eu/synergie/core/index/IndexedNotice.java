package eu.synergie.core.index;

import eu.synergie.core.envelope.OpenedNotice;

/**
 * A verified notice with where it sits in the log: what the index stores.
 *
 * @param topic     the notice topic it was read from
 * @param partition the partition
 * @param offset    the offset: with topic and partition, the notice's place in the system of record
 * @param fromPeer  the peer exchange it came from, null for a notice published here
 */
public record IndexedNotice(OpenedNotice opened, String topic, int partition, long offset, FromPeer fromPeer) {

    /** A notice published to this exchange. */
    public IndexedNotice(OpenedNotice opened, String topic, int partition, long offset) {
        this(opened, topic, partition, offset, null);
    }

    /**
     * Where a notice a peer exchange sent came from: the peer, and the region it was published in there (the notice's
     * own region, as its originator signed it, is the one of ours it maps to).
     */
    public record FromPeer(String peer, String peerRegion) {
    }
}
