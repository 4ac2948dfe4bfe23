package eu.synergie.core.federation.hits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * One of this exchange's notices shares at least one value with one of the peer's, as their keyed hashes show. What
 * follows (a pending disclosure at the owner) is the caller's; the match itself names no value.
 *
 * @param epoch the epoch in which the match was found
 */
public record HitMatch(String ownExchange, UUID ownNoticeId, String ownRegion, String peerExchange, UUID peerNoticeId,
                       String peerRegion, String epoch) {

    public HitMatch {
        Objects.requireNonNull(ownExchange, "ownExchange");
        Objects.requireNonNull(ownNoticeId, "ownNoticeId");
        Objects.requireNonNull(ownRegion, "ownRegion");
        Objects.requireNonNull(peerExchange, "peerExchange");
        Objects.requireNonNull(peerNoticeId, "peerNoticeId");
        Objects.requireNonNull(peerRegion, "peerRegion");
        Objects.requireNonNull(epoch, "epoch");
    }

    /**
     * A stable name of the pair of notices, the same in every epoch (the same two notices found again next week are
     * the same match: one pending disclosure, not one a week), and the same on both exchanges: the two sides are
     * ordered by exchange name, not by which side computes it.
     */
    public String id() {
        String own = ownExchange + '\u0001' + ownNoticeId;
        String peer = peerExchange + '\u0001' + peerNoticeId;
        String pair = ownExchange.compareTo(peerExchange) < 0 ? own + '\u0002' + peer : peer + '\u0002' + own;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(("hit-match\u0002" + pair).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
