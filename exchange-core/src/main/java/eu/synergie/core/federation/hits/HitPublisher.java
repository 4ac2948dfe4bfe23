package eu.synergie.core.federation.hits;

import eu.synergie.core.matching.MatchKeys;
import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeStatus;
import eu.synergie.core.notice.Tlp;
import eu.synergie.crypto.pairing.PairKey;
import eu.synergie.crypto.pairing.PeriodKey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What this exchange publishes to one peer for a notice: the keyed hashes of the values the home matcher correlates
 * on ({@link MatchKeys}, the same normalisation), under the pair's key for the epoch, for a standing notice whose
 * dissemination lets others learn of a hit (FULL or POINTER). Never for a SILENT notice (no sign of it at all, not
 * even a record), never for TLP:RED (never signalled outside its list, which holds no agency of a peer), never for
 * a protected person ({@link eu.synergie.core.notice.Entity#protection()}).
 */
public final class HitPublisher {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final PairKey pair;
    private final Epochs epochs;

    /** @param pair the key this exchange ({@link PairKey#ownName()}) shares with the peer ({@link PairKey#peerName()}) */
    public HitPublisher(PairKey pair, Epochs epochs) {
        this.pair = Objects.requireNonNull(pair, "pair");
        this.epochs = Objects.requireNonNull(epochs, "epochs");
    }

    /** The epoch {@code at} falls in, as the records name it. */
    public String epochAt(Instant at) {
        return epochs.at(at);
    }

    /**
     * The record to publish for {@code notice} in the epoch of {@code at}, or none when the notice must leave no
     * sign with the peer (SILENT, TLP:RED, withdrawn, or no correlating value). When a notice already published in
     * the epoch turns into one of these (a new version), publish {@link #retraction} for it instead.
     */
    public Optional<PublishedHashes> publish(Notice notice, Instant at) {
        Markings markings = notice.markings();
        // Exhaustive: a new dissemination value must be placed here before it compiles.
        boolean signalled = switch (markings.dissemination()) {
            case FULL, POINTER -> true;
            case SILENT -> false;
        };
        if (!signalled || notice.status() != NoticeStatus.ACTIVE || markings.tlp() == Tlp.RED) {
            return Optional.empty();
        }
        String epoch = epochs.at(at);
        PeriodKey key = pair.forPeriod(epoch);
        List<String> hashes = new ArrayList<>();
        for (Entity entity : notice.entities()) {
            // A protected person has no match key (MatchKeys), so never a hash either.
            MatchKeys.of(entity, markings.originAgency()).forEach(k -> hashes.add(BASE64URL.encodeToString(key.hash(k))));
        }
        if (hashes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PublishedHashes(pair.ownName(), pair.peerName(), epoch, notice.noticeId(), markings.region(),
                hashes));
    }

    /** The record that withdraws, for the epoch of {@code at}, whatever was published for {@code notice} in it. */
    public PublishedHashes retraction(Notice notice, Instant at) {
        return new PublishedHashes(pair.ownName(), pair.peerName(), epochs.at(at), notice.noticeId(), notice.region(),
                List.of());
    }
}
