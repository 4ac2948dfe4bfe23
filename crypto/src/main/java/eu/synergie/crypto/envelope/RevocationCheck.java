package eu.synergie.crypto.envelope;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a signer certificate must be treated as revoked for a signature made at a given time
 * (RFC 5280, section 6.3). {@link EnvelopeOpener} asks it after the signature and the chain have
 * verified; the policy (which revocations reach back, key compromise dates) belongs to the trust
 * registry that implements it.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5280#section-6.3">RFC 5280, section 6.3</a>
 */
@FunctionalInterface
public interface RevocationCheck {

    /**
     * A terse reason, such as {@code "revoked: keyCompromise"}, if a signature by {@code signer} at
     * {@code signingTime} (the signer's signing-time attribute, as claimed) must be refused; empty
     * if it stands.
     */
    Optional<String> revokedAt(X509Certificate signer, Instant signingTime);
}
