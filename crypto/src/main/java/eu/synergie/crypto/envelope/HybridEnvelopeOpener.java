package eu.synergie.crypto.envelope;

import static eu.synergie.crypto.envelope.EnvelopeException.Reason.CERTIFICATE_REVOKED;
import static eu.synergie.crypto.envelope.EnvelopeException.Reason.CLASSICAL_SIGNATURE_MISSING;
import static eu.synergie.crypto.envelope.EnvelopeException.Reason.MALFORMED;
import static eu.synergie.crypto.envelope.EnvelopeException.Reason.NOT_A_RECIPIENT;
import static eu.synergie.crypto.envelope.EnvelopeException.Reason.OVERSIZED;
import static eu.synergie.crypto.envelope.EnvelopeException.Reason.PQ_SIGNATURE_INVALID;
import static eu.synergie.crypto.envelope.EnvelopeException.Reason.PQ_SIGNATURE_MISSING;
import static eu.synergie.crypto.envelope.EnvelopeException.Reason.SIGNATURE_INVALID;
import static eu.synergie.crypto.envelope.EnvelopeException.Reason.TAMPERED;
import static eu.synergie.crypto.envelope.EnvelopeException.Reason.UNSIGNED_CONTENT;
import static eu.synergie.crypto.envelope.EnvelopeException.Reason.UNSUPPORTED_ALGORITHM;

import eu.synergie.crypto.envelope.EnvelopeOpener.AuthEnveloped;
import eu.synergie.crypto.envelope.EnvelopeOpener.Originator;
import eu.synergie.crypto.envelope.EnvelopeOpener.Recipient;
import eu.synergie.crypto.envelope.EnvelopeOpener.SignerAlgorithms;
import eu.synergie.crypto.envelope.EnvelopeOpener.VerifiedSigner;
import eu.synergie.crypto.pki.BouncyCastle;
import eu.synergie.crypto.pki.KeyCredential;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.KEMRecipientInfo;
import org.bouncycastle.asn1.cms.KeyAgreeRecipientInfo;
import org.bouncycastle.asn1.cms.OtherRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.KEMRecipientId;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JceKEMAuthEnvelopedRecipient;

/**
 * Opens envelopes made by {@link HybridEnvelopeSealer}, and only those: decrypts the outer AuthEnvelopedData with
 * one of our ML-KEM-768 keys (KEMRecipientInfo, RFC 9629 and RFC 9936), requires its content to be a classical
 * envelope and decrypts that with one of our ECDH keys, exactly as {@link EnvelopeOpener} does; then requires both
 * signatures: the SignedData's one SignerInfo, classical (ECDSA or Ed25519) and chaining to the exchange's EC root,
 * and the one ML-DSA countersignature (RFC 5652 section 11.4, RFC 9882) in its unsigned attributes, over its
 * signature value, chaining to the exchange's ML-DSA root, made by the same subject and naming the classical
 * signer's certificate in its SigningCertificateV2 (why: {@link HybridEnvelopeSealer}). Each signature is checked as
 * {@link EnvelopeOpener} checks its one (algorithms, signature and signed attributes, SigningCertificateV2, validity
 * at its signing time, chain, revocation). The security label is the classical signature's; the countersignature
 * covers it through the signature value it signs.
 *
 * <p>A stripped signature is its own refusal ({@code PQ_SIGNATURE_MISSING}, {@code CLASSICAL_SIGNATURE_MISSING}),
 * an ML-DSA countersignature that does not verify, or stands for another subject or classical certificate, is
 * {@code PQ_SIGNATURE_INVALID} (a classical signature that does not verify stays {@code SIGNATURE_INVALID}); a
 * missing key of either kind is {@code NOT_A_RECIPIENT}. Every other refusal is the classical opener's, with the
 * same reasons.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9629">RFC 9629</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9936">RFC 9936</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9882">RFC 9882</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5652#section-11.4">RFC 5652, section 11.4</a>
 */
