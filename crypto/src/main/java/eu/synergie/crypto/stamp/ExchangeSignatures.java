package eu.synergie.crypto.stamp;

import eu.synergie.crypto.pki.BouncyCastle;
import static eu.synergie.crypto.stamp.StampException.Reason.FORGED;
import static eu.synergie.crypto.stamp.StampException.Reason.UNTRUSTED_SIGNER;

import eu.synergie.crypto.pki.CertificateAuthority;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Checks the exchange's signatures ({@link ExchangeSigner}) on records read back from its logs. A record is
 * the exchange's only if it is a CMS {@code SignedData} with one signer whose signed attributes verify and
 * carry a signing time, and whose certificate is an exchange signing certificate ({@code OU=Exchange}, digital
 * signature) that chains to the pinned exchange root and was valid at the signing time, and is one of the
 * exchange's own log-signer certificates, pinned too: the current one and those it replaced, as its key folder
 * lists them. An agency's certificate chains to the same root: the {@code OU} is what keeps an agency from signing
 * trust events; the pin keeps out any other {@code OU=Exchange} certificate the CA ever issued (a retired signer
 * whose certificate was removed, a signing certificate made for another purpose).
 *
 * <p>Thread-safe; validated certificate paths are remembered, so following a log costs one signature check
 * per record.
 */
public final class ExchangeSignatures {

    private static final int REMEMBERED = 64;

    /** The content and when the exchange signed it (by its own clock: a signed attribute). */
    public record Signed(byte[] content, Instant signedAt) {
    }

    private final X509Certificate root;
    private final Supplier<? extends Collection<X509Certificate>> signers;
    private final ConcurrentMap<X509CertificateHolder, Checked> checked = new ConcurrentHashMap<>();
    private volatile Set<X509Certificate> pinned;

    /**
     * @param root    the exchange's root certificate
     * @param signers the exchange's log-signer certificates; asked again when a record is signed by a certificate it
     *                did not list (another instance renewed the signer since), after that record's signature and
     *                chain verified, so that only the holder of a key the exchange root vouches for makes it ask
     */
    public ExchangeSignatures(X509Certificate root, Supplier<? extends Collection<X509Certificate>> signers) {
        this(root, Objects.requireNonNull(signers, "signers"), true);
    }

    private ExchangeSignatures(X509Certificate root, Supplier<? extends Collection<X509Certificate>> signers, boolean pin) {
        this.root = Objects.requireNonNull(root, "root");
        this.signers = pin ? signers : null;
        this.pinned = pin ? Set.copyOf(signers.get()) : Set.of();
    }

    /**
     * The signatures of a peer exchange, whose root this one pinned: any exchange signing certificate ({@code OU=Exchange})
     * of that root is taken as the peer's, since this exchange cannot see the peer's key folder to pin its log signers.
     * An agency certificate of the peer still cannot pass for it.
     */
    public static ExchangeSignatures ofPeer(X509Certificate peerRoot) {
        return new ExchangeSignatures(peerRoot, null, false);
    }

    /**
     * The content of an encapsulated {@code SignedData}, once its signature is checked.
     *
     * @throws StampException for any record that is not one the exchange signed: never another exception
     */
    public Signed open(byte[] der) {
        try {
            CMSSignedData signed = parse(der);
            Object content = signed.getSignedContent() == null ? null : signed.getSignedContent().getContent();
            if (!(content instanceof byte[] bytes)) {
                throw new StampException(FORGED, "the signed data encapsulates no content");
            }
            return new Signed(bytes, verify(signed));
        } catch (StampException e) {
            throw e;
        } catch (RuntimeException e) {
            throw malformed(e);
        }
    }

    /**
     * Checks a detached {@code SignedData} over {@code content}; returns its signing time.
     *
     * @throws StampException for any signature that is not one the exchange made over {@code content}
     */
    public Instant verifyDetached(byte[] content, byte[] signature) {
        try {
            CMSSignedData parsed = parse(signature);
            return verify(new CMSSignedData(new CMSProcessableByteArray(content), parsed.toASN1Structure()));
        } catch (CMSException e) {
            throw new StampException(FORGED, "the detached signature cannot be read with its content", e);
        } catch (StampException e) {
            throw e;
        } catch (RuntimeException e) {
            throw malformed(e);
        }
    }

    /**
     * Bouncy Castle parses a SignedData lazily: a part it cannot read (a certificate set holding a two-element
     * SEQUENCE, signer infos of the wrong type) fails only when it is reached, with whatever runtime exception the
     * accessor throws (IllegalArgumentException, ClassCastException, IllegalStateException…). Whatever was
     * appended to a log, the answer is a stamp refused for a reason, as for envelopes.
     */
    private static StampException malformed(RuntimeException e) {
        return new StampException(FORGED, "the SignedData is malformed", e);
    }

    private static CMSSignedData parse(byte[] der) {
        ContentInfo info = StampedRecord.contentInfo(der, CMSObjectIdentifiers.signedData, "SignedData");
        try {
            return new CMSSignedData(info);
        } catch (CMSException | RuntimeException e) {
            throw new StampException(FORGED, "the SignedData is malformed", e);
        }
    }

