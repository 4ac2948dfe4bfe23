package eu.synergie.client;

import eu.synergie.crypto.pki.KeyCredential;

import java.util.Objects;

/**
 * The agency's keys for the hybrid profile: its ML-DSA-65 signing key with the chain the exchange issued (up to the
 * exchange's ML-DSA-65 root), and its ML-KEM-768 recipient key with the certificate it self-issued with that
 * ML-DSA-65 key, through which it names itself a recipient of its own hybrid envelopes.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9881">RFC 9881</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9935">RFC 9935</a>
 */
public record PostQuantumCredentials(KeyCredential mlDsa, KeyCredential mlKem) {

    public PostQuantumCredentials {
        Objects.requireNonNull(mlDsa, "mlDsa");
        Objects.requireNonNull(mlKem, "mlKem");
    }
}