public final class HybridEnvelopeOpener {

    private static final RevocationCheck NO_REVOCATION_CHECK = (signer, signingTime) -> Optional.empty();
    // RFC 9936: what ML-KEM-768 recipients use (HKDF-SHA256 is the one every implementation has; the others are the
    // same construction) and the one key wrap it requires for that level.
    private static final Set<ASN1ObjectIdentifier> KEM = Set.of(NISTObjectIdentifiers.id_alg_ml_kem_768);
    private static final Set<ASN1ObjectIdentifier> KEM_KDF = Set.of(PKCSObjectIdentifiers.id_alg_hkdf_with_sha256,
            PKCSObjectIdentifiers.id_alg_hkdf_with_sha384, PKCSObjectIdentifiers.id_alg_hkdf_with_sha512);
    private static final ASN1ObjectIdentifier KEM_WRAP = CMSAlgorithm.AES256_WRAP;

    private final EnvelopeOpener classical;
    private final EnvelopeOpener postQuantum;

    /**
     * @param classicalAnchor   the exchange's EC root, that ECDSA signers chain to
     * @param postQuantumAnchor the exchange's ML-DSA-65 root, that ML-DSA signers chain to
     * @param originator        as for {@link EnvelopeOpener}: whether the ECDH layer must carry a recipient for the
     *                          classical signer's own certificate
     */
    public HybridEnvelopeOpener(X509Certificate classicalAnchor, X509Certificate postQuantumAnchor, int maxEnvelopeBytes,
            Originator originator) {
        this.classical = new EnvelopeOpener(classicalAnchor, maxEnvelopeBytes, originator, SignerAlgorithms.CLASSICAL);
        this.postQuantum = new EnvelopeOpener(postQuantumAnchor, maxEnvelopeBytes, Originator.MAY_BE_ABSENT,
                SignerAlgorithms.ML_DSA);
    }

    /** As {@link #open(byte[], Collection, RevocationCheck)}, without any revocation check. */
    public OpenedEnvelope open(byte[] envelope, Collection<KeyCredential> recipientKeys) {
        return open(envelope, recipientKeys, NO_REVOCATION_CHECK);
    }

    /**
     * Decrypts with the ML-KEM-768 and the ECDH keys among {@code recipientKeys} the envelope is addressed to (both
     * are needed), verifies both signatures, then asks {@code revocation} about each signer as of its signing time.
     * The result names the classical signer and the ECDH recipient certificate, as a classical envelope's does.
     *
     * @throws EnvelopeException if any check fails; nothing is returned unverified
     */
    public OpenedEnvelope open(byte[] envelope, Collection<KeyCredential> recipientKeys, RevocationCheck revocation) {
        return openBoth(envelope, recipientKeys, revocation).envelope();
    }

    /**
     * As {@link #open(byte[], Collection, RevocationCheck)}, with the ML-DSA countersigner too: for a caller whose own
     * registry judges each signer certificate (the exchange's publish rule).
     */
    public Opened openBoth(byte[] envelope, Collection<KeyCredential> recipientKeys, RevocationCheck revocation) {
        Objects.requireNonNull(revocation, "revocation");
        Objects.requireNonNull(recipientKeys, "recipientKeys");
        int maxEnvelopeBytes = classical.maxEnvelopeBytes();
        if (envelope.length > maxEnvelopeBytes) {
            throw new EnvelopeException(OVERSIZED, "envelope exceeds " + maxEnvelopeBytes + " bytes");
        }
        Opened opened;
        try {
            opened = checked(envelope, recipientKeys);
        } catch (EnvelopeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw EnvelopeOpener.malformed(e);
        }
        // Outside the catch: the check's own failures reach the caller as they are.
        requireNotRevoked(revocation, opened.envelope().signer(), opened.envelope().signingTime(), "");
        requireNotRevoked(revocation, opened.postQuantumSigner(), opened.postQuantumSigningTime(), "ML-DSA ");
        return opened;
    }

