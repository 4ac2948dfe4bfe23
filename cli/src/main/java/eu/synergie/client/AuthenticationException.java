package eu.synergie.client;

/**
 * The token endpoint refused the client's credentials, or the exchange refused its token or its
 * roles: nothing this client sends will be accepted until the configuration is fixed.
 */
public final class AuthenticationException extends SynergieClientException {

    public AuthenticationException(String message) {
        super(message, null);
    }
}
