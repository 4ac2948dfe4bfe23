package eu.synergie.oauth;

/**
 * No token could be had. The subtype decides what to do: {@link TokenRefusedException} will not change by
 * trying again (the credentials or the endpoint are wrong), {@link TokenEndpointUnavailableException} may.
 * Messages name the client and the check that failed, never the secret or a token.
 */
public abstract sealed class TokenException extends RuntimeException
        permits TokenRefusedException, TokenEndpointUnavailableException {

    TokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
