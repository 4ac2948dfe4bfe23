package eu.synergie.crypto.envelope;

import eu.synergie.crypto.pki.BouncyCastle;
import eu.synergie.crypto.pki.KeyCredential;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKEMRecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;

/**
 * Seals content in the hybrid profile: a SignedData with the agency's ECDSA P-256 signature exactly as
 * {@link EnvelopeSealer} makes it, carrying an ML-DSA-65 countersignature (RFC 5652 section 11.4, RFC 9882) by the
 * agency's ML-DSA key over that signature; encrypted exactly as {@link EnvelopeSealer} does (AES-256-GCM
 * AuthEnvelopedData with ECDH recipients, RFC 5083/5753), and that whole classical envelope encrypted again as the
 * content of an outer AES-256-GCM AuthEnvelopedData whose recipients are KEMRecipientInfos (RFC 9629) for ML-KEM-768
 * (RFC 9936: HKDF-SHA256, AES-256 key wrap).
 *
 * <p>Two independent content keys, one under each layer: the plaintext needs the inner key, which only an ECDH
 * secret unwraps, and the inner envelope itself is readable only with the outer key, which only an ML-KEM secret
 * unwraps. Why nesting rather than a composite KEM, and why a countersignature rather than two signers: see the
 * package documentation.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9629">RFC 9629</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9936">RFC 9936</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9882">RFC 9882</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5652#section-11.4">RFC 5652, section 11.4</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5083">RFC 5083</a>
 */
public final class HybridEnvelopeSealer {

    private HybridEnvelopeSealer() {
    }

    /**
     * Signs {@code content} with the agency's classical credential, binding {@code label} into that signature,
     * countersigns that signature with its ML-DSA-65 credential, and encrypts the result to every recipient's ECDH
     * and ML-KEM-768 certificates.
     *
     * @param classicalSigner the agency's EC P-256 (ECDSA) credential, chaining to the exchange's EC root
     * @param pqSigner        the agency's ML-DSA-65 credential, chaining to the exchange's ML-DSA root
     * @return the DER encoding of the outer ContentInfo (authEnvelopedData)
     */
    public static byte[] seal(byte[] content, KeyCredential classicalSigner, KeyCredential pqSigner,
            List<HybridRecipient> recipients, SecurityLabel label) {
        return rewrap(sign(content, classicalSigner, pqSigner, Objects.requireNonNull(label, "label")), recipients);
    }

    /**
     * The DER ContentInfo of the hybrid SignedData: one SignerInfo, the classical one exactly as the classical
     * profile makes it, whose unsigned attributes hold one countersignature (RFC 5652 section 11.4) by
     * {@code pqSigner}. The countersignature signs the ECDSA signature value; its signed attributes are the message
     * digest of that value, the signing time and a SigningCertificateV2 naming the ML-DSA certificate first and the
     * ECDSA certificate second (RFC 5035 allows more than the signer's).
     *
     * <p>Why the ECDSA certificate is named: against someone who can break ECDSA (the very adversary the
     * countersignature is for), an ECDSA signature value does not pin down what it signs. Given a signature
     * {@code (r, s)} and any other content, one can compute a public key under which that same {@code (r, s)}
     * verifies (a key substitution: "duplicate signature key selection"), and with the EC root's key broken too,
     * certify it for the agency. A countersignature over {@code (r, s)} alone would then vouch for that forgery. With
     * the ECDSA certificate (hence its key) bound under ML-DSA, the same {@code (r, s)} verifies for a different
     * content only through a SHA-256 preimage of the ECDSA signed attributes.
     *
     * <p>The ML-DSA chain travels in the SignedData's certificates beside the EC chain: the SignedData is what
     * the exchange forwards unchanged and keeps as evidence, so it must carry what verifies both signatures; and
     * OpenSSL 3.0, which cannot decode those certificates' keys, still verifies the ECDSA signer of this form
     * ({@code OpensslHybridIT}: it failed only when an ML-DSA key had to verify a SignerInfo).
     */
    static byte[] sign(byte[] content, KeyCredential classicalSigner, KeyCredential pqSigner, SecurityLabel label) {
        requireMlDsa65(pqSigner.certificate());
        CMSSignedData signed = EnvelopeSealer.signedData(content, classicalSigner, label, pqSigner.chain());
        SignerInformation classical = signed.getSignerInfos().getSigners().iterator().next();
        try {
            CMSSignedDataGenerator counterSigner = new CMSSignedDataGenerator();
            counterSigner.addSignerInfoGenerator(EnvelopeSealer.signerInfoGenerator(pqSigner, new AttributeTable(
                    EnvelopeSealer.signingCertificateV2(List.of(pqSigner.certificate(), classicalSigner.certificate())))));
            SignerInformation countersigned = SignerInformation.addCounterSigners(classical,
                    counterSigner.generateCounterSigners(classical));
            return CMSSignedData.replaceSigners(signed, new SignerInformationStore(countersigned))
                    .toASN1Structure().getEncoded(ASN1Encoding.DER);
        } catch (CMSException | IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the ML-DSA countersignature", e);
        }
    }

