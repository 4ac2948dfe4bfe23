/**
 * Sealing and opening notice envelopes: CMS SignedData inside AuthEnvelopedData (RFC 5652, RFC 5083), ESS labels
 * (RFC 2634), in two profiles ({@link eu.synergie.crypto.envelope.EnvelopeProfile}).
 *
 * <p><b>The hybrid profile, and why it nests.</b> A hybrid envelope must open only with both the recipient's ECDH
 * P-256 secret and its ML-KEM-768 secret; two recipient infos in one envelope would let either secret open it alone.
 * Two standard-only ways give that:
 * <ul>
 * <li>a composite ML-KEM-768+ECDH-P256 KEM (draft-ietf-lamps-pq-composite-kem) in one KEMRecipientInfo. Bouncy
 * Castle has it (under the IANA arc 1.3.6.1.5.5.7.6, {@code MLKEM768-ECDH-P256-SHA3-256}), but it is still a
 * draft whose identifiers and combiner changed between revisions, its CMS use is a second draft, it needs a
 * composite certificate of its own, and no OpenSSL release reads it. What the notice log keeps for years would
 * depend on a draft;</li>
 * <li>nesting two standard envelopes, which is what this package does: the classical envelope exactly as
 * {@link eu.synergie.crypto.envelope.EnvelopeSealer} makes it (AES-256-GCM, ECDH recipients, RFC 5083/5753), as the
 * content of an outer AES-256-GCM AuthEnvelopedData whose recipients are KEMRecipientInfos (RFC 9629) for ML-KEM-768
 * (RFC 9936: HKDF-SHA256, AES-256 key wrap) naming RFC 9935 certificates. Every layer is a published RFC that Bouncy
 * Castle implements; each has its own random content key, so the plaintext needs the ECDH secret and reaching the
 * ECDH layer at all needs the ML-KEM secret.</li>
 * </ul>
 * ML-KEM outside rather than inside: what is kept for years then shows only ML-KEM ciphertexts, and the ECDH
 * ephemeral keys that a quantum computer would attack are themselves under ML-KEM; the inner layer is the classical
 * envelope byte for byte (so its checks, the originator's recipient among them, are the classical opener's, and once
 * the ML-KEM layer is removed OpenSSL 3.0 decrypts the rest as today). The cost is one more AES-GCM pass and one
 * KEMRecipientInfo per recipient (1,088 bytes of ML-KEM ciphertext each).
 *
 * <p>Hybrid signatures are two SignerInfos over the same content in one SignedData (RFC 5652 allows any number): the
 * agency's ECDSA P-256 one, as today, and its ML-DSA-65 one (RFC 9882, SHA-512 digest), each with the same
 * signed attributes and its own SigningCertificateV2, chaining to the EC root and to the ML-DSA root respectively.
 * OpenSSL 3.0 verifies no signer of such a SignedData (it cannot decode the ML-DSA certificates' keys), so only the
 * classical profile is OpenSSL-3.0-verifiable; regions that need that keep it.
 */
package eu.synergie.crypto.envelope;
