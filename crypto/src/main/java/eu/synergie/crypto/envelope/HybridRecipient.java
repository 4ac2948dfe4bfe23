package eu.synergie.crypto.envelope;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * One recipient of a hybrid envelope: its ECDH P-256 certificate (key agreement, RFC 5753) and its ML-KEM-768
 * certificate (RFC 9935). {@link HybridEnvelopeSealer} encrypts to both, so that opening needs both private keys.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9935">RFC 9935</a>
 */
public record HybridRecipient(X509Certificate ecdh, X509Certificate mlKem) {

    public HybridRecipient {
        Objects.requireNonNull(ecdh, "ecdh");
        Objects.requireNonNull(mlKem, "mlKem");
    }

    @Override
    public String toString() {
        return "HybridRecipient[ecdh=" + ecdh.getSubjectX500Principal().getName()
                + ", mlKem=" + mlKem.getSubjectX500Principal().getName() + "]";
    }
}