    private Instant verify(CMSSignedData signed) {
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw new StampException(FORGED, "the SignedData has " + signers.size() + " signers, not one");
        }
        SignerInformation signer = signers.iterator().next();
        AttributeTable attributes = signer.getSignedAttributes();
        if (attributes == null) {
            throw new StampException(FORGED, "the signature covers no signed attributes");
        }
        Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(signer.getSID());
        if (matches.isEmpty()) {
            throw new StampException(UNTRUSTED_SIGNER, "the signer's certificate is not in the SignedData");
        }
        X509CertificateHolder holder = matches.iterator().next();
        Checked certificate = checked.get(holder);
        if (certificate == null) {
            certificate = check(holder);
        }
        boolean verified;
        try {
            verified = signer.verify(certificate.verifier());
        } catch (CMSException | RuntimeException e) {
            throw new StampException(FORGED, "the signature or its signed attributes do not verify", e);
        }
        if (!verified) {
            throw new StampException(FORGED, "the signature does not verify");
        }
        if (!CMSObjectIdentifiers.data.equals(new ASN1ObjectIdentifier(signed.getSignedContentTypeOID()))) {
            throw new StampException(FORGED, "the signed content is not id-data");
        }
        Instant signedAt = signingTime(attributes);
        certificate.requireValidAt(signedAt, signed, root);
        if (!checked.containsKey(holder)) {
            requirePinned(certificate.certificate);
            if (checked.size() >= REMEMBERED) {
                checked.clear();
            }
            checked.put(holder, certificate);
        }
        return signedAt;
    }

    private void requirePinned(X509Certificate certificate) {
        if (signers == null) {
            return;
        }
        if (!pinned.contains(certificate)) {
            pinned = Set.copyOf(signers.get());
            if (!pinned.contains(certificate)) {
                throw new StampException(UNTRUSTED_SIGNER, "the signer is not one of the exchange's own log signers");
            }
        }
    }

    private static Checked check(X509CertificateHolder holder) {
        X509Certificate certificate;
        try {
            certificate = new JcaX509CertificateConverter().setProvider(BouncyCastle.PROVIDER).getCertificate(holder);
        } catch (CertificateException e) {
            throw new StampException(FORGED, "the signer's certificate cannot be decoded", e);
        }
        try {
            CertificateAuthority.exchangeSignerOf(certificate);
        } catch (IllegalArgumentException e) {
            throw new StampException(UNTRUSTED_SIGNER, "the signer is not an exchange signing certificate");
        }
        boolean[] usage = certificate.getKeyUsage();
        if (usage == null || !usage[0]) {
            throw new StampException(UNTRUSTED_SIGNER, "the signer's certificate is not for digital signatures");
        }
        try {
            // Bouncy Castle's ECDSA here (it keeps the key's precomputation): faster than the JDK's for verifying, unlike signing.
            return new Checked(certificate, new JcaSimpleSignerInfoVerifierBuilder().setProvider(BouncyCastle.PROVIDER)
                    .build(certificate.getPublicKey()));
        } catch (OperatorCreationException e) {
            throw new StampException(UNTRUSTED_SIGNER, "no verifier for the signer's key", e);
        }
    }

    private static Instant signingTime(AttributeTable attributes) {
        Attribute attribute = attributes.get(CMSAttributes.signingTime);
        if (attribute == null || attribute.getAttrValues().size() != 1) {
            throw new StampException(FORGED, "the signature carries no signing time");
        }
        try {
            return Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant();
        } catch (RuntimeException e) {
            throw new StampException(FORGED, "the signing time cannot be read", e);
        }
    }

    /**
     * A signer certificate found to be an exchange signer, with its verifier, and once a path to the root was
     * built, the window in which every certificate of that path is valid: any signing time inside it holds.
     */
    private static final class Checked {

        private final X509Certificate certificate;
        private final SignerInformationVerifier verifier;
        private volatile Instant from;
        private volatile Instant until;

        Checked(X509Certificate certificate, SignerInformationVerifier verifier) {
            this.certificate = certificate;
            this.verifier = verifier;
        }

        SignerInformationVerifier verifier() {
            return verifier;
        }

        void requireValidAt(Instant signedAt, CMSSignedData signed, X509Certificate root) {
            try {
                certificate.checkValidity(Date.from(signedAt));
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                throw new StampException(UNTRUSTED_SIGNER, "the signer's certificate was not valid at the signing time");
            }
            if (from != null && !signedAt.isBefore(from) && !signedAt.isAfter(until)) {
                return;
            }
            List<? extends java.security.cert.Certificate> path;
            try {
                X509CertSelector target = new X509CertSelector();
                target.setCertificate(certificate);
                PKIXBuilderParameters parameters = new PKIXBuilderParameters(Set.of(new TrustAnchor(root, null)), target);
                parameters.setRevocationEnabled(false);
                parameters.setDate(Date.from(signedAt));
                parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(certificates(signed))));
                path = CertPathBuilder.getInstance("PKIX").build(parameters).getCertPath().getCertificates();
            } catch (CertPathBuilderException e) {
                throw new StampException(UNTRUSTED_SIGNER, "the signer's certificate does not chain to the exchange root");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("PKIX path building unavailable", e);
            }
            Instant start = root.getNotBefore().toInstant();
            Instant end = root.getNotAfter().toInstant();
            for (java.security.cert.Certificate c : path) {
                X509Certificate x509 = (X509Certificate) c;
                start = start.isAfter(x509.getNotBefore().toInstant()) ? start : x509.getNotBefore().toInstant();
                end = end.isBefore(x509.getNotAfter().toInstant()) ? end : x509.getNotAfter().toInstant();
            }
            until = end;
            from = start;
        }

        private static List<X509Certificate> certificates(CMSSignedData signed) {
            List<X509Certificate> certificates = new ArrayList<>();
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(BouncyCastle.PROVIDER);
            for (X509CertificateHolder holder : signed.getCertificates().getMatches(null)) {
                try {
                    certificates.add(converter.getCertificate(holder));
                } catch (CertificateException e) {
                    throw new StampException(FORGED, "a certificate of the SignedData cannot be decoded", e);
                }
            }
            return certificates;
        }
    }
}
