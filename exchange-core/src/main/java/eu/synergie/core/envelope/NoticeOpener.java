package eu.synergie.core.envelope;

import eu.synergie.crypto.pki.Fingerprints;
import eu.synergie.core.notice.InvalidNoticeException;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeJson;
import eu.synergie.crypto.envelope.EnvelopeException;
import eu.synergie.crypto.envelope.EnvelopeOpener;
import eu.synergie.crypto.envelope.EnvelopeProfile;
import eu.synergie.crypto.envelope.HybridEnvelopeOpener;
import eu.synergie.crypto.envelope.OpenedEnvelope;
import eu.synergie.crypto.pki.CertificateAuthority;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;

import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Opens a sealed notice as the exchange: decrypts it with the key of the region it was sealed for,
 * verifies the signature and the signer's chain to the exchange CA, checks that the signer's own certificate is
 * among the recipients (so the originator can always open what the exchange keeps), reads the notice, and checks
 * that the envelope and the notice agree: the markings equal the signed security label, the region is the one
 * it was sealed for. Envelopes of either profile ({@link EnvelopeProfile}): a hybrid one needs the region's ECDH and
 * ML-KEM keys and both its signatures (the ML-DSA one chaining to the exchange's ML-DSA root); which profile a region
 * requires is the publish rule's question. Used on publish and again by the indexer, which trusts nothing it reads
 * from the log.
 * Whether the signer may publish it (originator, registry, membership, as of the append time) is the
 * publish rule's question, asked next by both ({@code eu.synergie.core.policy.PublishGate}).
 */
public final class NoticeOpener {

    private final EnvelopeOpener envelopes;
    private final HybridEnvelopeOpener hybridEnvelopes;
    private final int maxEnvelopeBytes;
    private final RegionKeys regions;
    private final Clock clock;
    private final RecentlyOpened recentlyOpened;

    /** As the full constructor, keeping up to 64 MiB of recently opened content. */
    public NoticeOpener(X509Certificate exchangeCa, RegionKeys regions, int maxEnvelopeBytes, Clock clock) {
        this(exchangeCa, regions, maxEnvelopeBytes, 64L << 20, clock);
    }

    /**
     * @param recentlyOpenedBytes how much decrypted content of recently opened envelopes to keep, so that
     *                           the same bytes read again (by the indexer) are not decrypted and verified again
     */
    public NoticeOpener(X509Certificate exchangeCa, RegionKeys regions, int maxEnvelopeBytes, long recentlyOpenedBytes,
                        Clock clock) {
        this(exchangeCa, null, regions, maxEnvelopeBytes, recentlyOpenedBytes, clock);
    }

    /**
     * @param postQuantumRoot the exchange's ML-DSA-65 root, that agencies' ML-DSA certificates chain to; null if the
     *                        exchange takes classical envelopes only
     */
    public NoticeOpener(X509Certificate exchangeCa, X509Certificate postQuantumRoot, RegionKeys regions,
                        int maxEnvelopeBytes, long recentlyOpenedBytes, Clock clock) {
        // What the exchange keeps, its originator must be able to open: the signer is a recipient too.
        this.envelopes = new EnvelopeOpener(exchangeCa, maxEnvelopeBytes, EnvelopeOpener.Originator.MUST_BE_RECIPIENT);
        this.hybridEnvelopes = postQuantumRoot == null ? null : new HybridEnvelopeOpener(exchangeCa, postQuantumRoot,
                maxEnvelopeBytes, EnvelopeOpener.Originator.MUST_BE_RECIPIENT);
        this.maxEnvelopeBytes = maxEnvelopeBytes;
        this.regions = regions;
        this.clock = clock;
        this.recentlyOpened = new RecentlyOpened(recentlyOpenedBytes);
    }

    /** Opens an envelope received now (the publish path). */
    public OpenedNotice open(byte[] envelope) {
        return open(envelope, false);
    }

    /** Opens an envelope read back from the log (the indexer, a rebuild). */
    public OpenedNotice openLogged(byte[] envelope) {
        return open(envelope, true);
    }

    private OpenedNotice open(byte[] envelope, boolean indexing) {
        // The indexer usually reads, a moment later, the very bytes this instance opened on publish: the
        // decryption and signature check (most of the cost) are not repeated for them (nor when a batch is
        // retried). Every other check below runs again each time, and so does the publish rule after it.
        String digest = sha256(envelope);
        Verified verified = recentlyOpened.get(digest);
        if (verified == null) {
            try {
                verified = verify(envelope);
            } catch (EnvelopeException e) {
                throw new EnvelopeRejectedException(RejectionReason.of(e.reason()), e.getMessage());
            }
            // Only what publishing opened: the indexer's own misses (a rebuild reading the whole log) would
            // push out what it has yet to read.
            if (!indexing) {
                recentlyOpened.put(digest, verified);
            }
        }
        OpenedEnvelope opened = verified.envelope();
        Notice notice;
        try {
            notice = NoticeJson.read(opened.content());
        } catch (InvalidNoticeException e) {
            throw new EnvelopeRejectedException(RejectionReason.INVALID_NOTICE, e.getMessage());
        }
        if (opened.label().isEmpty()) {
            throw new EnvelopeRejectedException(RejectionReason.LABEL_MISMATCH, "the signature binds no security label");
        }
        if (!MarkingsLabel.matches(opened.label().get(), notice.markings())) {
            throw new EnvelopeRejectedException(RejectionReason.LABEL_MISMATCH,
                    "the notice's markings differ from the security label its originator signed");
        }
        if (!regions.serves(notice.region())) {
            throw new EnvelopeRejectedException(RejectionReason.UNKNOWN_REGION,
                    "region " + notice.region() + " is not served by this exchange");
        }
        String sealedFor = regions.regionOf(opened.recipient()).orElse("?");
        if (!sealedFor.equals(notice.region())) {
            throw new EnvelopeRejectedException(RejectionReason.REGION_MISMATCH,
                    "the notice says region " + notice.region() + " but was sealed for region " + sealedFor);
        }
        // Both layers for the notice's region: an outer layer to another region's ML-KEM key would leave the region's
        // own post-quantum key out of what protects its notices.
        if (verified.kemRecipient() != null) {
            String kemSealedFor = regions.regionOf(verified.kemRecipient()).orElse("?");
            if (!kemSealedFor.equals(notice.region())) {
                throw new EnvelopeRejectedException(RejectionReason.REGION_MISMATCH, "the notice says region "
                        + notice.region() + " but its ML-KEM layer was sealed for region " + kemSealedFor);
            }
        }
        String signerAgency = agencyOf(opened.signer());
        return new OpenedNotice(notice, signerAgency, opened.signer().getSerialNumber().toString(16),
                Fingerprints.sha256(opened.signer()), opened.signingTime(), clock.instant(), opened.signedData(),
                verified.profile(), verified.postQuantumSigner() == null ? null
                        : verified.postQuantumSigner().getSerialNumber().toString(16));
    }

    /** The cryptography of either profile; the profile an envelope claims picks the opener, which checks the claim. */
    private Verified verify(byte[] envelope) {
        // Before EnvelopeProfile.of parses it: the openers' own size check comes after that.
        if (envelope.length > maxEnvelopeBytes) {
            throw new EnvelopeRejectedException(RejectionReason.OVERSIZED_ENVELOPE, "envelope exceeds " + maxEnvelopeBytes + " bytes");
        }
        if (EnvelopeProfile.of(envelope) == EnvelopeProfile.CLASSICAL) {
            return new Verified(envelopes.open(envelope, regions.keys()), EnvelopeProfile.CLASSICAL, null, null);
        }
        if (hybridEnvelopes == null) {
            throw new EnvelopeRejectedException(RejectionReason.UNSUPPORTED_ALGORITHM,
                    "a hybrid (ML-KEM) envelope, and this exchange has no ML-DSA root to verify one");
        }
        // Revocation is the publish rule's question (PublishGate, from the registry, for both signer certificates).
        HybridEnvelopeOpener.Opened opened = hybridEnvelopes.openBoth(envelope, regions.allKeys(), (signer, at) -> Optional.empty());
        return new Verified(opened.envelope(), EnvelopeProfile.HYBRID, opened.postQuantumSigner(), opened.kemRecipient());
    }

    /** What the cryptography established, for either profile; the ML-DSA signer and ML-KEM recipient of a hybrid one. */
    private record Verified(OpenedEnvelope envelope, EnvelopeProfile profile, X509Certificate postQuantumSigner,
                            X509Certificate kemRecipient) {
    }

    /** The regions an envelope can be sealed for, with their recipient certificates. */
    public RegionKeys regions() {
        return regions;
    }

    private static String agencyOf(X509Certificate signer) {
        try {
            return CertificateAuthority.agencyCodeOf(signer);
        } catch (IllegalArgumentException e) {
            throw new EnvelopeRejectedException(RejectionReason.UNKNOWN_SIGNER, "the signer certificate is not an agency certificate");
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * The latest envelopes opened on publish whose decryption and signature verified, by SHA-256 of their
     * bytes: identical bytes give the identical result, so only the cryptography is remembered, never a
     * trust decision. Bounded by the bytes of content kept (first opened out), whatever the notices' sizes, so that
     * a backlog only means opening again. The certificates are shared with the opener's own caches.
     */
    private static final class RecentlyOpened {

        // Key, entry and OpenedEnvelope beside the content.
        private static final int ENTRY_OVERHEAD_BYTES = 256;

        private final long capacityBytes;
        // In the order opened: the indexer reads the log in about that order, so the oldest were most likely read.
        private final java.util.LinkedHashMap<String, Verified> entries = new java.util.LinkedHashMap<>();
        private long bytes;

        RecentlyOpened(long capacityBytes) {
            this.capacityBytes = capacityBytes;
        }

        synchronized Verified get(String digest) {
            return entries.get(digest);
        }

        synchronized void put(String digest, Verified opened) {
            long size = sizeOf(opened);
            if (size > capacityBytes) {
                return;
            }
            Verified replaced = entries.put(digest, opened);
            bytes += size - (replaced == null ? 0 : sizeOf(replaced));
            var eldest = entries.entrySet().iterator();
            while (bytes > capacityBytes && eldest.hasNext()) {
                bytes -= sizeOf(eldest.next().getValue());
                eldest.remove();
            }
        }

        private static long sizeOf(Verified opened) {
            return opened.envelope().retainedLength() + ENTRY_OVERHEAD_BYTES;
        }
    }

}
