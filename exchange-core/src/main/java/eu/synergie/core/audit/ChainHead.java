package eu.synergie.core.audit;

import eu.synergie.crypto.audit.HashChain;

import java.util.Objects;

/**
 * Where one writer's hash chain stands in the auditors' index: the last entry the index went through (its sequence
 * and hash, which the writer's next entry must link to), how far the exchange's signed checkpoints vouch for it, and
 * whether the writer said it was done. Kept by the index beside the records, so that the indexer picks up every chain
 * where it left it after a restart.
 *
 * @param sequence        the last entry's sequence number (a checkpoint's too: the chain goes through them)
 * @param hash            the last entry's hash
 * @param position        the offset in the audit topic of the last record that moved this head
 * @param verifiedThrough the highest sequence a signed checkpoint of the writer covers, or -1 while none does
 * @param closed          whether the writer's final checkpoint was read: nothing may follow it
 */
public record ChainHead(String writer, long sequence, String hash, long position, long verifiedThrough, boolean closed) {

    public ChainHead {
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(hash, "hash");
        if (sequence < 0 || position < 0 || verifiedThrough < -1 || verifiedThrough > sequence) {
            throw new IllegalArgumentException("not a chain head: sequence " + sequence + ", position " + position
                    + ", verified through " + verifiedThrough);
        }
    }

    /** Whether the entry {@code sequence} of this writer, indexed through this chain, is covered by a signed checkpoint. */
    public boolean covers(long sequence) {
        return sequence <= verifiedThrough;
    }

    /** The hash the writer's next entry must link to. */
    static String previousOf(ChainHead head) {
        return head == null ? HashChain.GENESIS : head.hash();
    }
}
