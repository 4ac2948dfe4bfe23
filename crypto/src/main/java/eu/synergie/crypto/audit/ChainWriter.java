package eu.synergie.crypto.audit;

import java.util.Map;
import java.util.Objects;

/**
 * One writer's end of a hash chain: it numbers entries 0, 1, 2… and links each to the hash of the one
 * before. Not thread-safe on purpose: the caller must hold one lock across {@link #link} and handing the
 * entry to its log, so that the log's order is the chain's order. An entry the log refused outright can
 * be taken back with {@link #unlink} before anything else is linked, which keeps the sequence gap-free.
 */
public final class ChainWriter {

    private final String writer;
    private long next;
    private String head = HashChain.GENESIS;
    private Map<String, Object> last;
    private String beforeLast;

    /** @param writer the chain's name, unique among all writers that ever share the log */
    public ChainWriter(String writer) {
        if (writer == null || writer.isBlank()) {
            throw new IllegalArgumentException("a chain writer needs a name");
        }
        this.writer = writer;
    }

    public String writer() {
        return writer;
    }

    /** The next entry of the chain, holding {@code event}. */
    public Map<String, Object> link(Map<String, ?> event) {
        Objects.requireNonNull(event, "event");
        Map<String, Object> entry = HashChain.entry(writer, next, head, event);
        beforeLast = head;
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
        last = null;
        next--;
    }

    /** How many entries this writer has linked. */
    public long linked() {
        return next;
    }
}
