package eu.synergie.core.federation;

import eu.synergie.crypto.stamp.StampException;
import eu.synergie.crypto.stamp.ExchangeSignatures;
import eu.synergie.crypto.stamp.ExchangeSigner;
import eu.synergie.core.federation.hits.Epochs;
import eu.synergie.core.federation.hits.HitMatch;
import eu.synergie.core.federation.hits.HitMatcher;
import eu.synergie.core.federation.hits.HitPublisher;
import eu.synergie.core.federation.hits.HitsJson;
import eu.synergie.core.federation.hits.PublishedHashes;
import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.trust.PeerRecord;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.crypto.pairing.PairKey;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Pem;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Hit/no-hit with each active peer ({@code federation.hits}): the keyed hashes of this exchange's notices of the regions
 * the peering lets the peer receive go out after indexing, and the peer's come in; wherever one of this exchange's
 * notices shares a hash with one of the peer's, {@link Matched} is told, once per pair of notices, and the caller opens
 * a pending disclosure at the owner. The pair key is agreed by ECDH between this exchange's federation key and the
 * peer's pinned federation certificate: nothing secret is configured or shipped.
 *
 * <p>Matchers live in memory, one per peer and epoch: what a restart forgets is matched again only for the notices
 * indexed and the hashes received after it (see the closing note of the federation issue).
 */
public final class FederationHits {

    /** Told of each new match; an exception has the batch (or the record) handled again. */
    @FunctionalInterface
    public interface Matched {
        void matched(HitMatch match);
    }

