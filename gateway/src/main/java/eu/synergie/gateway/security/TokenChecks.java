package eu.synergie.gateway.security;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The claim checks every token must pass once its signature is verified: issued by our realm, meant for
 * this API ({@code aud}), and within its lifetime. Spelled out here rather than left to auto-configuration,
 * so that a token without {@code exp} or {@code aud} is refused (the library defaults let a missing
 * {@code exp} through) and so that the checks can be tested without a Keycloak.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7519#section-4.1">RFC 7519, registered claims</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068">RFC 9068, JWT access tokens</a>
 */
final class TokenChecks {

    /** Tolerated difference between Keycloak's clock and ours. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private TokenChecks() {
    }

    static OAuth2TokenValidator<Jwt> of(String issuer, Collection<String> audiences, Clock clock) {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalStateException("spring.security.oauth2.resourceserver.jwt.issuer-uri must be set");
        }
        if (audiences == null || audiences.isEmpty()) {
            throw new IllegalStateException("spring.security.oauth2.resourceserver.jwt.audiences must name this API "
                    + "(e.g. synergie-api): a token issued for another client must not be accepted here");
        }
        Set<String> accepted = Set.copyOf(audiences);
        JwtTimestampValidator lifetime = new JwtTimestampValidator(CLOCK_SKEW);
        lifetime.setAllowEmptyExpiryClaim(false);
        lifetime.setClock(clock);
        return new DelegatingOAuth2TokenValidator<>(List.of(
                lifetime,
                new JwtIssuerValidator(issuer),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        aud -> aud != null && !Collections.disjoint(aud, accepted))));
    }
}
