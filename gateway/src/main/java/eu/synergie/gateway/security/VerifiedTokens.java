package eu.synergie.gateway.security;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Remembers the tokens whose signature and claims were verified, by their exact text: an analyst sends the
 * same access token with every request for its lifetime, and verifying its RS256 signature and parsing it
 * again is most of what authenticating a request costs. The claim checks (expiry, issuer, audience) run
 * again on every use; a token that fails them is forgotten and handed to the verifier, whose refusal the
 * caller gets. Only tokens that passed the verifier are kept, so a forged one can never be served from here.
 * <p>
 * A token stays accepted until it expires even if the realm's signing key is withdrawn meanwhile, as it
 * would be by any instance that verified it once (access tokens are not checked for revocation).
 */
final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> checks;
    private final int capacity;
    private final ConcurrentMap<String, Jwt> verified = new ConcurrentHashMap<>();

    /**
     * @param verifier verifies signature and claims (and applies {@code checks} itself)
     * @param checks   the claim checks to run again on a remembered token
     * @param capacity tokens remembered at most; all are forgotten when it is reached (verifying again is the cost)
     */
    VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> checks, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.verifier = verifier;
        this.checks = checks;
        this.capacity = capacity;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.get(token);
        if (known != null) {
            if (!checks.validate(known).hasErrors()) {
                return known;
            }
            verified.remove(token);
        }
        Jwt jwt = verifier.decode(token);
        if (verified.size() >= capacity) {
            verified.clear();
        }
        verified.put(token, jwt);
        return jwt;
    }
}
