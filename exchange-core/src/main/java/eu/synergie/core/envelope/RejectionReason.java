package eu.synergie.core.envelope;

import eu.synergie.crypto.envelope.EnvelopeException;

/**
 * Why an envelope was refused: a closed list, the same on the API, in dead letters and in metrics.
 * The category says whose fault it is: a malformed request, or a well-formed one the exchange cannot accept.
 */
public enum RejectionReason {
    MALFORMED_ENVELOPE(Category.MALFORMED),
    OVERSIZED_ENVELOPE(Category.MALFORMED),
    UNSUPPORTED_ALGORITHM(Category.MALFORMED),
    UNSIGNED_CONTENT(Category.MALFORMED),
    NOT_FOR_A_KNOWN_REGION(Category.UNPROCESSABLE),
    TAMPERED(Category.UNPROCESSABLE),
    SIGNATURE_INVALID(Category.UNPROCESSABLE),
    UNKNOWN_SIGNER(Category.UNPROCESSABLE),
    CERTIFICATE_EXPIRED(Category.UNPROCESSABLE),
    CERTIFICATE_NOT_YET_VALID(Category.UNPROCESSABLE),
    CERTIFICATE_REVOKED(Category.UNPROCESSABLE),
    AGENCY_SUSPENDED(Category.UNPROCESSABLE),
    INVALID_NOTICE(Category.UNPROCESSABLE),
    LABEL_MISMATCH(Category.UNPROCESSABLE),
    UNKNOWN_REGION(Category.UNPROCESSABLE),
    REGION_MISMATCH(Category.UNPROCESSABLE),
    SIGNER_NOT_ORIGINATOR(Category.UNPROCESSABLE),
    /** No well-formed recipient for the signer's own certificate: the originator could not read it back. */
    ORIGINATOR_NOT_A_RECIPIENT(Category.UNPROCESSABLE),
    /** A hybrid envelope without its ML-DSA signature (stripped), or whose ML-DSA signature does not verify or vouch for the notice. */
    PQ_SIGNATURE_MISSING(Category.UNPROCESSABLE),
    PQ_SIGNATURE_INVALID(Category.UNPROCESSABLE),
    /** A hybrid envelope without its classical (ECDSA or Ed25519) signature. */
    CLASSICAL_SIGNATURE_MISSING(Category.UNPROCESSABLE),
    /** A classical envelope appended to a region that takes only hybrid ones since its switch date. */
    HYBRID_REQUIRED(Category.UNPROCESSABLE),
    NOTICE_ID_TAKEN(Category.UNPROCESSABLE),
    SUPERSEDED_VERSION(Category.UNPROCESSABLE),
    /** Read from a region topic with a time its producer chose, not the broker's append time: the rule cannot be judged. */
    UNTRUSTED_TIMESTAMP(Category.UNPROCESSABLE),
    /** The signer's agency was not a member of the notice's region when the envelope was appended. */
    NOT_A_MEMBER(Category.FORBIDDEN),
    PUBLISH_NOT_PERMITTED(Category.FORBIDDEN),
    /** From a peer exchange this one has not registered, or has removed. */
    PEER_NOT_ACTIVE(Category.FORBIDDEN),
    /** From a peer exchange, but not marked by its originator for this one (or never allowed to cross). */
    NOT_MARKED_FOR_FEDERATION(Category.FORBIDDEN);

    /** Whose fault: the request's form, its content, or the caller's rights. */
    public enum Category { MALFORMED, UNPROCESSABLE, FORBIDDEN }

    private final Category category;

    RejectionReason(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }

    public static RejectionReason of(EnvelopeException.Reason reason) {
        return switch (reason) {
            case MALFORMED -> MALFORMED_ENVELOPE;
            case OVERSIZED -> OVERSIZED_ENVELOPE;
            case UNSUPPORTED_ALGORITHM -> UNSUPPORTED_ALGORITHM;
            case UNSIGNED_CONTENT -> UNSIGNED_CONTENT;
            case NOT_A_RECIPIENT -> NOT_FOR_A_KNOWN_REGION;
            case TAMPERED -> TAMPERED;
            case SIGNATURE_INVALID -> SIGNATURE_INVALID;
            case UNKNOWN_SIGNER -> UNKNOWN_SIGNER;
            case CERTIFICATE_EXPIRED -> CERTIFICATE_EXPIRED;
            case CERTIFICATE_NOT_YET_VALID -> CERTIFICATE_NOT_YET_VALID;
            case CERTIFICATE_REVOKED -> CERTIFICATE_REVOKED;
            case ORIGINATOR_NOT_A_RECIPIENT -> ORIGINATOR_NOT_A_RECIPIENT;
            case PQ_SIGNATURE_MISSING -> PQ_SIGNATURE_MISSING;
            case PQ_SIGNATURE_INVALID -> PQ_SIGNATURE_INVALID;
            case CLASSICAL_SIGNATURE_MISSING -> CLASSICAL_SIGNATURE_MISSING;
        };
    }
}
