package eu.synergie.crypto.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;

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
 * Every chain is followed to its first defect, and the walk always goes to the end of the log. Anyone who can write
 * the topic chooses writer names and can append junk, so what the walk keeps is bounded: at most {@code maxWriters}
 * chains are followed (entries of further writers are counted, and reported as one {@link ChainDefect#TOO_MANY_WRITERS}
 * defect that names the count), and at most {@value #MAX_DEFECTS} defects are listed, the first ones by position
 * plus the first of each kind, while every defect is counted by kind: a hundred junk records early in the log can
 * fill the list, but never hide that later defects exist.
 */
public final class ChainVerifier {

    static final int MAX_DEFECTS = 100;

    /**
     * How many writers' chains a walk follows by default. Each gateway start is a writer (ten instances restarting
     * daily make about 3,650 a year); each followed chain costs a few hundred bytes, so junk writers cost at most
     * some tens of megabytes.
     */
    public static final int MAX_WRITERS = 50_000;

    /** Checks the exchange's detached signature over a checkpoint's canonical bytes. */
    @FunctionalInterface
    public interface SignatureCheck {
        boolean verifies(byte[] content, byte[] signature);
    }

    /** One followed writer: its head, what it has signed so far and the entries since, and whether it broke. */
    private static final class Chain {
        Head head;
        Suspicion suspicion;
        boolean broken;
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
    private final int maxWriters;
    private final Map<String, Chain> chains = new HashMap<>();
    private final Defects defects = new Defects();
    private long entries;
    private long unfollowed;
    private long firstUnfollowed = -1;
    private String firstUnfollowedWriter;

    /**
     * @param signatures checks checkpoint signatures
     * @param now        when the walk started: entries appended within {@code grace} before it may still be unsigned
     * @param grace      how long a writer may take to sign an entry (its checkpoint interval, with a margin)
     */
    public ChainVerifier(SignatureCheck signatures, Instant now, Duration grace) {
        this(signatures, now, grace, MAX_WRITERS);
    }

    /** @param maxWriters how many writers' chains to follow at most; entries of further writers are only counted */
    public ChainVerifier(SignatureCheck signatures, Instant now, Duration grace, int maxWriters) {
        this.signatures = Objects.requireNonNull(signatures, "signatures");
        this.now = Objects.requireNonNull(now, "now");
        this.grace = Objects.requireNonNull(grace, "grace");
        if (maxWriters < 1) {
            throw new IllegalArgumentException("a walk follows at least one writer");
        }
        this.maxWriters = maxWriters;
    }

    /** How many writers' chains are followed so far (never more than {@code maxWriters}). */
    int followed() {
        return chains.size();
    }

    /** The next entry of the log, at {@code position}, appended at {@code appendedAt} (the broker's time). */
    public void accept(long position, Instant appendedAt, Map<String, ?> raw) {
        entries++;
        Entry entry = parse(position, raw);
        if (entry == null) {
            defects.add(broken(position, ChainDefect.MALFORMED, null, "not a hash-chain entry"));
            return;
        }
        String writer = entry.writer();
        Chain chain = chains.get(writer);
        if (chain == null) {
            if (chains.size() >= maxWriters) {
                if (firstUnfollowed < 0) {
                    firstUnfollowed = position;
                    firstUnfollowedWriter = writer;
                }
                unfollowed++;
                return;
            }
            chain = new Chain();
            chains.put(writer, chain);
        }
        if (chain.broken) {
            return;
        }
        if (!HashChain.hashOf(raw).equals(entry.hash())) {
            defect(chain, broken(position, ChainDefect.ALTERED, writer, writer + "#" + entry.sequence() + " does not match its hash"));
            return;
        }
        Suspicion suspicion = chain.suspicion;
        if (suspicion != null) {
            chain.suspicion = null;
            defect(chain, suspicion.resolve(entry));
            return;
        }
        Head head = chain.head;
        long sequence = entry.sequence();
        if (head == null) {
            if (sequence == 0 && entry.previous().equals(HashChain.GENESIS)) {
                chain.head = new Head(position, 0, entry.hash(), entry.previous());
                signed(chain, entry, raw, appendedAt);
            } else if (sequence == 0) {
                defect(chain, broken(position, ChainDefect.INSERTED, writer, writer + "#0 does not start from the genesis hash"));
            } else {
                defect(chain, broken(position, ChainDefect.REMOVED, writer, "chain " + writer + " starts at sequence " + sequence
                        + ": entries 0 to " + (sequence - 1) + " are missing"));
            }
        } else if (sequence == head.sequence() + 1 && entry.previous().equals(head.hash())) {
            chain.head = new Head(position, sequence, entry.hash(), entry.previous());
            signed(chain, entry, raw, appendedAt);
        } else if (sequence == head.sequence() + 1) {
            chain.suspicion = new Mismatch(head, entry);
        } else if (sequence == head.sequence() && entry.previous().equals(head.previous())) {
            chain.suspicion = new Fork(head, entry);
        } else if (sequence <= head.sequence()) {
            defect(chain, broken(position, ChainDefect.INSERTED, writer, writer + "#" + sequence + " comes after " + writer + "#"
                    + head.sequence() + " (at " + head.position() + ")"));
        } else {
            defect(chain, broken(position, ChainDefect.REMOVED, writer, "entries " + (head.sequence() + 1) + " to " + (sequence - 1)
                    + " of " + writer + " are missing before this one"));
        }
    }

    /** An entry that continues its chain: a checkpoint must be the exchange's and sign the head before it. */
    private void signed(Chain state, Entry entry, Map<String, ?> raw, Instant appendedAt) {
        String writer = entry.writer();
        String name = writer + "#" + entry.sequence();
        if (state.closedAt >= 0) {
            defect(state, broken(entry.position(), ChainDefect.FORGED, writer, name + " comes after the final signed checkpoint of "
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
            defect(state, broken(entry.position(), ChainDefect.FORGED, writer, name + " is not a well-formed checkpoint"));
            return;
        }
        HashChain.Checkpoint c = checkpoint.get();
        if (!c.signsHeadBefore(new HashChain.Link(writer, entry.sequence(), entry.previous(), entry.hash()))) {
            defect(state, broken(entry.position(), ChainDefect.FORGED, writer, "checkpoint " + name + " signs another head than "
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
            defect(state, broken(entry.position(), ChainDefect.FORGED, writer, "the signature of checkpoint " + name
                    + " is not the exchange's"));
            return;
        }
        state.firstUnsigned = -1;
        state.firstUnsignedAt = null;
        if (c.last()) {
            state.closedAt = entry.position();
        }
    }

    /** The outcome for everything accepted so far (the walk may go on afterwards). */
    public ChainVerification result() {
        Defects all = defects.copy();
        Instant signedBy = now.minus(grace);
        chains.forEach((writer, state) -> {
            if (state.broken) {
                return;
            }
            if (state.suspicion != null) {
                all.add(state.suspicion.atEnd());
            } else if (state.firstUnsigned >= 0 && state.firstUnsignedAt.isBefore(signedBy)) {
                long count = state.lastUnsignedSequence - state.firstUnsignedSequence + 1;
                all.add(broken(state.firstUnsigned, ChainDefect.UNSIGNED_TAIL, writer, writer + "#" + state.firstUnsignedSequence
                        + (count > 1 ? " to " + writer + "#" + state.lastUnsignedSequence + " (" + count + " entries)" : "")
                        + ", the first appended at " + state.firstUnsignedAt + ", are covered by no signed checkpoint: "
                        + "the writer stopped without signing them, or they were forged"));
            }
        });
        if (unfollowed > 0) {
            all.add(broken(firstUnfollowed, ChainDefect.TOO_MANY_WRITERS, firstUnfollowedWriter, unfollowed + " entries of writers "
                    + "beyond the first " + maxWriters + " were not followed, from the entry at " + firstUnfollowed
                    + " on: the log holds more chains than a walk follows (junk chains, or a limit too low)"));
        }
        if (all.total() == 0) {
            return new ChainVerification.Intact(entries, chains.size());
        }
        List<ChainVerification.Defect> listed = all.listed();
        ChainVerification.Defect first = listed.getFirst();
        return new ChainVerification.Broken(entries, first.position(), first.defect(), first.detail(), listed, all.counts());
    }

    private void defect(Chain chain, ChainVerification.Defect defect) {
        chain.broken = true;
        // A broken chain is followed no further: what it held is no longer needed.
        chain.head = null;
        chain.suspicion = null;
        chain.firstUnsignedAt = null;
        defects.add(defect);
    }

    private static ChainVerification.Defect broken(long position, ChainDefect defect, String writer, String detail) {
        return new ChainVerification.Defect(position, defect, writer, detail);
    }

    private static Entry parse(long position, Map<String, ?> raw) {
        return HashChain.linkOf(raw)
                .map(l -> new Entry(position, l.writer(), l.sequence(), l.previous(), l.hash()))
                .orElse(null);
    }

    /**
     * Every defect counted by kind; listed, only the {@value #MAX_DEFECTS} first by position and the first of each kind
     * (so that junk of one kind cannot push another kind out of sight): bounded memory however many there are.
     */
    private static final class Defects {
        private static final Comparator<ChainVerification.Defect> BY_POSITION =
                Comparator.comparingLong(ChainVerification.Defect::position);

        /** The lowest positions seen, the highest of them on top, to be dropped first. */
        private final PriorityQueue<ChainVerification.Defect> lowest = new PriorityQueue<>(BY_POSITION.reversed());
        private final Map<ChainDefect, ChainVerification.Defect> firstOfKind = new EnumMap<>(ChainDefect.class);
        private final Map<ChainDefect, Long> counts = new EnumMap<>(ChainDefect.class);

        void add(ChainVerification.Defect defect) {
            counts.merge(defect.defect(), 1L, Long::sum);
            firstOfKind.merge(defect.defect(), defect, (a, b) -> a.position() <= b.position() ? a : b);
            lowest.add(defect);
            if (lowest.size() > MAX_DEFECTS) {
                lowest.poll();
            }
        }

        long total() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }

        Map<ChainDefect, Long> counts() {
            return counts;
        }

        List<ChainVerification.Defect> listed() {
            List<ChainVerification.Defect> listed = new ArrayList<>(lowest);
            firstOfKind.values().stream().filter(d -> !lowest.contains(d)).forEach(listed::add);
            listed.sort(BY_POSITION);
            return listed;
        }

        Defects copy() {
            Defects copy = new Defects();
            copy.lowest.addAll(lowest);
            copy.firstOfKind.putAll(firstOfKind);
            copy.counts.putAll(counts);
            return copy;
        }
    }
}
