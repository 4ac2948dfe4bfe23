package eu.synergie.gateway.api;

/** A search parameter out of its range; the message names it. */
final class InvalidQueryException extends RuntimeException {

    InvalidQueryException(String message) {
        super(message);
    }
}
