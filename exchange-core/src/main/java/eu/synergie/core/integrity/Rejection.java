package eu.synergie.core.integrity;

import eu.synergie.crypto.stamp.StampException;

/** Why a record read back from one of the exchange's own topics was ignored. */
public enum Rejection {
    /** No stamp of the exchange at all: plain JSON (a producer's, or an earlier version's), an empty record, a tombstone. */
    UNSIGNED,
    /** A stamp that does not verify, or a signature by a key that is not the exchange's log signer. */
    FORGED,
    /** A genuine record appended again: long after the exchange stamped it, or older than the state already applied. */
    REPLAYED,
    /** A genuine record under another key than the one it was stamped for (compaction works by key). */
    MISKEYED,
    /** Stamped by the exchange, but its content cannot be read by this version. */
    UNREADABLE,
    /**
     * Not stamped with the broker's append time ({@code LogAppendTime}) but with a time its producer chose: the
     * freshness rule, which judges by the append time, cannot be applied to it.
     */
    UNTRUSTED_TIMESTAMP;

    /** The rejection for a stamp refused with {@code reason}. */
    public static Rejection of(StampException.Reason reason) {
        return switch (reason) {
            case UNSTAMPED -> UNSIGNED;
            case FORGED, UNTRUSTED_SIGNER -> FORGED;
        };
    }
}
