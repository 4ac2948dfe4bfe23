package eu.synergie.gateway.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    private static final String ISSUER = "http://localhost:8180/realms/synergie";
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final List<String> verified = new ArrayList<>();
    /** Accepts "good-…" tokens as claire.martin's, valid for 5 minutes from NOW; refuses anything else. */
    private final JwtDecoder verifier = token -> {
        verified.add(token);
        if (!token.startsWith("good-")) {
            throw new BadJwtException("signature does not verify");
        }
        Jwt jwt = Jwt.withTokenValue(token).header("alg", "RS256").issuer(ISSUER).subject("claire.martin")
                .audience(List.of("synergie-api")).issuedAt(NOW.minusSeconds(60)).expiresAt(NOW.plusSeconds(300)).build();
        var result = TokenChecks.of(ISSUER, List.of("synergie-api"), clock).validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException("invalid", result.getErrors());
        }
        return jwt;
    };
    private final VerifiedTokens tokens = new VerifiedTokens(verifier, TokenChecks.of(ISSUER, List.of("synergie-api"), clock), 2);

    @Test
    void decodeWhenSameTokenAgainThenVerifiedOnce() {
        Jwt first = tokens.decode("good-1");
        Jwt second = tokens.decode("good-1");

        assertThat(second).isSameAs(first);
        assertThat(verified).containsExactly("good-1");
    }

    @Test
    void decodeWhenRememberedTokenExpiresThenRefusedByTheVerifier() {
        tokens.decode("good-1");
        now.set(NOW.plusSeconds(300).plus(TokenChecks.CLOCK_SKEW).plusSeconds(1));

        assertThatThrownBy(() -> tokens.decode("good-1")).isInstanceOf(JwtValidationException.class)
                .satisfies(e -> assertThat(((JwtValidationException) e).getErrors().toString()).containsIgnoringCase("expired"));
        assertThat(verified).containsExactly("good-1", "good-1");
    }

    @Test
    void decodeWhenRefusedThenNotRemembered() {
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(verified).containsExactly("forged", "forged");
    }

    @Test
    void decodeWhenCapacityReachedThenForgetsAndVerifiesAgain() {
        tokens.decode("good-1");
        tokens.decode("good-2");
        tokens.decode("good-3"); // full: forgets 1 and 2
        tokens.decode("good-3");
        tokens.decode("good-1");

        assertThat(verified).containsExactly("good-1", "good-2", "good-3", "good-1");
    }
}
