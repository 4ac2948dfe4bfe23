package eu.synergie.core.federation;

import eu.synergie.crypto.pki.Fingerprints;
import eu.synergie.core.audit.AuditAction;
import eu.synergie.core.audit.AuditEvent;
import eu.synergie.core.audit.AuditLog;
import eu.synergie.core.audit.AuditOutcome;
import eu.synergie.core.envelope.EnvelopeRejectedException;
import eu.synergie.core.envelope.MarkingsLabel;
import eu.synergie.core.envelope.OpenedNotice;
import eu.synergie.core.envelope.RejectionReason;
import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.ingestion.DeadLetter;
import eu.synergie.core.ingestion.NoticeIngestion;
import eu.synergie.core.intake.LoggedEnvelope;
import eu.synergie.core.notice.InvalidNoticeException;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeJson;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.PublishDecision;
import eu.synergie.core.trust.PeerRecord;
import eu.synergie.core.trust.TrustEvent;
import eu.synergie.core.trust.TrustEventJson;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.crypto.envelope.EnvelopeException;
import eu.synergie.crypto.envelope.EnvelopeOpener;
import eu.synergie.crypto.envelope.EnvelopeProfile;
import eu.synergie.crypto.envelope.OpenedEnvelope;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Pem;
import eu.synergie.crypto.stamp.ExchangeSignatures;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What peer exchanges send this one, as MirrorMaker 2 copies it into this cluster: {@code <peer>.synergie.federation.out.<us>}.
 * Nothing is taken from a peer this exchange has not registered (or has removed), whatever reaches the topic.
 *
 * <p>A peer's trust events ({@link #trustRecord}) keep a registry of that peer, verified against the peer's pinned root
 * and applied by version (a copy appended again, or an older state, changes nothing): this is how a revocation or a
 * suspension at the peer reaches this exchange. A peer's notices ({@link #admission()}) are opened with this exchange's
 * federation key, their agency's signature verified against the peer's root, and admitted only if: the markings equal
 * the label the agency signed; the federation rule lets them cross to this exchange; the peer's region is one this
 * exchange accepts (the notice is kept in the region of ours it maps to); and the publish rule holds as the peer's
 * registry stood at the signing time (the agency registered, a member of the region, not suspended; the certificate
 * not revoked). Each one accepted or refused is audited with the peer as its source.
 */
public final class FederationInbox {

    private final String self;
    private final TrustRegistry home;
    private final KeyCredential federationKey;
    private final AccessPolicy policy;
    private final AuditLog audit;
    private final Clock clock;
    private final int maxEnvelopeBytes;
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    private final TrustHistory history;

    /**
     * Every trust record a peer's inbound topic holds so far, from its beginning: read when a peer's registry is made
     * (at the first record after a start, after the peer is registered or registered again with another root), so that
     * the registry is whole whatever this exchange's consumer had read before (records that came before the peering was
     * registered here, a restart that emptied the registries).
     */
    @FunctionalInterface
    public interface TrustHistory {
        List<Map.Entry<String, byte[]>> trustRecords(String topic);
    }

    /** What this exchange keeps of one peer: its registry as the peer's trust events say, and an opener anchored at its root. */
    private record Peer(PeerRecord registered, TrustRegistry registry, EnvelopeOpener opener, ExchangeSignatures signatures) {
    }

    /**
     * @param self          this exchange's name in the network, e.g. {@code EXCH-EU}
     * @param home          this exchange's registry, which says who its peers are
     * @param federationKey this exchange's federation recipient key, which peers encrypt to
     */
    public FederationInbox(String self, TrustRegistry home, KeyCredential federationKey, AccessPolicy policy, AuditLog audit,
                           Clock clock, int maxEnvelopeBytes, TrustHistory history) {
        this.history = Objects.requireNonNull(history, "history");
        this.self = Objects.requireNonNull(self, "self");
        this.home = Objects.requireNonNull(home, "home");
        this.federationKey = Objects.requireNonNull(federationKey, "federationKey");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxEnvelopeBytes = maxEnvelopeBytes;
    }

    /** The topic of this cluster where MirrorMaker 2 puts what {@code peer} sends this exchange. */
    public static String topicFrom(String peer, String self) {
        return peer + "." + FederationOutbox.topicFor(self);
    }

    /** The peer whose records {@code topic} holds, if it is one of this exchange's inbound federation topics. */
    public Optional<String> peerOf(String topic) {
        String suffix = "." + FederationOutbox.topicFor(self);
        if (!topic.endsWith(suffix)) {
            return Optional.empty();
        }
        String peer = topic.substring(0, topic.length() - suffix.length());
        return peer.isEmpty() || peer.contains(".") ? Optional.empty() : Optional.of(peer);
    }