    /**
     * Encrypts a hybrid signer's {@code SignedData} (as {@link OpenedEnvelope#signedData()} gives it, bytes
     * unchanged) to {@code recipients}: the hop-by-hop encryption of the federation, in the hybrid profile.
     *
     * @return the DER encoding of the outer ContentInfo (authEnvelopedData)
     */
    public static byte[] rewrap(byte[] signedData, List<HybridRecipient> recipients) {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("at least one recipient is required");
        }
        byte[] classical = EnvelopeSealer.encrypt(signedData, recipients.stream().map(HybridRecipient::ecdh).toList());
        return encapsulate(classical, recipients.stream().map(HybridRecipient::mlKem).toList());
    }

    /** The DER ContentInfo of an AuthEnvelopedData carrying {@code inner} to ML-KEM-768 {@code recipients}. */
    static byte[] encapsulate(byte[] inner, List<X509Certificate> recipients) {
        try {
            CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
            for (X509Certificate recipient : recipients) {
                requireMlKem768(recipient);
                // RFC 9936 section 3: HKDF with SHA-256 (Bouncy Castle's default is KDF3) and AES-256 key wrap for
                // ML-KEM-768; the recipient named by issuer and serial number, as the ECDH layer names its own.
                generator.addRecipientInfoGenerator(new JceKEMRecipientInfoGenerator(recipient, CMSAlgorithm.AES256_WRAP)
                        .setKDF(CMSAlgorithm.SHA256_HKDF)
                        .setProvider(BouncyCastle.PROVIDER));
            }
            OutputAEADEncryptor encryptor = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(
                    CMSAlgorithm.AES256_GCM).setProvider(BouncyCastle.PROVIDER).build();
            return generator.generate(new CMSProcessableByteArray(inner), encryptor)
                    .toASN1Structure().getEncoded(ASN1Encoding.DER);
        } catch (CMSException | IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the ML-KEM authEnvelopedData", e);
        }
    }

    private static void requireMlKem768(X509Certificate recipient) {
        if (!NISTObjectIdentifiers.id_alg_ml_kem_768.equals(algorithmOf(recipient))) {
            throw new IllegalArgumentException("recipient certificate is not for an ML-KEM-768 key (RFC 9935)");
        }
    }

    private static void requireMlDsa65(X509Certificate signer) {
        if (!NISTObjectIdentifiers.id_ml_dsa_65.equals(algorithmOf(signer))) {
            throw new IllegalArgumentException("post-quantum signer certificate is not for an ML-DSA-65 key (RFC 9881)");
        }
    }

    private static org.bouncycastle.asn1.ASN1ObjectIdentifier algorithmOf(X509Certificate certificate) {
        return SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded()).getAlgorithm().getAlgorithm();
    }
}
