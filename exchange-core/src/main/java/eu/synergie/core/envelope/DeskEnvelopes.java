package eu.synergie.core.envelope;

import eu.synergie.crypto.envelope.EnvelopeOpener;
import eu.synergie.crypto.envelope.EnvelopeSealer;
import eu.synergie.crypto.envelope.OpenedEnvelope;
import eu.synergie.crypto.pki.KeyCredential;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the exchange seals itself and keeps only sealed: a partner's report and the messages back to it (issue 18). The
 * same CMS as a notice (a SignedData by the exchange's log signer in an AuthEnvelopedData), encrypted to a region's
 * recipient certificate (the region's triage desk: the exchange opens it for those the access rule lets read it) and
 * to whichever agency certificates are added, so that the addressee agency can open it with its own key too, outside
 * the exchange ({@code openssl cms -decrypt}). Opening checks the signer is the exchange's log signer, not any
 * certificate of its root.
 */
public final class DeskEnvelopes {

    private final RegionKeys regions;
    private final KeyCredential signer;
    private final Supplier<List<X509Certificate>> signers;
    private final EnvelopeOpener opener;

    /**
     * @param signer  the log signer's current credential, which seals
     * @param signers the log signer certificates the exchange has had, which opening accepts
     * @param root    the exchange's root, which the signer's chain ends in
     */
    public DeskEnvelopes(RegionKeys regions, KeyCredential signer, Supplier<List<X509Certificate>> signers,
                         X509Certificate root, int maxEnvelopeBytes) {
        this.regions = Objects.requireNonNull(regions, "regions");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.signers = Objects.requireNonNull(signers, "signers");
        this.opener = new EnvelopeOpener(root, maxEnvelopeBytes);
    }

    /** Whether this exchange serves {@code region}: has its desk key. */
    public boolean serves(String region) {
        return regions.serves(region);
    }

    /** Seals {@code content} for {@code region}'s desk and {@code alsoTo} (an agency's certificates). */
    public byte[] seal(byte[] content, String region, List<X509Certificate> alsoTo) {
        List<X509Certificate> recipients = new ArrayList<>();
        recipients.add(regions.recipientCertificate(region)
                .orElseThrow(() -> new IllegalArgumentException("this exchange does not serve region " + region)));
        recipients.addAll(alsoTo);
        return EnvelopeSealer.seal(content, signer, recipients);
    }

    /**
     * Opens what {@link #seal} sealed for {@code region}.
     *
     * @throws eu.synergie.crypto.envelope.EnvelopeException if it does not open with the region's key, or its signer is
     *                                                      not this exchange's log signer
     */
    public byte[] open(byte[] envelope, String region) {
        List<KeyCredential> keys = regions.keys().stream()
                .filter(k -> regions.recipientCertificate(region).map(k.certificate()::equals).orElse(false)).toList();
        OpenedEnvelope opened = opener.open(envelope, keys);
        if (!signers.get().contains(opened.signer())) {
            throw new IllegalStateException("a desk envelope signed by " + opened.signer().getSubjectX500Principal()
                    + ", not this exchange's log signer");
        }
        return opened.content();
    }
}