    /**
     * A hybrid envelope opened: its content and classical signer as a classical envelope's, the ML-DSA
     * countersigner's certificate and signing time, and the ML-KEM certificate of ours the outer layer was opened with.
     */
    public record Opened(OpenedEnvelope envelope, X509Certificate postQuantumSigner, Instant postQuantumSigningTime,
                         X509Certificate kemRecipient) {

        public Opened {
            Objects.requireNonNull(envelope, "envelope");
            Objects.requireNonNull(postQuantumSigner, "postQuantumSigner");
            Objects.requireNonNull(postQuantumSigningTime, "postQuantumSigningTime");
            Objects.requireNonNull(kemRecipient, "kemRecipient");
        }
    }

    private static void requireNotRevoked(RevocationCheck revocation, X509Certificate signer,
            Instant signingTime, String kind) {
        Optional<String> revoked = revocation.revokedAt(signer, signingTime);
        if (revoked.isPresent()) {
            throw new EnvelopeException(CERTIFICATE_REVOKED, kind + "signer certificate " + revoked.get());
        }
    }

    private Opened checked(byte[] envelope, Collection<KeyCredential> recipientKeys) {
        ContentInfo outer = EnvelopeOpener.contentInfo(envelope, "envelope is not a DER CMS ContentInfo");
        AuthEnveloped kemLayer = EnvelopeOpener.authEnvelopedData(outer);
        // Each layer's content key under its own kind of recipient only: an ECDH (or password, or symmetric-key)
        // recipient beside the ML-KEM ones would let one classical key open the outer layer, and an ML-KEM one in the
        // inner layer one ML-KEM key the whole envelope; either is as weak as the weaker key, what nesting refuses.
        KemOpened kem = decryptKemLayer(kemLayer, recipientKeys);
        requireOnlyRecipientsOfKind(kemLayer, true);
        byte[] classicalEnvelope = kem.content();

        // The ML-KEM layer must hold the ECDH envelope, never the signed data itself: an envelope that one ML-KEM
        // secret alone opens is exactly what the hybrid profile exists to refuse.
        ContentInfo inner = EnvelopeOpener.contentInfo(classicalEnvelope,
                "content of the ML-KEM layer is not a DER CMS ContentInfo");
        if (!CMSObjectIdentifiers.authEnvelopedData.equals(inner.getContentType())) {
            throw new EnvelopeException(UNSUPPORTED_ALGORITHM, "content of the ML-KEM layer is "
                    + inner.getContentType() + ", not the ECDH authEnvelopedData");
        }
        AuthEnveloped ecdhLayer = EnvelopeOpener.authEnvelopedData(inner);
        requireOnlyRecipientsOfKind(ecdhLayer, false);
        Recipient recipient = EnvelopeOpener.recipientAmong(ecdhLayer.parsed(), recipientKeys);
        byte[] decrypted = EnvelopeOpener.decrypt(recipient);

        SignedData signedData = EnvelopeOpener.signedData(decrypted);
        CMSSignedData signed = EnvelopeOpener.cmsSignedData(signedData);
        Signers signers = signers(signed);
        VerifiedSigner classicalSigner = classical.verifySigner(signers.classical(), signed);
        VerifiedSigner postQuantumSigner = verifyPostQuantum(signers.postQuantum(), signed);
        // Both signatures must stand for one agency: a countersignature by anyone else would leave the classical
        // one alone to vouch for the notice.
        if (!classicalSigner.certificate().getSubjectX500Principal()
                .equals(postQuantumSigner.certificate().getSubjectX500Principal())) {
            throw new EnvelopeException(PQ_SIGNATURE_INVALID, "the ML-DSA countersigner is another subject than the classical signer");
        }
        if (!EnvelopeOpener.signingCertificatesName(signers.postQuantum().getSignedAttributes(), classicalSigner.certificate())) {
            throw new EnvelopeException(PQ_SIGNATURE_INVALID,
                    "the ML-DSA countersignature's signingCertificateV2 does not name the classical signer's certificate");
        }
        if (classical.originatorMustBeRecipient()) {
            OriginatorRecipient.require(ecdhLayer.structure(), classicalSigner.certificate(),
                    EnvelopeOpener.KEY_AGREEMENT, EnvelopeOpener.KEY_WRAP);
        }
        classical.remember(classicalSigner);
        postQuantum.remember(postQuantumSigner);
        return new Opened(new OpenedEnvelope(EnvelopeOpener.encapsulatedContent(signedData), classicalSigner.certificate(),
                classicalSigner.signingTime(), recipient.key().certificate(),
                SecurityLabels.read(signers.classical().getSignedAttributes()), decrypted),
                postQuantumSigner.certificate(), postQuantumSigner.signingTime(), kem.recipient());
    }

