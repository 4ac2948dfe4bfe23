package eu.synergie.gateway.access;

/**
 * An access administration request that could not be carried out; the kind says why and decides the
 * HTTP status. {@link Kind#UNAVAILABLE} is the only retriable one.
 */
public final class AccessException extends RuntimeException {

    public enum Kind { NOT_FOUND, CONFLICT, INVALID, UNAVAILABLE }

    private final Kind kind;

    public AccessException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
