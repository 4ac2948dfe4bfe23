package eu.synergie.cli.keys;

/**
 * The key store cannot be used as asked. {@link Kind#TRUST} when a certificate is missing, foreign or
 * invalid; {@link Kind#LOCAL} when the file is missing, unreadable or the password is wrong.
 */
public final class KeyStoreException extends RuntimeException {

    public enum Kind { LOCAL, TRUST }

    private final Kind kind;

    KeyStoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
