package eu.synergie.crypto.envelope;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The verified content of an envelope with who signed it (RFC 5652 SignedData), when (the
 * signing-time attribute, or the time of opening when the signer gave none) and which of our
 * recipient certificates it was opened with.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5652">RFC 5652</a>
 */
public record OpenedEnvelope(byte[] content, X509Certificate signer, Instant signingTime, X509Certificate recipient) {

    public OpenedEnvelope {
        content = content.clone();
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(signingTime, "signingTime");
        Objects.requireNonNull(recipient, "recipient");
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OpenedEnvelope that
                && Arrays.equals(content, that.content)
                && signer.equals(that.signer)
                && signingTime.equals(that.signingTime)
                && recipient.equals(that.recipient);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(content), signer, signingTime, recipient);
    }

    // The plaintext is the notice itself: it must never reach a log through toString.
    @Override
    public String toString() {
        return "OpenedEnvelope[contentLength=" + content.length
                + ", signer=" + signer.getSubjectX500Principal().getName()
                + ", signingTime=" + signingTime
                + ", recipient=" + recipient.getSubjectX500Principal().getName() + "]";
    }
}
