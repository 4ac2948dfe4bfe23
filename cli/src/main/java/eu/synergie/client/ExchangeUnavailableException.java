package eu.synergie.client;

/**
 * The exchange or its token endpoint could not be reached, or stayed overloaded or unavailable, through
 * every attempt the {@link RetryPolicy} allowed. Nothing was acknowledged for the request at hand:
 * sending it again later is safe (the exchange is idempotent by notice id).
 */
public final class ExchangeUnavailableException extends SynergieClientException {

    public ExchangeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
