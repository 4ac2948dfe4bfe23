package eu.synergie.gateway.api;

/** A search parameter out of its range; the message names it. */
public final class InvalidQueryException extends RuntimeException {

    public InvalidQueryException(String message) {
        super(message);
    }
}