    // The ML-DSA countersigner's failures keep the classical opener's reasons, named as the ML-DSA signer's, except
    // a signature that does not verify, which has its own reason.
    private VerifiedSigner verifyPostQuantum(SignerInformation countersignature, CMSSignedData signed) {
        try {
            return postQuantum.verifySigner(countersignature, signed);
        } catch (EnvelopeException e) {
            throw new EnvelopeException(e.reason() == SIGNATURE_INVALID ? PQ_SIGNATURE_INVALID : e.reason(),
                    "ML-DSA signer: " + e.getMessage(), e);
        }
    }

    private record Signers(SignerInformation classical, SignerInformation postQuantum) {
    }

    /*
     * The classical SignerInfo and the ML-DSA countersignature inside it. A countersignature signs its SignerInfo's
     * signature value and lives in that SignerInfo's unsigned attributes, so whoever strips the classical signature
     * takes the countersignature with it: what is left is either no signer at all (UNSIGNED_CONTENT, as for any
     * envelope) or an ML-DSA SignerInfo standing alone over the content (the countersignature moved up, or an
     * ML-DSA-only SignedData), and that is CLASSICAL_SIGNATURE_MISSING, checked before any signature is verified.
     * PQ_SIGNATURE_MISSING is a classical signer without an ML-DSA countersignature.
     */
    private static Signers signers(CMSSignedData signed) {
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.isEmpty()) {
            throw new EnvelopeException(UNSIGNED_CONTENT, "signedData has no signer");
        }
        if (signers.size() > 1) {
            throw new EnvelopeException(MALFORMED, "signedData has more than one signer (the ML-DSA signature is a "
                    + "countersignature of the classical one)");
        }
        SignerInformation signer = signers.iterator().next();
        if (isMlDsa(signer)) {
            throw new EnvelopeException(CLASSICAL_SIGNATURE_MISSING,
                    "signedData has no classical (ECDSA or Ed25519) signer, only an ML-DSA one");
        }
        Collection<SignerInformation> countersignatures = signer.getCounterSignatures().getSigners();
        List<SignerInformation> mlDsa = countersignatures.stream().filter(HybridEnvelopeOpener::isMlDsa).toList();
        if (mlDsa.isEmpty()) {
            throw new EnvelopeException(PQ_SIGNATURE_MISSING, "the classical signer has no ML-DSA countersignature");
        }
        if (countersignatures.size() > 1) {
            throw new EnvelopeException(MALFORMED, "the classical signer has more than one countersignature");
        }
        return new Signers(signer, mlDsa.get(0));
    }

    private static boolean isMlDsa(SignerInformation signer) {
        return EnvelopeOpener.ML_DSA.contains(new ASN1ObjectIdentifier(signer.getEncryptionAlgOID()));
    }

    private record KemOpened(byte[] content, X509Certificate recipient) {
    }

    /** Every recipient of the layer is a KEMRecipientInfo ({@code kem}) or a KeyAgreeRecipientInfo (not). */
    private static void requireOnlyRecipientsOfKind(AuthEnveloped layer, boolean kem) {
        for (ASN1Encodable encodable : layer.structure().getRecipientInfos()) {
            ASN1Encodable info = RecipientInfo.getInstance(encodable).getInfo();
            boolean isKem = info instanceof OtherRecipientInfo other && CMSObjectIdentifiers.id_ori_kem.equals(other.getType());
            boolean matches = kem ? isKem : info instanceof KeyAgreeRecipientInfo;
            if (!matches) {
                throw new EnvelopeException(UNSUPPORTED_ALGORITHM, kem
                        ? "the ML-KEM layer has a recipient that is not ML-KEM (KEMRecipientInfo): one key of another kind would open it"
                        : "the ECDH layer has a recipient that is not ECDH key agreement: one key of another kind would open it");
            }
        }
    }

    private static KemOpened decryptKemLayer(AuthEnveloped kemLayer, Collection<KeyCredential> keys) {
        for (ASN1Encodable encodable : kemLayer.structure().getRecipientInfos()) {
            if (!(RecipientInfo.getInstance(encodable).getInfo() instanceof OtherRecipientInfo other)
                    || !CMSObjectIdentifiers.id_ori_kem.equals(other.getType())) {
                continue;
            }
            KEMRecipientInfo info = KEMRecipientInfo.getInstance(other.getValue());
            if (info.getRecipientIdentifier().isTagged()) {
                continue;
            }
            IssuerAndSerialNumber id = IssuerAndSerialNumber.getInstance(info.getRecipientIdentifier().getId());
            for (KeyCredential key : keys) {
                X509Certificate certificate = key.certificate();
                if (id.getSerialNumber().getValue().equals(certificate.getSerialNumber())
                        && id.getName().equals(X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded()))) {
                    requireKemAlgorithms(info);
                    return new KemOpened(decrypt(kemLayer, new KEMRecipientId(id.getName(), id.getSerialNumber().getValue()), key),
                            certificate);
                }
            }
        }
        throw new EnvelopeException(NOT_A_RECIPIENT,
                "no ML-KEM recipient (KEMRecipientInfo) matches the issuer and serial number of a given key");
    }

    private static void requireKemAlgorithms(KEMRecipientInfo info) {
        if (!KEM.contains(info.getKem().getAlgorithm())) {
            throw new EnvelopeException(UNSUPPORTED_ALGORITHM, "KEM " + info.getKem().getAlgorithm() + " is not ML-KEM-768");
        }
        if (!KEM_KDF.contains(info.getKdf().getAlgorithm())) {
            throw new EnvelopeException(UNSUPPORTED_ALGORITHM, "KEM key derivation " + info.getKdf().getAlgorithm()
                    + " is not HKDF with SHA-2 (RFC 9936)");
        }
        if (!KEM_WRAP.equals(info.getWrap().getAlgorithm())) {
            throw new EnvelopeException(UNSUPPORTED_ALGORITHM, "KEM key wrap " + info.getWrap().getAlgorithm()
                    + " is not AES-256 key wrap (RFC 9936, ML-KEM-768)");
        }
    }

    private static byte[] decrypt(AuthEnveloped kemLayer, KEMRecipientId id, KeyCredential key) {
        RecipientInformation info;
        try {
            info = kemLayer.parsed().getRecipientInfos().get(id);
        } catch (RuntimeException e) {
            throw new EnvelopeException(MALFORMED, "recipientInfos are invalid", e);
        }
        if (info == null) {
            throw new EnvelopeException(MALFORMED, "KEMRecipientInfo cannot be read");
        }
        try {
            return info.getContent(new JceKEMAuthEnvelopedRecipient(key.privateKey()).setProvider(BouncyCastle.PROVIDER));
        } catch (CMSException | RuntimeException e) {
            // As for ECDH: a wrong key, a corrupted ciphertext or wrapped key and a failed GCM tag look alike here
            // (ML-KEM's implicit rejection gives a wrong secret rather than an error, on purpose).
            throw new EnvelopeException(TAMPERED, "authenticated decryption of the ML-KEM layer failed", e);
        }
    }
}
