package eu.synergie.crypto.envelope;

import static eu.synergie.crypto.envelope.EnvelopeException.Reason.MALFORMED;
import static eu.synergie.crypto.envelope.EnvelopeException.Reason.UNSUPPORTED_ALGORITHM;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.OtherRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;

/**
 * The two envelope profiles: {@link #CLASSICAL} (ECDH recipients, one classical signature; {@link EnvelopeSealer},
 * {@link EnvelopeOpener}, readable with OpenSSL 3.0) and {@link #HYBRID} (an ML-KEM layer around a classical
 * envelope, a classical and an ML-DSA signature; {@link HybridEnvelopeSealer}, {@link HybridEnvelopeOpener}).
 */
public enum EnvelopeProfile {
    CLASSICAL,
    HYBRID;

    /**
     * The profile an envelope claims by its outer recipients (any KEMRecipientInfo, RFC 9629: hybrid), so that a
     * caller can pick the opener and the region's policy before anything is decrypted. Only a claim: the opener of
     * that profile checks everything.
     *
     * @throws EnvelopeException {@code MALFORMED} or {@code UNSUPPORTED_ALGORITHM} if it is no AuthEnvelopedData
     */
    public static EnvelopeProfile of(byte[] envelope) {
        ContentInfo outer = EnvelopeOpener.contentInfo(envelope, "envelope is not a DER CMS ContentInfo");
        if (!CMSObjectIdentifiers.authEnvelopedData.equals(outer.getContentType())) {
            throw new EnvelopeException(UNSUPPORTED_ALGORITHM,
                    "content type " + outer.getContentType() + " is not authEnvelopedData (AES-GCM)");
        }
        try {
            for (ASN1Encodable encodable : AuthEnvelopedData.getInstance(outer.getContent()).getRecipientInfos()) {
                if (RecipientInfo.getInstance(encodable).getInfo() instanceof OtherRecipientInfo other
                        && CMSObjectIdentifiers.id_ori_kem.equals(other.getType())) {
                    return HYBRID;
                }
            }
            return CLASSICAL;
        } catch (RuntimeException e) {
            throw new EnvelopeException(MALFORMED, "authEnvelopedData structure is invalid", e);
        }
    }
}
