package eu.synergie.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each defect alone, on a token that is otherwise perfect: the integration test cannot isolate the claim
 * checks, because a token it forges fails on its signature first.
 */
class TokenChecksTest {

    private static final String ISSUER = "http://localhost:8180/realms/synergie";
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final KeyPair REALM_KEY = rsa();

    private final NimbusJwtDecoder decoder = decoder();

    @Test
    void decodeWhenTokenIsGoodThenAccepted() {
        Jwt jwt = decoder.decode(signed(claims -> { }, REALM_KEY));
        assertThat(jwt.getSubject()).isEqualTo("claire.martin");
    }

    @Test
    void decodeWhenIssuerIsAnotherRealmThenRefused() {
        assertRefused(signed(c -> c.issuer("http://localhost:8180/realms/master"), REALM_KEY), "iss");
    }

    @Test
    void decodeWhenAudienceIsAnotherClientThenRefused() {
        assertRefused(signed(c -> c.audience(List.of("account", "other-api")), REALM_KEY), "aud");
    }

    @Test
    void decodeWhenAudienceIsMissingThenRefused() {
        assertRefused(signed(c -> c.audience((String) null), REALM_KEY), "aud");
    }

    @Test
    void decodeWhenExpiredBeyondTheClockSkewThenRefused() {
        assertRefused(signed(c -> c.expirationTime(Date.from(NOW.minus(TokenChecks.CLOCK_SKEW).minusSeconds(1))), REALM_KEY),
                "expired");
    }

    @Test
    void decodeWhenExpiredWithinTheClockSkewThenAccepted() {
        assertThat(decoder.decode(signed(c -> c.expirationTime(Date.from(NOW.minusSeconds(5))), REALM_KEY))).isNotNull();
    }

    @Test
    void decodeWhenExpiryIsMissingThenRefused() {
        assertRefused(signed(c -> c.expirationTime(null), REALM_KEY), "exp");
    }

    @Test
    void decodeWhenNotYetValidThenRefused() {
        assertRefused(signed(c -> c.notBeforeTime(Date.from(NOW.plusSeconds(120))), REALM_KEY), "used before");
    }

    @Test
    void decodeWhenUnsignedAlgNoneThenRefused() {
        String unsigned = new PlainJWT(claims(c -> { })).serialize();
        assertThatThrownBy(() -> decoder.decode(unsigned)).isInstanceOf(BadJwtException.class);
    }

    @Test
    void decodeWhenSignedByAnotherKeyThenRefused() {
        assertThatThrownBy(() -> decoder.decode(signed(c -> { }, rsa()))).isInstanceOf(BadJwtException.class);
    }

    @Test
    void decodeWhenPayloadAlteredAfterSigningThenRefused() {
        String[] parts = signed(c -> { }, REALM_KEY).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("CONFIDENTIAL", "SECRET");
        String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];
        assertThatThrownBy(() -> decoder.decode(altered)).isInstanceOf(BadJwtException.class);
    }

    @Test
    void checksWhenNoAudienceConfiguredThenStartFailsNamingTheKey() {
        assertThatThrownBy(() -> TokenChecks.of(ISSUER, List.of(), Clock.systemUTC()))
                .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.audiences");
        assertThatThrownBy(() -> TokenChecks.of(" ", List.of("synergie-api"), Clock.systemUTC()))
                .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.issuer-uri");
    }

    private void assertRefused(String token, String check) {
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class)
                .satisfies(e -> assertThat(((JwtValidationException) e).getErrors().toString()).containsIgnoringCase(check));
    }

    private static NimbusJwtDecoder decoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) REALM_KEY.getPublic()).build();
        decoder.setJwtValidator(TokenChecks.of(ISSUER, List.of("synergie-api"), Clock.fixed(NOW, ZoneOffset.UTC)));
        return decoder;
    }

    private static JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> change) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("claire.martin")
                .audience(List.of("synergie-api", "account")).issueTime(Date.from(NOW.minusSeconds(60)))
                .expirationTime(Date.from(NOW.plusSeconds(240))).claim("clearance", "CONFIDENTIAL");
        change.accept(claims);
        return claims.build();
    }

    private static String signed(Consumer<JWTClaimsSet.Builder> change, KeyPair key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims(change));
            jwt.sign(new RSASSASigner(key.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