    private final String self;
    private final TrustRegistry registry;
    private final KeyCredential federationKey;
    private final ExchangeSigner signer;
    private final Epochs epochs;
    private final int cap;
    private final FederationOutbox.Sender sender;
    private final Matched matched;
    private final Clock clock;
    private final Map<String, Peer> peers = new HashMap<>();
    // A match is reported once by its matcher: one whose pending disclosure could not be opened (approvals or audit
    // log down) is kept and reported again at the next batch or record, rather than lost or failing the batch.
    private final java.util.Set<HitMatch> unreported = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FederationHits.class);

    /** @param published the notices whose hashes went to the peer: only these are ever retracted (a SILENT one leaves no sign) */
    private record Peer(String federationPem, String rootPem, ExchangeSignatures signatures, HitPublisher publisher,
                        Map<String, HitMatcher> matchers, java.util.Set<java.util.UUID> published) {
    }

    /**
     * @param cap the most distinct hashes accepted from one peer in one epoch: what bounds the guesses a peer can put to
     *            this exchange (and the pending disclosures it can raise) per epoch
     */
    public FederationHits(String self, TrustRegistry registry, KeyCredential federationKey, ExchangeSigner signer,
                          Epochs epochs, int cap, FederationOutbox.Sender sender, Matched matched, Clock clock) {
        this.self = Objects.requireNonNull(self, "self");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.federationKey = Objects.requireNonNull(federationKey, "federationKey");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.epochs = Objects.requireNonNull(epochs, "epochs");
        this.cap = cap;
        this.sender = Objects.requireNonNull(sender, "sender");
        this.matched = Objects.requireNonNull(matched, "matched");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * After a batch of this exchange's own notices is indexed: their hashes to every active peer that may receive their
     * region (a withdrawn notice's retraction), matched here against what that peer sent in the same epoch.
     */
    public void indexed(List<IndexedNotice> notices) {
        Instant now = clock.instant();
        List<FederationOutbox.Outgoing> records = new ArrayList<>();
        List<HitMatch> found = new ArrayList<>();
        synchronized (this) {
            for (PeerRecord peer : registry.peers()) {
                if (!peer.active()) {
                    continue;
                }
                Peer state = stateOf(peer);
                for (IndexedNotice indexed : notices) {
                    Notice notice = indexed.opened().notice();
                    if (indexed.fromPeer() != null || !peer.sends(notice.region())) {
                        continue;
                    }
                    Optional<PublishedHashes> published = state.publisher().publish(notice, now);
                    if (published.isEmpty() && !state.published().remove(notice.noticeId())) {
                        continue;   // never published: nothing to retract, and no sign of it
                    }
                    published.ifPresent(p -> state.published().add(notice.noticeId()));
                    PublishedHashes record = published.orElseGet(() -> state.publisher().retraction(notice, now));
                    records.add(new FederationOutbox.Outgoing(peer.name(), FederationOutbox.Kind.HITS,
                            FederationOutbox.HITS_PREFIX + notice.noticeId(), signer.sign(HitsJson.write(record)), null));
                    found.addAll(matcher(state, peer.name(), record.epoch()).own(record));
                }
            }
        }
        if (!records.isEmpty()) {
            sender.send(records);
        }
        report(found);
    }

    /**
     * A peer's published hashes, read from its inbound topic, signed by the peer exchange (as its trust records and
     * pointers are): whoever else can write to the topic cannot replay, fill the cap or raise disclosures.
     *
     * @return why they were refused (not an active peer, not signed by it, a record not from it to us, not this epoch,
     *     over the cap), if they were
     */
    public Optional<String> peerRecord(String peerName, byte[] signed) {
        List<HitMatch> found;
        synchronized (this) {
            Optional<PeerRecord> peer = registry.peer(peerName).filter(PeerRecord::active);
            if (peer.isEmpty()) {
                return Optional.of(peerName + " is not an active peer of this exchange");
            }
            Peer state = stateOf(peer.get());
            byte[] json;
            try {
                json = state.signatures().open(signed).content();
            } catch (StampException | IllegalArgumentException e) {
                return Optional.of("hashes not signed by " + peerName);
            }
            PublishedHashes record;
            try {
                record = HitsJson.read(json);
            } catch (IllegalArgumentException e) {
                return Optional.of("unreadable hashes: " + e.getMessage());
            }
            if (!record.epoch().equals(epochs.at(clock.instant()))) {
                return Optional.of("hashes of epoch " + record.epoch() + ", not the current one");
            }
            switch (matcher(state, peerName, record.epoch()).peer(record)) {
                case HitMatcher.Intake.Refused(var reason, String detail) -> {
                    return Optional.of(reason + ": " + detail);
                }
                case HitMatcher.Intake.Accepted(List<HitMatch> matches) -> found = matches;
            }
        }
        report(found);
        return Optional.empty();
    }

    private void report(List<HitMatch> found) {
        unreported.addAll(found);
        for (HitMatch match : List.copyOf(unreported)) {
            try {
                matched.matched(match);
                unreported.remove(match);
            } catch (RuntimeException e) {
                LOG.warn("the pending disclosure of a hit with {} could not be opened now, kept to try again: {}",
                        match.peerExchange(), e.getMessage());
            }
        }
    }

    private Peer stateOf(PeerRecord peer) {
        Peer known = peers.get(peer.name());
        if (known != null && known.federationPem().equals(peer.federationPem()) && known.rootPem().equals(peer.rootPem())) {
            return known;
        }
        PairKey pair = PairKey.agree(federationKey.privateKey(),
                Pem.readCertificates(peer.federationPem()).getFirst().getPublicKey(), self, peer.name());
        Peer made = new Peer(peer.federationPem(), peer.rootPem(),
                ExchangeSignatures.ofPeer(Pem.readCertificates(peer.rootPem()).getFirst()), new HitPublisher(pair, epochs), new HashMap<>(),
                new java.util.HashSet<>());
        peers.put(peer.name(), made);
        return made;
    }

    private HitMatcher matcher(Peer state, String peer, String epoch) {
        // Only the current epoch is kept: an earlier one's hashes are under a key that is no longer used.
        state.matchers().keySet().removeIf(e -> !e.equals(epoch));
        return state.matchers().computeIfAbsent(epoch, e -> new HitMatcher(self, peer, e, cap));
    }
}
