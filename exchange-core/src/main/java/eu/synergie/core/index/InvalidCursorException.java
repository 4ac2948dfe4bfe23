package eu.synergie.core.index;

/** A search cursor that is malformed or belongs to another query. */
public final class InvalidCursorException extends IllegalArgumentException {

    public InvalidCursorException(String message) {
        super(message);
    }
}
