package eu.synergie.core.trust;

/** A trust administration request that cannot be carried out; the kind says why. */
public final class TrustException extends RuntimeException {

    public enum Kind { NOT_FOUND, CONFLICT, INVALID }

    private final Kind kind;

    public TrustException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
