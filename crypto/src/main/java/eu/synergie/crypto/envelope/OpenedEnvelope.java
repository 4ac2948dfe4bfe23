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
        Optional<SecurityLabel> label) {

    public OpenedEnvelope {
        content = content.clone();
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(signingTime, "signingTime");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(label, "label");
    }

    /** An envelope whose signer gave no security label. */
    public OpenedEnvelope(byte[] content, X509Certificate signer, Instant signingTime, X509Certificate recipient) {
        this(content, signer, signingTime, recipient, Optional.empty());
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** The content's size, without copying it. */
    public int contentLength() {
        return content.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OpenedEnvelope that
                && Arrays.equals(content, that.content)
                && signer.equals(that.signer)
                && signingTime.equals(that.signingTime)
                && recipient.equals(that.recipient)
                && label.equals(that.label);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(content), signer, signingTime, recipient, label);
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
