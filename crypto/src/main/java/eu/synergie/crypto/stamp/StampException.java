package eu.synergie.crypto.stamp;

/**
 * A record read back from a log does not carry a valid stamp of the exchange. The message names the check
 * that failed, never the record's content or key material.
 */
public final class StampException extends RuntimeException {

    /** The closed set of reasons a stamp is refused. */
    public enum Reason {
        /** Not a CMS structure of the expected type at all: unsigned JSON, an empty record, another format. */
        UNSTAMPED,
        /** A CMS structure whose signature or MAC does not verify, or lacks what it must cover: altered or forged. */
        FORGED,
        /** A valid signature, but not by an exchange signing certificate under the exchange root (an agency's key, another CA). */
        UNTRUSTED_SIGNER
    }

    private final Reason reason;

    public StampException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public StampException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
