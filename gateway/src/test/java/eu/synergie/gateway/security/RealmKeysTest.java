package eu.synergie.gateway.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The realm's keys against a small HTTP server standing in for Keycloak's discovery and JWKS endpoints. */
class RealmKeysTest {

    private final RSAKey signing = rsa("realm-key");
    private final AtomicInteger keySetFetches = new AtomicInteger();
    private HttpServer realm;
    private String issuer;
    private String namedIssuer;

    @BeforeEach
    void startRealm() throws IOException {
        realm = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer = "http://127.0.0.1:" + realm.getAddress().getPort() + "/realms/test";
        namedIssuer = issuer;
        realm.createContext("/realms/test/.well-known/openid-configuration", exchange -> answer(exchange,
                "{\"issuer\":\"" + namedIssuer + "\",\"jwks_uri\":\"" + issuer + "/protocol/openid-connect/certs\"}"));
        realm.createContext("/realms/test/protocol/openid-connect/certs", exchange -> {
            keySetFetches.incrementAndGet();
            answer(exchange, "{\"keys\":[" + signing.toPublicJWK().toJSONString() + "]}");
        });
        realm.start();
    }

    @AfterEach
    void stopRealm() {
        realm.stop(0);
    }

    @Test
    void aTokenSignedByTheRealmsKeyIsAcceptedAndTheKeySetFetchedOnce() throws Exception {
        try (RealmKeys keys = new RealmKeys(issuer + "/")) {
            JwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).build();

            assertThat(decoder.decode(token(signing, "amelie.roux")).getSubject()).isEqualTo("amelie.roux");
            assertThat(decoder.decode(token(signing, "jan.devries")).getSubject()).isEqualTo("jan.devries");
            assertThat(keySetFetches).hasValue(1);
        }
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefusedAsBad() throws Exception {
        try (RealmKeys keys = new RealmKeys(issuer)) {
            JwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).build();

            assertThatThrownBy(() -> decoder.decode(token(rsa("realm-key"), "forger"))).isInstanceOf(BadJwtException.class);
        }
    }

    @Test
    void aTokenNamingAKeyTheRealmDoesNotHaveIsBadEvenWhenTheRefetchIsRateLimited() throws Exception {
        try (RealmKeys keys = new RealmKeys(issuer)) {
            JwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).build();
            decoder.decode(token(signing, "amelie.roux"));

            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> decoder.decode(token(rsa("unknown-key"), "forger"))).isInstanceOf(BadJwtException.class);
            }
            assertThat(keySetFetches.get()).as("the first unknown key id fetches again; the next are rate-limited").isBetween(2, 3);
        }
    }

    @Test
    void aFailedDiscoveryIsNotTriedAgainAtOnce() throws Exception {
        realm.stop(0);
        try (RealmKeys keys = new RealmKeys(issuer)) {
            JwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).build();
            assertThatThrownBy(() -> decoder.decode(token(signing, "amelie.roux"))).isNotInstanceOf(BadJwtException.class);

            assertThatThrownBy(() -> decoder.decode(token(signing, "amelie.roux")))
                    .isNotInstanceOf(BadJwtException.class).hasMessageContaining("not tried again for 5 s");
        }
    }

    @Test
    void theLastKeySetServesThroughAnOutageLongerThanItsTimeToLive() throws Exception {
        try (RealmKeys keys = new RealmKeys(issuer, Duration.ofMillis(200), Duration.ofMinutes(1))) {
            JwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).build();
            decoder.decode(token(signing, "amelie.roux"));

            realm.stop(0);
            Thread.sleep(600); // three times the key set's time to live, with the realm unreachable

            assertThat(decoder.decode(token(signing, "amelie.roux")).getSubject()).isEqualTo("amelie.roux");
        }
    }

    @Test
    void withoutAnyKeySetATokenCannotBeCheckedAndIsNotCalledBad() throws Exception {
        realm.stop(0);
        try (RealmKeys keys = new RealmKeys(issuer)) {
            JwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).build();

            assertThatThrownBy(() -> decoder.decode(token(signing, "amelie.roux")))
                    .isInstanceOf(JwtException.class)
                    .isNotInstanceOf(BadJwtException.class)
                    .hasMessageContaining("discovery document could not be read");
        }
    }

    @Test
    void aDiscoveryDocumentNamingAnotherIssuerIsRefused() throws Exception {
        namedIssuer = "http://keycloak.example:8080/realms/test";
        try (RealmKeys keys = new RealmKeys(issuer)) {
            JwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).build();

            assertThatThrownBy(() -> decoder.decode(token(signing, "amelie.roux")))
                    .isNotInstanceOf(BadJwtException.class)
                    .hasMessageContaining("names the issuer http://keycloak.example:8080/realms/test");
            assertThat(keySetFetches).hasValue(0);
        }
    }

    @Test
    void theApiAnswersATokenItCouldNotCheckWith503AndABadOneWith401() throws Exception {
        ProblemResponses problems = new ProblemResponses();
        MockHttpServletResponse unavailable = new MockHttpServletResponse();
        problems.bearerFailures().onAuthenticationFailure(new MockHttpServletRequest("GET", "/api/v1/notices"), unavailable,
                new AuthenticationServiceException("no key set"));
        MockHttpServletResponse refused = new MockHttpServletResponse();
        problems.bearerFailures().onAuthenticationFailure(new MockHttpServletRequest("GET", "/api/v1/notices"), refused,
                new InvalidBearerTokenException("bad signature"));

        assertThat(unavailable.getStatus()).isEqualTo(503);
        assertThat(unavailable.getHeader("Retry-After")).isEqualTo("5");
        assertThat(unavailable.getContentAsString()).contains("\"reason\":\"SERVICE_UNAVAILABLE\"");
        assertThat(refused.getStatus()).isEqualTo(401);
        assertThat(refused.getHeader("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void taxiiAnswersATokenItCouldNotCheckWith503InItsErrorFormat() throws Exception {
        MockHttpServletResponse unavailable = new MockHttpServletResponse();
        new TaxiiErrorResponses().bearerFailures().onAuthenticationFailure(new MockHttpServletRequest("GET", "/taxii2/"),
                unavailable, new AuthenticationServiceException("no key set"));

        assertThat(unavailable.getStatus()).isEqualTo(503);
        assertThat(unavailable.getContentType()).startsWith("application/taxii+json");
        assertThat(unavailable.getContentAsString()).contains("\"http_status\":\"503\"");
    }

    private String token(RSAKey key, String subject) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(issuer).subject(subject).expirationTime(Date.from(Instant.now().plusSeconds(300)))
                        .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static RSAKey rsa(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
