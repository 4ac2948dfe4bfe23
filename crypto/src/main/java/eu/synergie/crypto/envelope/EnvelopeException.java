package eu.synergie.crypto.envelope;

import java.util.Objects;

/**
 * Why an envelope was refused by {@link EnvelopeOpener}. The message names the check that failed
 * and never carries key material or plaintext, so it can be logged and dead-lettered as is.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5652">RFC 5652</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5083">RFC 5083</a>
 */
public final class EnvelopeException extends RuntimeException {

    /** The failed check, coarse enough to drive handling (dead letter, alert, retry never helps). */
    public enum Reason {
        MALFORMED,
        OVERSIZED,
        NOT_A_RECIPIENT,
        TAMPERED,
        UNSIGNED_CONTENT,
        SIGNATURE_INVALID,
        UNKNOWN_SIGNER,
        CERTIFICATE_EXPIRED,
        CERTIFICATE_NOT_YET_VALID,
        UNSUPPORTED_ALGORITHM,
        CERTIFICATE_REVOKED,
        /** No well-formed key-agreement recipient for the signer's own certificate: the originator could not open it. */
        ORIGINATOR_NOT_A_RECIPIENT,
        /**
         * A hybrid envelope whose classical signer carries no ML-DSA countersignature (RFC 5652 section 11.4, RFC 9882):
         * its post-quantum signature was stripped.
         */
        PQ_SIGNATURE_MISSING,
        /**
         * A hybrid envelope whose ML-DSA countersignature, or its signed attributes, do not verify, or that does not
         * stand for the same subject and the same classical certificate as the classical signature.
         */
        PQ_SIGNATURE_INVALID,
        /**
         * A hybrid envelope whose SignedData's signer is an ML-DSA one, with no classical (ECDSA or Ed25519) signer:
         * the classical signature was stripped and the countersignature kept. (Stripping the classical SignerInfo
         * takes its countersignature with it; with no signer left, the refusal is {@code UNSIGNED_CONTENT}.)
         */
        CLASSICAL_SIGNATURE_MISSING
    }

    private final Reason reason;

    EnvelopeException(Reason reason, String message) {
        this(reason, message, null);
    }

    EnvelopeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
