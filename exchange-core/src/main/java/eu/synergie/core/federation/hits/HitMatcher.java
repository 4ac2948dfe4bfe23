package eu.synergie.core.federation.hits;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The hit/no-hit comparison with one peer in one epoch: this exchange's own published hashes against the ones the
 * peer published, folded from the two logs in their order (the same records in the same order give the same
 * matches and the same refusals, so the state can be rebuilt from the logs). A new epoch is a new matcher: hashes
 * of two epochs never meet, their keys differ.
 *
 * <p>The peer's records count against a cap: at most {@code cap} distinct hashes accepted from it per epoch,
 * records that would go beyond it refused whole. The peer holds the key too: it could hash every phone number of a
 * country and publish them as notices, to fish for pending disclosures and pointers; the cap bounds how many guesses
 * one epoch lets it put to this exchange (see the package comment for what it does not bound).
 */
public final class HitMatcher {

    /** Why a peer's record was not taken. */
    public enum Reason {
        /** Not published by the peer of this matcher, or not to this exchange. */
        WRONG_PAIR,
        /** Hashed under another epoch's key: it can match nothing here. */
        WRONG_EPOCH,
        /** Taking it would go beyond the cap of hashes accepted from the peer in this epoch. */
        OVER_CAP
    }

    /** What became of a peer's record. */
    public sealed interface Intake {

        /** @param matches the pairs of notices the record makes match for the first time in this epoch */
        record Accepted(List<HitMatch> matches) implements Intake {
            public Accepted {
                matches = List.copyOf(matches);
            }
        }

        /** @param detail which check failed, with counts; never a hash */
        record Refused(Reason reason, String detail) implements Intake {
            public Refused {
                Objects.requireNonNull(reason, "reason");
                Objects.requireNonNull(detail, "detail");
            }
        }
    }

    private final String ownExchange;
    private final String peerExchange;
    private final String epoch;
    private final int cap;
    private final Side own = new Side();
    private final Side peer = new Side();
    /** Every distinct hash accepted from the peer this epoch, replaced or not: a replaced guess was still a guess. */
    private final Set<String> counted = new HashSet<>();
    private final Set<String> found = new HashSet<>();

    /**
     * @param cap how many distinct hashes the peer may have accepted in this epoch (its notices' values, all told)
     */
    public HitMatcher(String ownExchange, String peerExchange, String epoch, int cap) {
        this.ownExchange = Objects.requireNonNull(ownExchange, "ownExchange");
        this.peerExchange = Objects.requireNonNull(peerExchange, "peerExchange");
        this.epoch = Objects.requireNonNull(epoch, "epoch");
        if (cap < 1) {
            throw new IllegalArgumentException("the cap of hashes per peer and epoch must be at least 1");
        }
        this.cap = cap;
    }

    public String epoch() {
        return epoch;
    }

    /**
     * Takes what this exchange published to the peer for one notice (replacing what it published for it before in
     * the epoch): the matches it makes for the first time.
     *
     * @throws IllegalArgumentException when the record is not this exchange's to this peer in this epoch (a wiring
     *                                  mistake: own records are never refused like a peer's)
     */
    public synchronized List<HitMatch> own(PublishedHashes record) {
        if (!record.from().equals(ownExchange) || !record.to().equals(peerExchange) || !record.epoch().equals(epoch)) {
            throw new IllegalArgumentException("an own record must be from " + ownExchange + " to " + peerExchange
                    + " in epoch " + epoch);
        }
        own.put(record);
        return newMatches(record.noticeId(), own, peer, true);
    }

    /** Takes what the peer published for one of its notices, unless it is refused (see {@link Reason}). */
    public synchronized Intake peer(PublishedHashes record) {
        if (!record.from().equals(peerExchange) || !record.to().equals(ownExchange)) {
            return new Intake.Refused(Reason.WRONG_PAIR, "published by " + record.from() + " to " + record.to()
                    + ", expected " + peerExchange + " to " + ownExchange);
        }
        if (!record.epoch().equals(epoch)) {
            return new Intake.Refused(Reason.WRONG_EPOCH, "for epoch " + record.epoch() + ", expected " + epoch);
        }
        int fresh = (int) record.hashes().stream().filter(h -> !counted.contains(h)).count();
        if (counted.size() + fresh > cap) {
            return new Intake.Refused(Reason.OVER_CAP, "the record would bring the hashes accepted from " + peerExchange
                    + " in epoch " + epoch + " to " + (counted.size() + fresh) + ", beyond the cap of " + cap);
        }
        counted.addAll(record.hashes());
        peer.put(record);
        return new Intake.Accepted(newMatches(record.noticeId(), peer, own, false));
    }

    /** The pairs of notices that match now, ordered by own then peer notice. */
    public synchronized List<HitMatch> matches() {
        List<HitMatch> matches = new ArrayList<>();
        for (PublishedHashes record : own.records.values()) {
            matches.addAll(matchesOf(record, peer, true));
        }
        matches.sort(Comparator.comparing(HitMatch::ownNoticeId).thenComparing(HitMatch::peerNoticeId));
        return matches;
    }

    /** How many distinct hashes of the peer count against the cap in this epoch. */
    public synchronized int counted() {
        return counted.size();
    }

    private List<HitMatch> newMatches(UUID noticeId, Side side, Side other, boolean sideIsOwn) {
        PublishedHashes record = side.records.get(noticeId);
        if (record == null) {
            return List.of();
        }
        List<HitMatch> fresh = new ArrayList<>();
        for (HitMatch match : matchesOf(record, other, sideIsOwn)) {
            if (found.add(match.ownNoticeId() + "/" + match.peerNoticeId())) {
                fresh.add(match);
            }
        }
        return fresh;
    }

    private List<HitMatch> matchesOf(PublishedHashes record, Side other, boolean recordIsOwn) {
        Map<UUID, PublishedHashes> holders = new LinkedHashMap<>();
        for (String hash : record.hashes()) {
            for (UUID holder : other.byHash.getOrDefault(hash, Set.of())) {
                holders.putIfAbsent(holder, other.records.get(holder));
            }
        }
        List<HitMatch> matches = new ArrayList<>();
        for (PublishedHashes held : holders.values()) {
            PublishedHashes mine = recordIsOwn ? record : held;
            PublishedHashes theirs = recordIsOwn ? held : record;
            matches.add(new HitMatch(ownExchange, mine.noticeId(), mine.region(), peerExchange, theirs.noticeId(),
                    theirs.region(), epoch));
        }
        return matches;
    }

    /** One side's records by notice, and which notices hold each hash. */
    private static final class Side {
        final Map<UUID, PublishedHashes> records = new HashMap<>();
        final Map<String, Set<UUID>> byHash = new HashMap<>();

        void put(PublishedHashes record) {
            PublishedHashes previous = record.retraction() ? records.remove(record.noticeId())
                    : records.put(record.noticeId(), record);
            if (previous != null) {
                for (String hash : previous.hashes()) {
                    Set<UUID> holders = byHash.get(hash);
                    holders.remove(previous.noticeId());
                    if (holders.isEmpty()) {
                        byHash.remove(hash);
                    }
                }
            }
            for (String hash : record.hashes()) {
                byHash.computeIfAbsent(hash, h -> new HashSet<>()).add(record.noticeId());
            }
        }
    }
}
