package eu.synergie.core.federation;

import eu.synergie.core.audit.AuditAction;
import eu.synergie.core.audit.AuditEvent;
import eu.synergie.core.audit.AuditLog;
import eu.synergie.core.audit.AuditOutcome;
import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.trust.PeerRecord;
import eu.synergie.core.trust.TrustEvent;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.crypto.envelope.EnvelopeSealer;
import eu.synergie.crypto.pki.Pem;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What leaves this exchange for its peers, on {@code synergie.federation.out.<peer>} (which MirrorMaker 2 copies into
 * the peer's cluster). Once a batch of the indexer is in the index (an {@code AfterIndexing} step), each notice goes to every active peer that may
 * receive its region and that its originator marked it for ({@link FederationRule}): the agency's {@code SignedData},
 * bytes unchanged, encrypted again for the peer's federation certificate. Withdrawals and new versions are notices
 * too and follow the same way.
 *
 * <p>Ahead of a notice, on the same (single-partition) topic, go the states of its signer's agency and certificate
 * the peer has not been sent yet, signed by this exchange: the peer judges the agency's signature with this exchange's
 * registry as its trust events say, so it must know the signer before the notice. Every later change of an agency or
 * certificate (a revocation, a suspension) follows by {@link #trustChanges()}, run every half second or so: a peer
 * refuses what is signed after a revocation within seconds. A peer learns only of the agencies that are or were members
 * of a region it receives (and their certificates), never of this exchange's other peers.
 *
 * <p>Thread-safe. Nothing is marked sent until {@link #sent} says the topic acknowledged it: what failed is sent again.
 */
public final class FederationOutbox {

    /** The topic of what this exchange sends to {@code peer}. */
    public static String topicFor(String peer) {
        return "synergie.federation.out." + peer;
    }

    /** What one record on a peer's topic is. */
    public enum Kind {
        /** A notice re-wrapped for the peer; keyed by notice id. */
        NOTICE,
        /** One of this exchange's trust events, signed by it; keyed by the event's key. */
        TRUST,
        /** Keyed hashes of a notice's values for hit/no-hit; keyed {@code hits:<notice id>}. */
        HITS,
        /** A pointer its owner's approvers released after a hit, signed by this exchange; keyed {@code pointer:<request id>}. */
        POINTER;

        /** The kind of a record on a federation topic, by its key. */
        public static Kind ofKey(String key) {
            if (key == null) {
                return NOTICE;
            }
            if (key.startsWith("agency:") || key.startsWith("certificate:")) {
                return TRUST;
            }
            if (key.startsWith(HITS_PREFIX)) {
                return HITS;
            }
            return key.startsWith(POINTER_PREFIX) ? POINTER : NOTICE;
        }
    }

    static final String HITS_PREFIX = "hits:";
    static final String POINTER_PREFIX = "pointer:";

    /** A record for {@link #topicFor}{@code (peer)}; {@code trust} is set for a trust record, to mark it sent. */
    public record Outgoing(String peer, Kind kind, String key, byte[] value, TrustEvent trust) {
    }

    /** Appends records to their peers' topics and returns once every one is acknowledged. */
    @FunctionalInterface
    public interface Sender {
        void send(List<Outgoing> records);
    }

    private final TrustRegistry registry;
    private final TrustSigner signer;
    private final Sender sender;
    private final AuditLog audit;
    private final Clock clock;
    // Per peer, the version of each trust key it was last sent.
    private final Map<String, Map<String, Long>> sentVersions = new HashMap<>();
    // By PEM: parsed once per federation certificate registered.
    private final Map<String, X509Certificate> recipients = new HashMap<>();

    /** Signs a trust event as the records of this exchange's trust log are signed. */
    @FunctionalInterface
    public interface TrustSigner {
        byte[] sign(TrustEvent event);
    }

    public FederationOutbox(TrustRegistry registry, TrustSigner signer, Sender sender, AuditLog audit, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Sends the notices of an indexed batch that may cross, each preceded by what its peer must know of the signer,
     * and audits each transfer; returns once all are acknowledged (else throws, and the indexer retries the batch: the
     * peer takes the same version twice as once).
     */
    public void indexed(List<IndexedNotice> notices) {
        send(notices, peer -> true);
    }

    /**
     * Sends {@code peer} the notices of a batch read again from the log (they were indexed before the peering): what
     * an administrator asks for once both sides registered each other. The rule and the audit are those of
     * {@link #indexed}; the peer takes a version it has as once.
     *
     * @return how many were sent
     */
    public int backfill(String peer, List<IndexedNotice> notices) {
        return send(notices, p -> p.name().equals(peer));
    }

    /**
     * Whether {@code region} takes only hybrid envelopes now: its notices do not cross, since the hop to a peer is
     * classical (its federation key is ECDH) and the copy would sit in the peer's topics under classical encryption.
     */
    private boolean hybridOnly(String region) {
        return registry.regionProfile(region).map(p -> p.requiresHybridAt(clock.instant())).orElse(false);
    }

    private int send(List<IndexedNotice> notices, java.util.function.Predicate<PeerRecord> to) {
        List<Outgoing> records = new ArrayList<>();
        List<AuditEvent> transfers = new ArrayList<>();
        synchronized (this) {
            for (PeerRecord peer : registry.peers()) {
                if (!peer.active() || !to.test(peer)) {
                    continue;
                }
                Map<String, Long> planned = new HashMap<>(sentTo(peer.name()));
                for (IndexedNotice indexed : notices) {
                    Notice notice = indexed.opened().notice();
                    if (indexed.fromPeer() != null || indexed.opened().signedData().length == 0
                            || !peer.sends(notice.region()) || !FederationRule.crosses(notice.markings(), peer.name())
                            || hybridOnly(notice.region())) {
                        continue;
                    }
                    String serial = indexed.opened().certificateSerial();
                    String agency = registry.certificate(serial).map(c -> c.agency()).orElse(indexed.opened().signerAgency());
                    trustState(peer, "agency:" + agency, planned).ifPresent(records::add);
                    trustState(peer, "certificate:" + serial, planned).ifPresent(records::add);
                    records.add(new Outgoing(peer.name(), Kind.NOTICE, notice.noticeId().toString(),
                            EnvelopeSealer.rewrap(indexed.opened().signedData(), List.of(recipientOf(peer))), null));
                    transfers.add(new AuditEvent(clock.instant(), AuditAction.FEDERATION_TRANSFER, "system:federation",
                            notice.originAgency(), null, null, List.of(notice.noticeId().toString()),
                            List.of("exchange:" + peer.name()), "version " + notice.version() + " " + notice.status()
                            + " of region " + notice.region(), AuditOutcome.SUCCESS));
                }
            }
        }
        if (records.isEmpty()) {
            return 0;
        }
        // Audited before it leaves: a retry after a failure can at worst record the same transfer twice.
        transfers.forEach(audit::append);
        sender.send(records);
        sent(records);
        return transfers.size();
    }

    /**
     * The agency and certificate states some active peer has not been sent in their current version (a revocation, a
     * suspension, everything for a peer registered a moment ago), signed; send them, then call {@link #sent}.
     */
    public synchronized List<Outgoing> trustChanges() {
        List<Outgoing> records = new ArrayList<>();
        for (PeerRecord peer : registry.peers()) {
            if (!peer.active()) {
                continue;
            }
            Map<String, Long> planned = new HashMap<>(sentTo(peer.name()));
            for (TrustEvent state : registry.states()) {
                if (concerns(peer, state)) {
                    trustState(peer, state.key(), planned).ifPresent(records::add);
                }
            }
        }
        return records;
    }

    /**
     * Whether a peer is to know of a trust state: agencies that are or were members of a region it receives, and their
     * certificates; never this exchange's other peers. The rest of the registry is none of its business.
     */
    private boolean concerns(PeerRecord peer, TrustEvent state) {
        return switch (state) {
            case TrustEvent.AgencyChanged agency -> sendsFor(peer, agency.agency());
            case TrustEvent.CertificateChanged certificate -> registry.agency(certificate.certificate().agency())
                    .filter(agency -> sendsFor(peer, agency)).isPresent();
            case TrustEvent.PeerChanged other -> false;
            // Our regions' profiles govern what is appended here; a peer's inbox judges by its own.
            case TrustEvent.RegionProfileChanged region -> false;
            // Only released notices cross: a peer has nothing to hold.
            case TrustEvent.ReleasePolicyChanged release -> false;
        };
    }

    private static boolean sendsFor(PeerRecord peer, eu.synergie.core.trust.AgencyRecord agency) {
        return agency.regions().stream().anyMatch(peer::sends)
                || agency.history().stream().flatMap(standing -> standing.regions().stream()).anyMatch(peer::sends);
    }

    /** Marks the trust records among {@code records} as sent, once their topics acknowledged them. */
    public synchronized void sent(List<Outgoing> records) {
        for (Outgoing record : records) {
            if (record.trust() != null) {
                sentTo(record.peer()).merge(record.trust().key(), record.trust().version(), Math::max);
            }
        }
    }

    /** Forgets what a peer was sent: after it is removed, a peering made again starts by sending every state anew. */
    public synchronized void forget(String peer) {
        sentVersions.remove(peer);
    }

    private Optional<Outgoing> trustState(PeerRecord peer, String key, Map<String, Long> planned) {
        Optional<TrustEvent> state = registry.current(key);
        if (state.isEmpty() || planned.getOrDefault(key, 0L) >= state.get().version()) {
            return Optional.empty();
        }
        planned.put(key, state.get().version());
        return Optional.of(new Outgoing(peer.name(), Kind.TRUST, key, signer.sign(state.get()), state.get()));
    }

    private Map<String, Long> sentTo(String peer) {
        return sentVersions.computeIfAbsent(peer, p -> new HashMap<>());
    }

    private X509Certificate recipientOf(PeerRecord peer) {
        // By the PEM registered: a peer registered again with a new federation certificate gets it at once.
        return recipients.computeIfAbsent(peer.federationPem(), pem -> Pem.readCertificates(pem).getFirst());
    }
}
