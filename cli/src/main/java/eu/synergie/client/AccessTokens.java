package eu.synergie.client;

/** Bearer tokens for the exchange's API (RFC 6750). */
public interface AccessTokens {

    /**
     * A token valid for a while yet, fetched anew when the last one is about to expire.
     *
     * @throws AuthenticationException      if the token endpoint refuses the client
     * @throws ExchangeUnavailableException if the token endpoint cannot be reached
     */
    String current();

    /** The exchange refused {@code token} (HTTP 401): the next {@link #current()} fetches a new one. */
    void refused(String token);
}
