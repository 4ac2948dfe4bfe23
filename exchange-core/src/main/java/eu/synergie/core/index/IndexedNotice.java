package eu.synergie.core.index;

import eu.synergie.core.envelope.OpenedNotice;

/**
 * A verified notice with where it sits in the log: what the index stores.
 *
 * @param topic     the notice topic it was read from
 * @param partition the partition
 * @param offset    the offset: with topic and partition, the notice's place in the system of record
 * @param fromPeer  the peer exchange it came from, null for a notice published here
 * @param hold      why its agency holds it for a release approver, null for a notice its region may see
 */
public record IndexedNotice(OpenedNotice opened, String topic, int partition, long offset, FromPeer fromPeer, Hold hold) {

    /** A notice published to this exchange. */
    public IndexedNotice(OpenedNotice opened, String topic, int partition, long offset) {
        this(opened, topic, partition, offset, null, null);
    }

    public IndexedNotice(OpenedNotice opened, String topic, int partition, long offset, FromPeer fromPeer) {
        this(opened, topic, partition, offset, fromPeer, null);
    }

    /** Whether only its agency's release approvers may see it yet (four-eyes release). */
    public boolean held() {
        return hold != null;
    }

    /** The same notice, held as {@code hold} says (null: seen by its region). */
    public IndexedNotice withHold(Hold hold) {
        return new IndexedNotice(opened, topic, partition, offset, fromPeer, hold);
    }

    /** The same notice, seen by its region: released, or never held. */
    public IndexedNotice released() {
        return new IndexedNotice(opened, topic, partition, offset, fromPeer, null);
    }

    /**
     * A notice its agency's release policy holds until one of its release approvers, never its author, approves.
     *
     * @param author       who published it (the gateway's caller), or a name for a feed that wrote to the log itself
     * @param expiresAfter how long the approvers have to decide, from when the request is made
     */
    public record Hold(String author, java.time.Duration expiresAfter) {

        public Hold {
            java.util.Objects.requireNonNull(author, "author");
            java.util.Objects.requireNonNull(expiresAfter, "expiresAfter");
        }
    }

    /**
     * Where a notice a peer exchange sent came from: the peer, and the region it was published in there (the notice's
     * own region, as its originator signed it, is the one of ours it maps to).
     */
    public record FromPeer(String peer, String peerRegion) {
    }
}
