package eu.synergie.crypto.envelope;

import static eu.synergie.crypto.envelope.EnvelopeException.Reason.ORIGINATOR_NOT_A_RECIPIENT;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.KeyAgreeRecipientIdentifier;
import org.bouncycastle.asn1.cms.KeyAgreeRecipientInfo;
import org.bouncycastle.asn1.cms.OriginatorPublicKey;
import org.bouncycastle.asn1.cms.RecipientEncryptedKey;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The originator's own recipient: an envelope must carry a well-formed key-agreement recipient (RFC 5652,
 * 6.2.2; ECDH per RFC 5753) for its signer's certificate, so that the originator can always open what the
 * exchange holds. Recipient infos are the one part of an AuthEnvelopedData that neither the signature nor
 * the GCM tag covers, so nothing else would notice one that is missing or broken.
 *
 * <p>Only its form can be checked here (version, algorithms, an ephemeral key on the signer's curve, a
 * wrapped key of the content key's size): whether the wrapped key really unwraps to the content key takes
 * the originator's private key.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5652#section-6.2.2">RFC 5652, 6.2.2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5753">RFC 5753</a>
 */
final class OriginatorRecipient {

    private static final int KARI_VERSION = 3;
    // AES key wrap (RFC 3394) adds one 64-bit block to the key it wraps.
    private static final int KEY_WRAP_OVERHEAD = 8;
    private static final Map<ASN1ObjectIdentifier, Integer> CONTENT_KEY_BYTES = Map.of(
            CMSAlgorithm.AES128_GCM, 16, CMSAlgorithm.AES192_GCM, 24, CMSAlgorithm.AES256_GCM, 32);

    private OriginatorRecipient() {
    }

    /**
     * @throws EnvelopeException {@code ORIGINATOR_NOT_A_RECIPIENT} naming what is missing or malformed
     */
    static void require(AuthEnvelopedData envelope, X509Certificate signer, Set<ASN1ObjectIdentifier> keyAgreements,
            Set<ASN1ObjectIdentifier> keyWraps) {
        SubjectPublicKeyInfo signerKey = SubjectPublicKeyInfo.getInstance(signer.getPublicKey().getEncoded());
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(signerKey.getAlgorithm().getAlgorithm())) {
            throw refused("the signer's key (" + signerKey.getAlgorithm().getAlgorithm()
                    + ") cannot do key agreement, so the originator cannot be a recipient");
        }
        X500Name issuer = X500Name.getInstance(signer.getIssuerX500Principal().getEncoded());
        byte[] keyIdentifier = subjectKeyIdentifier(signer);
        Integer contentKeyBytes = CONTENT_KEY_BYTES.get(
                envelope.getAuthEncryptedContentInfo().getContentEncryptionAlgorithm().getAlgorithm());
        for (ASN1Encodable encodable : envelope.getRecipientInfos()) {
            if (!(RecipientInfo.getInstance(encodable).getInfo() instanceof KeyAgreeRecipientInfo agreement)) {
                continue;
            }
            for (ASN1Encodable entry : agreement.getRecipientEncryptedKeys()) {
                RecipientEncryptedKey encryptedKey = RecipientEncryptedKey.getInstance(entry);
                if (names(encryptedKey.getIdentifier(), issuer, signer, keyIdentifier)) {
                    requireWellFormed(agreement, encryptedKey, signerKey, contentKeyBytes, keyAgreements, keyWraps);
                    return;
                }
            }
        }
        throw refused("no key-agreement recipient names the signer's own certificate");
    }

    private static boolean names(KeyAgreeRecipientIdentifier id, X500Name issuer, X509Certificate signer,
            byte[] keyIdentifier) {
        IssuerAndSerialNumber issuerAndSerial = id.getIssuerAndSerialNumber();
        if (issuerAndSerial != null) {
            return issuer.equals(issuerAndSerial.getName())
                    && signer.getSerialNumber().equals(issuerAndSerial.getSerialNumber().getValue());
        }
        return id.getRKeyID() != null && keyIdentifier != null
                && Arrays.equals(keyIdentifier, id.getRKeyID().getSubjectKeyIdentifier().getOctets());
    }

    private static void requireWellFormed(KeyAgreeRecipientInfo agreement, RecipientEncryptedKey encryptedKey,
            SubjectPublicKeyInfo signerKey, Integer contentKeyBytes, Set<ASN1ObjectIdentifier> keyAgreements,
            Set<ASN1ObjectIdentifier> keyWraps) {
        if (agreement.getVersion().intValueExact() != KARI_VERSION) {
            throw refused("the originator's recipient info is not version 3");
        }
        AlgorithmIdentifier keyAgreement = agreement.getKeyEncryptionAlgorithm();
        if (!keyAgreements.contains(keyAgreement.getAlgorithm())) {
            throw refused("the originator's recipient uses key agreement " + keyAgreement.getAlgorithm()
                    + ", not ECDH with a SHA-2 KDF");
        }
        ASN1ObjectIdentifier wrap = AlgorithmIdentifier.getInstance(keyAgreement.getParameters()).getAlgorithm();
        if (!keyWraps.contains(wrap)) {
            throw refused("the originator's recipient wraps with " + wrap + ", not AES key wrap");
        }
        OriginatorPublicKey ephemeral = agreement.getOriginator().getOriginatorKey();
        if (ephemeral == null) {
            throw refused("the originator's recipient has no ephemeral public key (ephemeral-static ECDH)");
        }
        requireOnSignerCurve(ephemeral, signerKey);
        ASN1OctetString wrapped = encryptedKey.getEncryptedKey();
        if (contentKeyBytes == null || wrapped.getOctets().length != contentKeyBytes + KEY_WRAP_OVERHEAD) {
            throw refused("the originator's wrapped content key has the wrong length");
        }
    }

    // ECDH only works between keys of one curve: an ephemeral key anywhere else cannot be opened with the
    // originator's private key. RFC 5753 leaves the parameters absent or NULL (the recipient's curve).
    private static void requireOnSignerCurve(OriginatorPublicKey ephemeral, SubjectPublicKeyInfo signerKey) {
        AlgorithmIdentifier algorithm = ephemeral.getAlgorithm();
        ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(signerKey.getAlgorithm().getParameters());
        ASN1Encodable parameters = algorithm.getParameters();
        boolean sameCurve = parameters == null || parameters instanceof ASN1Null || curve.equals(parameters);
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm()) || !sameCurve) {
            throw refused("the originator's recipient has an ephemeral key of another kind than the signer's");
        }
        X9ECParameters domain = ECNamedCurveTable.getByOID(curve);
        if (domain == null) {
            throw refused("the signer's curve " + curve + " is not a named curve");
        }
        ECPoint point;
        try {
            point = domain.getCurve().decodePoint(ephemeral.getPublicKeyData().getOctets());
        } catch (RuntimeException e) {
            throw refused("the originator's recipient has an ephemeral key that is not a point of the signer's curve");
        }
        if (point.isInfinity() || !point.isValid()) {
            throw refused("the originator's recipient has an ephemeral key that is not a point of the signer's curve");
        }
    }

    private static byte[] subjectKeyIdentifier(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (extension == null) {
            return null;
        }
        return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getKeyIdentifier();
    }

    private static EnvelopeException refused(String message) {
        return new EnvelopeException(ORIGINATOR_NOT_A_RECIPIENT, message);
    }
}
