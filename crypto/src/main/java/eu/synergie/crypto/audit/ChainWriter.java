package eu.synergie.crypto.audit;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One writer's end of a hash chain: it numbers entries 0, 1, 2… and links each to the hash of the one
 * before. Not thread-safe on purpose: the caller must hold one lock across {@link #link} and handing the
 * entry to its log, so that the log's order is the chain's order. An entry the log refused outright can
 * be taken back with {@link #unlink} before anything else is linked, which keeps the sequence gap-free.
 * {@link #checkpoint} links a signed checkpoint of the chain's head (see {@link HashChain}).
 */
public final class ChainWriter {

    private final String writer;
    private long next;
    private String head = HashChain.GENESIS;
    private Map<String, Object> last;
    private String beforeLast;
    private long sinceCheckpoint;
    private long sinceCheckpointBeforeLast;

    /** @param writer the chain's name, unique among all writers that ever share the log, at most {@value HashChain#MAX_WRITER_LENGTH} characters */
    public ChainWriter(String writer) {
        if (writer == null || writer.isBlank()) {
            throw new IllegalArgumentException("a chain writer needs a name");
        }
        if (writer.length() > HashChain.MAX_WRITER_LENGTH) {
            throw new IllegalArgumentException("a chain writer's name has at most " + HashChain.MAX_WRITER_LENGTH + " characters");
        }
        this.writer = writer;
    }

    public String writer() {
        return writer;
    }

    /** The next entry of the chain, holding {@code event}. */
    public Map<String, Object> link(Map<String, ?> event) {
        Objects.requireNonNull(event, "event");
        Map<String, Object> entry = advance(HashChain.entry(writer, next, head, event));
        sinceCheckpoint++;
        return entry;
    }

    /**
     * The next entry: a checkpoint signing the chain's head as it is now, or null when there is nothing new to
     * vouch for (no entry yet, or none since the last checkpoint, unless this is the {@code last} one).
     *
     * @param last   whether the writer will link nothing after it (it stops)
     * @param signer makes a detached CMS signature over the bytes given
     */
    public Map<String, Object> checkpoint(boolean last, Function<byte[], byte[]> signer) {
        Objects.requireNonNull(signer, "signer");
        if (next == 0 || (sinceCheckpoint == 0 && !last)) {
            return null;
        }
        Map<String, Object> entry = advance(HashChain.entry(writer, next, head,
                HashChain.checkpointEvent(writer, next - 1, head, last, signer)));
        sinceCheckpoint = 0;
        return entry;
    }

    /** Entries linked since the last checkpoint. */
    public long sinceCheckpoint() {
        return sinceCheckpoint;
    }

    private Map<String, Object> advance(Map<String, Object> entry) {
        beforeLast = head;
        sinceCheckpointBeforeLast = sinceCheckpoint;
        head = (String) entry.get(HashChain.HASH);
        last = entry;
        next++;
        return entry;
    }

    /** Takes back the entry just linked, which never reached the log. */
    public void unlink(Map<String, Object> entry) {
        if (entry == null || entry != last) {
            throw new IllegalStateException("only the entry linked last can be taken back");
        }
        head = beforeLast;
        sinceCheckpoint = sinceCheckpointBeforeLast;
        last = null;
        next--;
    }

    /** How many entries this writer has linked. */
    public long linked() {
        return next;
    }
}