    /** What became of a peer's trust record. */
    public enum TrustOutcome {
        APPLIED, IGNORED,
        /** From a peer that is not active here: it is read again from the topic once the peer is registered. */
        NOT_A_PEER,
        /** Not signed by the peer, or under another key than the event's: a forgery. */
        REFUSED
    }

    /**
     * Applies a trust record a peer sent, if the peer is active here and the peer signed it; a refusal is answered, the
     * caller alarms it. Not judged by freshness as this exchange's own log is: a peer's record arrives whenever the
     * link between the clusters lets it (after an outage, minutes later); the registry's versions keep a copy or an
     * older state from changing anything.
     */
    public TrustOutcome trustRecord(String topic, String key, byte[] value) {
        Optional<Peer> peer = peerOf(topic).flatMap(this::activePeer);
        if (peer.isEmpty()) {
            return TrustOutcome.NOT_A_PEER;
        }
        return apply(peer.get(), key, value);
    }

    private static TrustOutcome apply(Peer peer, String key, byte[] value) {
        if (value == null) {
            return TrustOutcome.REFUSED;
        }
        // Whatever a record holds, an answer: one that made the listener throw would be retried for ever, every peer held up.
        try {
            TrustEvent event = TrustEventJson.read(peer.signatures().open(value).content());
            // A peer's own peers and region profiles are none of this exchange's business: only its agencies and
            // certificates judge what it sends.
            if (!event.key().equals(key) || event instanceof TrustEvent.PeerChanged
                    || event instanceof TrustEvent.RegionProfileChanged) {
                return TrustOutcome.REFUSED;
            }
            return peer.registry().apply(event) == TrustRegistry.Applied.APPLIED ? TrustOutcome.APPLIED : TrustOutcome.IGNORED;
        } catch (RuntimeException e) {
            return TrustOutcome.REFUSED;
        }
    }

    /** The registry of {@code peer} as its trust events said so far (empty for a peer not active here). */
    public Optional<TrustRegistry> registryOf(String peer) {
        return activePeer(peer).map(Peer::registry);
    }

    /**
     * The rule for the notices of the inbound topics, for a {@link NoticeIngestion} of its own. Each receipt is audited
     * once its batch is settled, with what became of the notice (kept, or refused and why, the version and id checks
     * included); a batch that fails and is read again audits nothing twice.
     */
    public NoticeIngestion.Admission admission() {
        return new NoticeIngestion.Admission() {
            @Override
            public IndexedNotice admit(LoggedEnvelope logged) {
                String peerName = peerOf(logged.topic()).orElseThrow(() -> new EnvelopeRejectedException(
                        RejectionReason.PEER_NOT_ACTIVE, "not a federation topic of this exchange"));
                return FederationInbox.this.admit(peerName, logged);
            }

            @Override
            public void settled(List<IndexedNotice> indexed, List<DeadLetter> refused) {
                for (IndexedNotice admitted : indexed) {
                    Notice notice = admitted.opened().notice();
                    audit.append(new AuditEvent(clock.instant(), AuditAction.FEDERATION_RECEIPT, "system:federation",
                            notice.originAgency(), null, null, List.of(notice.noticeId().toString()),
                            List.of("exchange:" + admitted.fromPeer().peer()), "version " + notice.version() + " "
                            + notice.status() + " of region " + admitted.fromPeer().peerRegion() + " kept in region "
                            + notice.region(), AuditOutcome.SUCCESS));
                }
                for (DeadLetter letter : refused) {
                    String key = letter.source().key();
                    audit.append(new AuditEvent(clock.instant(), AuditAction.FEDERATION_RECEIPT, "system:federation", null,
                            null, null, key == null ? List.of() : List.of(key),
                            List.of("exchange:" + peerOf(letter.source().topic()).orElse("?")), "refused " + letter.reason(),
                            AuditOutcome.REFUSED));
                }
            }
        };
    }

