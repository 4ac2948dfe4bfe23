package eu.synergie.crypto.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks a log of {@link HashChain} entries in log order and finds the first broken link. Several
 * writers' chains may interleave in one log; each is followed on its own. Fed one entry at a time, so a
 * log of any length is checked in constant memory per writer.
 * <p>
 * What each tampering looks like:
 * <ul>
 * <li>an entry changed in place, hash left alone: its content no longer matches its hash → {@link ChainDefect#ALTERED} at it;</li>
 * <li>an entry changed and re-hashed: the next entry of its chain recorded the old hash → {@code ALTERED} at the changed one;</li>
 * <li>an entry removed: its writer's sequence skips a number → {@link ChainDefect#REMOVED} at the entry after the gap;</li>
 * <li>an entry inserted, re-using a sequence number or forking the chain: → {@link ChainDefect#INSERTED} at the intruder,
 *     told from the genuine entry by which of the two the chain's next entry links to.</li>
 * </ul>
 * Deciding between two candidates needs the writer's next entry, so a suspicion waits for it (or for the
 * end of the log, where the later candidate is blamed). Limits, as for any hash chain without an
 * external anchor: removing the last entries of a chain, or a whole chain, leaves no broken link, and an
 * attacker who rewrites every entry from some point on can re-hash them all.
 */
public final class ChainVerifier {

    private record Head(long position, long sequence, String hash, String previous) {
    }

    private record Entry(long position, String writer, long sequence, String previous, String hash) {
    }

    /** A defect is certain; which of two entries it is waits for the writer's next entry. */
    private sealed interface Suspicion {
        ChainVerification.Broken resolve(Entry next);

        ChainVerification.Broken atEnd();
    }

    /** Two entries claim the same sequence number after the same predecessor. */
    private record Fork(Head genuine, Entry rival) implements Suspicion {
        public ChainVerification.Broken resolve(Entry next) {
            if (next.sequence() == genuine.sequence() + 1 && next.previous().equals(rival.hash())) {
                return broken(genuine.position(), ChainDefect.INSERTED, rival.writer() + "#" + genuine.sequence()
                        + " appears twice; the chain continues from the entry at " + rival.position());
            }
            return atEnd();
        }

        public ChainVerification.Broken atEnd() {
            return broken(rival.position(), ChainDefect.INSERTED, rival.writer() + "#" + rival.sequence()
                    + " appears twice; the chain continues from the entry at " + genuine.position());
        }
    }

    /** The entry after {@code head} does not link to it: either the head was re-hashed, or the entry is an intruder. */
    private record Mismatch(Head head, Entry after) implements Suspicion {
        public ChainVerification.Broken resolve(Entry next) {
            if (next.sequence() == head.sequence() + 1 && next.previous().equals(head.hash())) {
                return broken(after.position(), ChainDefect.INSERTED, after.writer() + "#" + after.sequence()
                        + " does not link to its predecessor; the chain continues from the entry at " + head.position());
            }
            return atEnd();
        }

        public ChainVerification.Broken atEnd() {
            return broken(head.position(), ChainDefect.ALTERED, after.writer() + "#" + head.sequence()
                    + " was changed: the entry after it (at " + after.position() + ") recorded another hash for it");
        }
    }

    private final Map<String, Head> heads = new HashMap<>();
    private final Map<String, Suspicion> suspicions = new HashMap<>();
    private final Set<String> brokenWriters = new HashSet<>();
    private final List<ChainVerification.Broken> found = new ArrayList<>();
    private long entries;

    /** True once the first broken link is known: further entries cannot change the result. */
    public boolean settled() {
        return !found.isEmpty() && suspicions.isEmpty();
    }

    /** The next entry of the log, at {@code position}. */
    public void accept(long position, Map<String, ?> raw) {
        if (settled()) {
            return;
        }
        entries++;
        Entry entry = parse(position, raw);
        if (entry == null) {
            found.add(broken(position, ChainDefect.MALFORMED, "not a hash-chain entry"));
            return;
        }
        String writer = entry.writer();
        if (brokenWriters.contains(writer)) {
            return;
        }
        if (!HashChain.hashOf(raw).equals(entry.hash())) {
            defect(writer, broken(position, ChainDefect.ALTERED, writer + "#" + entry.sequence() + " does not match its hash"));
            return;
        }
        Suspicion suspicion = suspicions.remove(writer);
        if (suspicion != null) {
            defect(writer, suspicion.resolve(entry));
            return;
        }
        Head head = heads.get(writer);
        long sequence = entry.sequence();
        if (head == null) {
            if (sequence == 0 && entry.previous().equals(HashChain.GENESIS)) {
                heads.put(writer, new Head(position, 0, entry.hash(), entry.previous()));
            } else if (sequence == 0) {
                defect(writer, broken(position, ChainDefect.INSERTED, writer + "#0 does not start from the genesis hash"));
            } else {
                defect(writer, broken(position, ChainDefect.REMOVED, "chain " + writer + " starts at sequence " + sequence
                        + ": entries 0 to " + (sequence - 1) + " are missing"));
            }
        } else if (sequence == head.sequence() + 1 && entry.previous().equals(head.hash())) {
            heads.put(writer, new Head(position, sequence, entry.hash(), entry.previous()));
        } else if (sequence == head.sequence() + 1) {
            suspicions.put(writer, new Mismatch(head, entry));
        } else if (sequence == head.sequence() && entry.previous().equals(head.previous())) {
            suspicions.put(writer, new Fork(head, entry));
        } else if (sequence <= head.sequence()) {
            defect(writer, broken(position, ChainDefect.INSERTED, writer + "#" + sequence + " comes after " + writer + "#"
                    + head.sequence() + " (at " + head.position() + ")"));
        } else {
            defect(writer, broken(position, ChainDefect.REMOVED, "entries " + (head.sequence() + 1) + " to " + (sequence - 1)
                    + " of " + writer + " are missing before this one"));
        }
    }

    /** The outcome for everything accepted so far. */
    public ChainVerification result() {
        List<ChainVerification.Broken> all = new ArrayList<>(found);
        suspicions.values().forEach(s -> all.add(s.atEnd()));
        return all.stream().min(Comparator.comparingLong(ChainVerification.Broken::position))
                .<ChainVerification>map(b -> new ChainVerification.Broken(entries, b.position(), b.defect(), b.detail()))
                .orElseGet(() -> new ChainVerification.Intact(entries, heads.size()));
    }

    private void defect(String writer, ChainVerification.Broken broken) {
        brokenWriters.add(writer);
        found.add(broken);
    }

    private static ChainVerification.Broken broken(long position, ChainDefect defect, String detail) {
        return new ChainVerification.Broken(0, position, defect, detail);
    }

    private static Entry parse(long position, Map<String, ?> raw) {
        return HashChain.linkOf(raw)
                .map(l -> new Entry(position, l.writer(), l.sequence(), l.previous(), l.hash()))
                .orElse(null);
    }
}
