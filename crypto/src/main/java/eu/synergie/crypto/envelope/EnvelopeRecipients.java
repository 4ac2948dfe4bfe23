package eu.synergie.crypto.envelope;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.KeyAgreeRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cms.KeyAgreeRecipientId;
import org.bouncycastle.cms.RecipientInformation;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Objects;

/**
 * Who a classical envelope is addressed to, read without opening it: what an exchange checks of an envelope it
 * stores for someone else and cannot read (a reveal's answer, issue 18), so that it never hands on one that a third
 * party could open too.
 */
public final class EnvelopeRecipients {

    private EnvelopeRecipients() {
    }

    /**
     * Checks that {@code envelope} is an AES-GCM {@code AuthEnvelopedData} whose every recipient is a key-agreement
     * recipient named by the issuer and serial number of one of {@code allowed}, and that it has at least one.
     *
     * @throws EnvelopeException {@code MALFORMED} or {@code UNSUPPORTED_ALGORITHM} for what is not such an envelope,
     *     {@code NOT_A_RECIPIENT} naming how many recipients are not among {@code allowed}
     */
    public static void requireOnly(byte[] envelope, Collection<X509Certificate> allowed) {
        recipientsAmong(envelope, allowed);
    }

    /**
     * As {@link #requireOnly(byte[], Collection)}, and at least one recipient is one of {@code reader}: an envelope
     * between two parties that the other party can open too (a request for information's message, issue 22).
     *
     * @throws EnvelopeException as {@link #requireOnly(byte[], Collection)}; {@code NOT_A_RECIPIENT} too if no recipient
     *     is one of {@code reader}
     */
    public static void requireOnly(byte[] envelope, Collection<X509Certificate> allowed, Collection<X509Certificate> reader) {
        Objects.requireNonNull(reader, "reader");
        if (recipientsAmong(envelope, allowed).stream().noneMatch(r -> namesOneOf(r, reader))) {
            throw new EnvelopeException(EnvelopeException.Reason.NOT_A_RECIPIENT,
                    "none of the envelope's recipients is a current certificate of the party it is for");
        }
    }

    private static Collection<RecipientInformation> recipientsAmong(byte[] envelope, Collection<X509Certificate> allowed) {
        Objects.requireNonNull(allowed, "allowed");
        ContentInfo outer;
        try {
            outer = ContentInfo.getInstance(ASN1Primitive.fromByteArray(envelope));
        } catch (IOException | RuntimeException e) {
            throw new EnvelopeException(EnvelopeException.Reason.MALFORMED, "not a DER CMS ContentInfo", e);
        }
        EnvelopeOpener.AuthEnveloped parsed = EnvelopeOpener.authEnvelopedData(outer);
        Collection<RecipientInformation> recipients;
        int encryptedKeys = 0;
        try {
            recipients = parsed.parsed().getRecipientInfos().getRecipients();
            // Bouncy Castle's parser leaves out recipient kinds it does not know (an OtherRecipientInfo of another type):
            // the raw set is counted, so that a recipient it skipped cannot hold the content key for a third party.
            for (ASN1Encodable element : parsed.structure().getRecipientInfos()) {
                if (!(RecipientInfo.getInstance(element).getInfo() instanceof KeyAgreeRecipientInfo agreement)) {
                    throw new EnvelopeException(EnvelopeException.Reason.NOT_A_RECIPIENT,
                            "a recipient is not a key-agreement recipient");
                }
                encryptedKeys += agreement.getRecipientEncryptedKeys().size();
            }
        } catch (EnvelopeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EnvelopeException(EnvelopeException.Reason.MALFORMED, "recipientInfos are invalid", e);
        }
        if (encryptedKeys != recipients.size()) {
            throw new EnvelopeException(EnvelopeException.Reason.NOT_A_RECIPIENT, "the envelope holds " + encryptedKeys
                    + " encrypted keys but " + recipients.size() + " readable recipients");
        }
        if (recipients.isEmpty()) {
            throw new EnvelopeException(EnvelopeException.Reason.NOT_A_RECIPIENT, "the envelope has no recipient");
        }
        long others = recipients.stream().filter(r -> !namesOneOf(r, allowed)).count();
        if (others > 0) {
            throw new EnvelopeException(EnvelopeException.Reason.NOT_A_RECIPIENT, others + " of the envelope's "
                    + recipients.size() + " recipients are not among the " + allowed.size() + " allowed certificates");
        }
        return recipients;
    }

    private static boolean namesOneOf(RecipientInformation recipient, Collection<X509Certificate> allowed) {
        if (!(recipient.getRID() instanceof KeyAgreeRecipientId id) || id.getIssuer() == null || id.getSerialNumber() == null) {
            return false;
        }
        return allowed.stream().anyMatch(c -> id.getSerialNumber().equals(c.getSerialNumber())
                && id.getIssuer().equals(X500Name.getInstance(c.getIssuerX500Principal().getEncoded())));
    }
}
