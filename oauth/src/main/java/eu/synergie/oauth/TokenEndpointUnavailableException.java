package eu.synergie.oauth;

/**
 * The token endpoint could not be reached, or stayed overloaded or unavailable (429, 5xx), through every
 * attempt the {@link Backoff} allowed. Retriable later.
 */
public final class TokenEndpointUnavailableException extends TokenException {

    TokenEndpointUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
