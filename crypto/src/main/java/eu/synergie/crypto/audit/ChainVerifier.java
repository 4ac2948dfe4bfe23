package eu.synergie.crypto.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * end of the log, where the later candidate is blamed).
 * <p>
 * A hash chain alone is not keyed, so the exchange signs each writer's head from time to time (checkpoints, see
 * {@link HashChain}). What that adds:
 * <ul>
 * <li>a checkpoint whose signature does not verify, or that signs another head than the entry before it → {@link ChainDefect#FORGED};</li>
 * <li>an entry after its writer's final checkpoint → {@code FORGED} (the writer said it was done);</li>
 * <li>entries no checkpoint covers, the first of them appended longer than {@code grace} before the walk (a writer
 *     signs its head at least every checkpoint interval) → {@link ChainDefect#UNSIGNED_TAIL}: a forged chain or a
 *     forged extension of a quiet writer, or the last entries of a writer that was killed; younger ones are
 *     waiting for their checkpoint and pass;</li>
 * <li>entries rewritten and re-hashed up to a checkpoint no longer match the head it signed → {@code FORGED} at it.</li>
 * </ul>
 * What remains, as for any log without an outside anchor: removing a whole chain, or the entries after a
 * writer's last checkpoint together with the checkpoints after them, leaves no broken link.
 * <p>
 * Every chain is followed to its first defect; all of them are reported (at most {@value #MAX_DEFECTS}).
 */
public final class ChainVerifier {

    static final int MAX_DEFECTS = 100;

    /** Checks the exchange's detached signature over a checkpoint's canonical bytes. */
    @FunctionalInterface
    public interface SignatureCheck {
        boolean verifies(byte[] content, byte[] signature);
    }

    /** What the writer has signed so far, and the entries since. */
    private static final class Signing {
        long closedAt = -1;
        long firstUnsigned = -1;
        long firstUnsignedSequence;
        Instant firstUnsignedAt;
        long lastUnsignedSequence;
    }

    private record Head(long position, long sequence, String hash, String previous) {
    }

    private record Entry(long position, String writer, long sequence, String previous, String hash) {
    }

    /** A defect is certain; which of two entries it is waits for the writer's next entry. */
    private sealed interface Suspicion {
        ChainVerification.Defect resolve(Entry next);

        ChainVerification.Defect atEnd();
    }

    /** Two entries claim the same sequence number after the same predecessor. */
    private record Fork(Head genuine, Entry rival) implements Suspicion {
        public ChainVerification.Defect resolve(Entry next) {
            if (next.sequence() == genuine.sequence() + 1 && next.previous().equals(rival.hash())) {
                return broken(genuine.position(), ChainDefect.INSERTED, rival.writer(), rival.writer() + "#" + genuine.sequence()
                        + " appears twice; the chain continues from the entry at " + rival.position());
            }
            return atEnd();
        }

        public ChainVerification.Defect atEnd() {
            return broken(rival.position(), ChainDefect.INSERTED, rival.writer(), rival.writer() + "#" + rival.sequence()
                    + " appears twice; the chain continues from the entry at " + genuine.position());
        }
    }

    /** The entry after {@code head} does not link to it: either the head was re-hashed, or the entry is an intruder. */
    private record Mismatch(Head head, Entry after) implements Suspicion {
        public ChainVerification.Defect resolve(Entry next) {
            if (next.sequence() == head.sequence() + 1 && next.previous().equals(head.hash())) {
                return broken(after.position(), ChainDefect.INSERTED, after.writer(), after.writer() + "#" + after.sequence()
                        + " does not link to its predecessor; the chain continues from the entry at " + head.position());
            }
            return atEnd();
        }

        public ChainVerification.Defect atEnd() {
            return broken(head.position(), ChainDefect.ALTERED, after.writer(), after.writer() + "#" + head.sequence()
                    + " was changed: the entry after it (at " + after.position() + ") recorded another hash for it");
        }
    }

    private final SignatureCheck signatures;
    private final Instant now;
    private final Duration grace;
    private final Map<String, Head> heads = new HashMap<>();
    private final Map<String, Signing> signing = new HashMap<>();
    private final Map<String, Suspicion> suspicions = new HashMap<>();
    private final Set<String> brokenWriters = new HashSet<>();
    private final List<ChainVerification.Defect> found = new ArrayList<>();
    private long entries;

    /**
     * @param signatures checks checkpoint signatures
     * @param now        when the walk started: entries appended within {@code grace} before it may still be unsigned
     * @param grace      how long a writer may take to sign an entry (its checkpoint interval, with a margin)
     */
    public ChainVerifier(SignatureCheck signatures, Instant now, Duration grace) {
        this.signatures = Objects.requireNonNull(signatures, "signatures");
        this.now = Objects.requireNonNull(now, "now");
        this.grace = Objects.requireNonNull(grace, "grace");
    }

    /** True once no further entry can change the result: as many defects found as are reported. */
    public boolean settled() {
        return found.size() >= MAX_DEFECTS;
    }

    /** The next entry of the log, at {@code position}, appended at {@code appendedAt} (the broker's time). */
    public void accept(long position, Instant appendedAt, Map<String, ?> raw) {
        if (settled()) {
            return;
        }
        entries++;
        Entry entry = parse(position, raw);
        if (entry == null) {
            found.add(broken(position, ChainDefect.MALFORMED, null, "not a hash-chain entry"));
            return;
        }
        String writer = entry.writer();
        if (brokenWriters.contains(writer)) {
            return;
        }
        if (!HashChain.hashOf(raw).equals(entry.hash())) {
            defect(writer, broken(position, ChainDefect.ALTERED, writer, writer + "#" + entry.sequence() + " does not match its hash"));
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
                signed(entry, raw, appendedAt);
            } else if (sequence == 0) {
                defect(writer, broken(position, ChainDefect.INSERTED, writer, writer + "#0 does not start from the genesis hash"));
            } else {
                defect(writer, broken(position, ChainDefect.REMOVED, writer, "chain " + writer + " starts at sequence " + sequence
                        + ": entries 0 to " + (sequence - 1) + " are missing"));
            }
        } else if (sequence == head.sequence() + 1 && entry.previous().equals(head.hash())) {
            heads.put(writer, new Head(position, sequence, entry.hash(), entry.previous()));
            signed(entry, raw, appendedAt);
        } else if (sequence == head.sequence() + 1) {
            suspicions.put(writer, new Mismatch(head, entry));
        } else if (sequence == head.sequence() && entry.previous().equals(head.previous())) {
            suspicions.put(writer, new Fork(head, entry));
        } else if (sequence <= head.sequence()) {
            defect(writer, broken(position, ChainDefect.INSERTED, writer, writer + "#" + sequence + " comes after " + writer + "#"
                    + head.sequence() + " (at " + head.position() + ")"));
        } else {
            defect(writer, broken(position, ChainDefect.REMOVED, writer, "entries " + (head.sequence() + 1) + " to " + (sequence - 1)
                    + " of " + writer + " are missing before this one"));
        }
    }

    /** An entry that continues its chain: a checkpoint must be the exchange's and sign the head before it. */
    private void signed(Entry entry, Map<String, ?> raw, Instant appendedAt) {
        String writer = entry.writer();
        Signing state = signing.computeIfAbsent(writer, w -> new Signing());
        String name = writer + "#" + entry.sequence();
        if (state.closedAt >= 0) {
            defect(writer, broken(entry.position(), ChainDefect.FORGED, writer, name + " comes after the final signed checkpoint of "
                    + writer + " (at " + state.closedAt + ")"));
            return;
        }
        if (!HashChain.isCheckpoint(raw)) {
            if (state.firstUnsigned < 0) {
                state.firstUnsigned = entry.position();
                state.firstUnsignedSequence = entry.sequence();
                state.firstUnsignedAt = appendedAt;
            }
            state.lastUnsignedSequence = entry.sequence();
            return;
        }
        Optional<HashChain.Checkpoint> checkpoint = HashChain.checkpointOf(raw);
        if (checkpoint.isEmpty()) {
            defect(writer, broken(entry.position(), ChainDefect.FORGED, writer, name + " is not a well-formed checkpoint"));
            return;
        }
        HashChain.Checkpoint c = checkpoint.get();
        if (!c.writer().equals(writer) || c.sequence() != entry.sequence() - 1 || !c.hash().equals(entry.previous())) {
            defect(writer, broken(entry.position(), ChainDefect.FORGED, writer, "checkpoint " + name + " signs another head than "
                    + writer + "#" + (entry.sequence() - 1) + " before it"));
            return;
        }
        boolean verified;
        try {
            verified = signatures.verifies(c.content(), c.signature());
        } catch (RuntimeException e) {
            verified = false;
        }
        if (!verified) {
            defect(writer, broken(entry.position(), ChainDefect.FORGED, writer, "the signature of checkpoint " + name
                    + " is not the exchange's"));
            return;
        }
        state.firstUnsigned = -1;
        state.firstUnsignedAt = null;
        if (c.last()) {
            state.closedAt = entry.position();
        }
    }

    /** The outcome for everything accepted so far. */
    public ChainVerification result() {
        List<ChainVerification.Defect> all = new ArrayList<>(found);
        suspicions.values().forEach(s -> all.add(s.atEnd()));
        Instant signedBy = now.minus(grace);
        signing.forEach((writer, state) -> {
            if (!brokenWriters.contains(writer) && !suspicions.containsKey(writer) && state.firstUnsigned >= 0
                    && state.firstUnsignedAt.isBefore(signedBy)) {
                long count = state.lastUnsignedSequence - state.firstUnsignedSequence + 1;
                all.add(broken(state.firstUnsigned, ChainDefect.UNSIGNED_TAIL, writer, writer + "#" + state.firstUnsignedSequence
                        + (count > 1 ? " to " + writer + "#" + state.lastUnsignedSequence + " (" + count + " entries)" : "")
                        + ", the first appended at " + state.firstUnsignedAt + ", are covered by no signed checkpoint: "
                        + "the writer stopped without signing them, or they were forged"));
            }
        });
        if (all.isEmpty()) {
            return new ChainVerification.Intact(entries, heads.size());
        }
        List<ChainVerification.Defect> sorted = all.stream().sorted(Comparator.comparingLong(ChainVerification.Defect::position))
                .limit(MAX_DEFECTS).toList();
        ChainVerification.Defect first = sorted.getFirst();
        return new ChainVerification.Broken(entries, first.position(), first.defect(), first.detail(), sorted);
    }

    private void defect(String writer, ChainVerification.Defect defect) {
        brokenWriters.add(writer);
        found.add(defect);
    }

    private static ChainVerification.Defect broken(long position, ChainDefect defect, String writer, String detail) {
        return new ChainVerification.Defect(position, defect, writer, detail);
    }

    private static Entry parse(long position, Map<String, ?> raw) {
        return HashChain.linkOf(raw)
                .map(l -> new Entry(position, l.writer(), l.sequence(), l.previous(), l.hash()))
                .orElse(null);
    }
}
