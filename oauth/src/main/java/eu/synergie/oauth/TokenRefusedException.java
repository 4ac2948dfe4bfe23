package eu.synergie.oauth;

/**
 * The token endpoint refused the client (a 4xx answer other than 429: wrong client id or secret, a client not
 * allowed the grant) or answered something that is not a token response. Not retriable.
 */
public final class TokenRefusedException extends TokenException {

    private final int status;

    TokenRefusedException(int status, String message) {
        super(message, null);
        this.status = status;
    }

    /** The HTTP status of the refusal (200 when the answer was not a token response). */
    public int status() {
        return status;
    }
}
