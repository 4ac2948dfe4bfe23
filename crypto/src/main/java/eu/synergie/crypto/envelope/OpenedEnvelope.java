package eu.synergie.crypto.envelope;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The verified content of an envelope with who signed it (RFC 5652 SignedData), when (the
 * signing-time attribute, or the time of opening when the signer gave none), which of our
 * recipient certificates it was opened with, and the ESS security label the signer bound into the
 * signature (RFC 2634), if any.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5652">RFC 5652</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc2634">RFC 2634</a>
 */
public record OpenedEnvelope(byte[] content, X509Certificate signer, Instant signingTime, X509Certificate recipient,
        Optional<SecurityLabel> label, byte[] signedData) {

    public OpenedEnvelope {
        content = content.clone();
        signedData = signedData.clone();
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(signingTime, "signingTime");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(label, "label");
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /**
     * The signer's {@code SignedData} (a DER ContentInfo) exactly as it was decrypted: the bytes the signer made,
     * which can be encrypted again for someone else ({@link EnvelopeSealer#rewrap}) and still verify as theirs.
     */
    @Override
    public byte[] signedData() {
        return signedData.clone();
    }

    /** The content's size, without copying it. */
    public int contentLength() {
        return content.length;
    }

    /** The size of the content and of the signed data together, without copying them. */
    public int retainedLength() {
        return content.length + signedData.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OpenedEnvelope that
                && Arrays.equals(content, that.content)
                && signer.equals(that.signer)
                && signingTime.equals(that.signingTime)
                && recipient.equals(that.recipient)
                && label.equals(that.label)
                && Arrays.equals(signedData, that.signedData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(content), signer, signingTime, recipient, label, Arrays.hashCode(signedData));
    }

    // The plaintext is the notice itself: it must never reach a log through toString. The label
    // holds markings only, which are meant to be seen.
    @Override
    public String toString() {
        return "OpenedEnvelope[contentLength=" + content.length
                + ", signer=" + signer.getSubjectX500Principal().getName()
                + ", signingTime=" + signingTime
                + ", recipient=" + recipient.getSubjectX500Principal().getName()
                + ", label=" + label.map(SecurityLabel::toString).orElse("none") + "]";
    }
}