    private IndexedNotice admit(String peerName, LoggedEnvelope logged) {
        PeerRecord registered = home.peer(peerName).filter(PeerRecord::active).orElseThrow(() ->
                new EnvelopeRejectedException(RejectionReason.PEER_NOT_ACTIVE, peerName + " is not an active peer of this exchange"));
        Peer peer = peerFor(registered);
        OpenedEnvelope opened;
        try {
            opened = peer.opener().open(logged.envelope(), List.of(federationKey));
        } catch (EnvelopeException e) {
            throw new EnvelopeRejectedException(RejectionReason.of(e.reason()), e.getMessage());
        }
        Notice notice;
        try {
            notice = NoticeJson.read(opened.content());
        } catch (InvalidNoticeException e) {
            throw new EnvelopeRejectedException(RejectionReason.INVALID_NOTICE, e.getMessage());
        }
        if (opened.label().isEmpty() || !MarkingsLabel.matches(opened.label().get(), notice.markings())) {
            throw new EnvelopeRejectedException(RejectionReason.LABEL_MISMATCH,
                    "the notice's markings differ from the security label its originator signed");
        }
        Optional<String> notFederated = FederationRule.refusal(notice.markings(), self);
        if (notFederated.isPresent()) {
            throw new EnvelopeRejectedException(RejectionReason.NOT_MARKED_FOR_FEDERATION, notFederated.get());
        }
        String peerRegion = notice.region();
        String region = registered.regionFor(peerRegion).orElseThrow(() -> new EnvelopeRejectedException(
                RejectionReason.UNKNOWN_REGION, "region " + peerRegion + " of " + peerName + " is not accepted here"));
        // The hop from a peer is classical (its federation key is ECDH): not into a region of ours that takes only
        // hybrid envelopes by then, whose notices must not sit in a topic under classical encryption alone.
        if (policy.decideProfile(home.regionProfile(region), EnvelopeProfile.CLASSICAL, logged.appendedAt())
                instanceof PublishDecision.Refused(var reason, String message)) {
            throw new EnvelopeRejectedException(reason, message + "; the federation hop from " + peerName + " is classical");
        }
        String signerAgency;
        try {
            signerAgency = CertificateAuthority.agencyCodeOf(opened.signer());
        } catch (IllegalArgumentException e) {
            throw new EnvelopeRejectedException(RejectionReason.UNKNOWN_SIGNER, "the signer certificate is not an agency certificate");
        }
        String serial = TrustRegistry.serialOf(opened.signer());
        // The peer admitted it as of its own append time, which this exchange cannot see; the signing time is the one
        // time the agency's signature vouches for, stated in whole seconds: judged as of the end of that second, a
        // revocation or suspension within it refuses the notice, a registration within it admits it.
        Instant asOf = opened.signingTime().truncatedTo(ChronoUnit.SECONDS).plusMillis(999);
        PublishDecision decision = policy.decidePublish(null, notice.markings(), signerAgency, asOf,
                peer.registry().signer(serial, asOf));
        if (decision instanceof PublishDecision.Refused(var reason, String message)) {
            throw new EnvelopeRejectedException(reason, message + " (as " + peerName + " registered it)");
        }
        Notice kept = inRegion(notice, region);
        return new IndexedNotice(new OpenedNotice(kept, signerAgency, serial, Fingerprints.sha256(opened.signer()), opened.signingTime(),
                clock.instant(), opened.signedData()), logged.topic(), logged.partition(), logged.offset(),
                new IndexedNotice.FromPeer(peerName, peerRegion));
    }

    private Optional<Peer> activePeer(String name) {
        return home.peer(name).filter(PeerRecord::active).map(this::peerFor);
    }

    /**
     * One per peering: a peer registered again (removed in between, or with another root) starts a new registry, read
     * from the topic again, which then includes what it sent while it was not a peer here.
     */
    private Peer peerFor(PeerRecord registered) {
        return peers.compute(registered.name(), (name, known) -> {
            if (known != null && known.registered().equals(registered)) {
                return known;
            }
            X509Certificate root = Pem.readCertificates(registered.rootPem()).getFirst();
            Peer made = new Peer(registered, new TrustRegistry(),
                    new EnvelopeOpener(root, maxEnvelopeBytes, EnvelopeOpener.Originator.MAY_BE_ABSENT),
                    ExchangeSignatures.ofPeer(root));
            List<Map.Entry<String, byte[]>> records;
            try {
                records = history.trustRecords(topicFrom(name, self));
            } catch (RuntimeException e) {
                // Not the envelope's doing: the batch is retried, nothing is dead-lettered for it.
                throw new eu.synergie.core.trust.TrustUnavailableException("the trust events " + name
                        + " sent cannot be read back now: " + e.getMessage());
            }
            for (Map.Entry<String, byte[]> record : records) {
                apply(made, record.getKey(), record.getValue());
            }
            return made;
        });
    }

    /** The notice as kept here: in the region of ours its region maps to, every other field as its originator signed it. */
    private static Notice inRegion(Notice notice, String region) {
        Markings m = notice.markings();
        Markings here = new Markings(region, m.originAgency(), m.classification(), m.handlingCode(), m.handlingNote(), m.tlp(),
                m.releasableTo(), m.dissemination(), m.federation());
        return new Notice(notice.noticeId(), notice.type(), notice.title(), notice.summary(), notice.language(),
                notice.issuedAt(), notice.validUntil(), here, notice.sourceReliability(), notice.infoReliability(),
                notice.caseRef(), notice.entities(), notice.relations(), notice.request(), notice.replyTo(), notice.version(), notice.status());
    }
}
