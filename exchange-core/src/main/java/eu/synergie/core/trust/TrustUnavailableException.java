package eu.synergie.core.trust;

/** The registry cannot answer now (not loaded, or its follower failed): retriable, never a verdict on a notice. */
public final class TrustUnavailableException extends RuntimeException {

    public TrustUnavailableException(String message) {
        super(message);
    }
}
