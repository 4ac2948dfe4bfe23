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
 * <p><b>Hybrid signatures, and why a countersignature.</b> The SignedData has one SignerInfo, the agency's ECDSA P-256
 * signature exactly as in the classical profile, and in its unsigned attributes an ML-DSA-65 countersignature
 * (RFC 5652 section 11.4, RFC 9882, SHA-512 digest) by the agency's ML-DSA key over that ECDSA signature value; the
 * ECDSA signer chains to the EC root, the countersigner to the ML-DSA root, and both are the same subject. The
 * alternative, two SignerInfos over the content, is what the first hybrid slice sealed: OpenSSL 3.0 then verifies
 * no signer at all (it cannot decode the ML-DSA key of the second SignerInfo's certificate), whereas it verifies the
 * ECDSA signer of the countersigned form and leaves the countersignature, an unsigned attribute, alone (measured
 * with 3.0.19, {@code OpensslHybridIT}). So the classical half of a hybrid notice stays checkable with the tools
 * agencies have today, once the two layers are removed. The ML-DSA chain travels among the SignedData's
 * certificates beside the EC chain, as before: the SignedData is what is forwarded unchanged and kept as evidence,
 * so it carries what verifies both signatures, and those certificates stopped OpenSSL 3.0 only when an ML-DSA key
 * had to verify a SignerInfo of its own.
 *
 * <p>What a countersignature costs: it signs the ECDSA signature value, not the content. Against an adversary who
 * breaks ECDSA, a signature value {@code (r, s)} verifies for any content under a public key computed for it (key
 * substitution), which a broken EC root would certify; so the countersignature also names the ECDSA certificate in
 * its SigningCertificateV2, after its own (RFC 5035), and {@link eu.synergie.crypto.envelope.HybridEnvelopeOpener}
 * requires it: under ML-DSA, the ECDSA key and the signature value are fixed, and another content would need a
 * SHA-256 preimage. And a countersignature cannot exist without the signature it signs: stripping the ECDSA
 * SignerInfo strips it too (see {@link eu.synergie.crypto.envelope.EnvelopeException.Reason#CLASSICAL_SIGNATURE_MISSING}).
 */
package eu.synergie.crypto.envelope;
