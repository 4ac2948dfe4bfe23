package eu.synergie.oauth;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a token endpoint on loopback that answers from a script, then with numbered tokens. */
class ClientCredentialsGrantTest {

    /** One scripted answer of the token endpoint. */
    private record Answer(int status, String body, String retryAfter) {
    }

    private HttpServer server;
    private HttpClient http;
    private final ConcurrentLinkedDeque<Answer> script = new ConcurrentLinkedDeque<>();
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger issued = new AtomicInteger();
    private volatile long lifetimeSeconds = 300;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-28T10:00:00Z"));
    private final List<Duration> pauses = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            Answer answer = script.pollFirst();
            if (answer == null) {
                answer = new Answer(200, "{\"access_token\":\"token-" + issued.incrementAndGet()
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":" + lifetimeSeconds + "}", null);
            }
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        http = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        http.close();
    }

    private ClientCredentialsGrant grant(Backoff backoff) {
        return new ClientCredentialsGrant(http, URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token"),
                "feed-be-pjf", "s3cret value&=", Duration.ofSeconds(5), backoff, now::get, pauses::add);
    }

    /** Three attempts in all, 10 ms apart, or what the server asks. */
    private static Optional<Duration> threeAttempts(int failed, Optional<Duration> retryAfter) {
        return failed < 3 ? Optional.of(retryAfter.orElse(Duration.ofMillis(10))) : Optional.empty();
    }

    @Test
    void tokenWhenStillFreshThenReusedAndWhenAboutToExpireThenRenewedBeforeExpiry() {
        ClientCredentialsGrant grant = grant(Backoff.NONE);

        assertThat(grant.token()).isEqualTo("token-1");
        now.set(now.get().plusSeconds(269));
        assertThat(grant.token()).isEqualTo("token-1");
        now.set(now.get().plusSeconds(1));
        assertThat(grant.token()).as("renewed 30 s before the 300 s expiry").isEqualTo("token-2");
        assertThat(bodies).hasSize(2);
    }

    @Test
    void tokenWhenShortLivedThenRenewedAtThreeQuartersOfItsLife() {
        lifetimeSeconds = 40;
        ClientCredentialsGrant grant = grant(Backoff.NONE);

        grant.token();
        now.set(now.get().plusSeconds(29));
        assertThat(grant.token()).isEqualTo("token-1");
        now.set(now.get().plusSeconds(1));
        assertThat(grant.token()).isEqualTo("token-2");
    }

    @Test
    void tokenWhenRequestedThenClientCredentialsGrantWithFormEncodedBasicAuthentication() {
        grant(Backoff.NONE).token();

        assertThat(bodies).containsExactly("grant_type=client_credentials");
        // RFC 6749, section 2.3.1: id and secret form-encoded before Base64.
        assertThat(authorizations).containsExactly("Basic " + Base64.getEncoder()
                .encodeToString("feed-be-pjf:s3cret+value%26%3D".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusedWhenTheCurrentTokenThenNextFetchesAnotherAndWhenAnOlderOneThenNothing() {
        ClientCredentialsGrant grant = grant(Backoff.NONE);
        String first = grant.token();

        grant.refused("some-older-token");
        assertThat(grant.token()).isEqualTo(first);
        grant.refused(first);
        assertThat(grant.token()).isEqualTo("token-2");
    }

    @Test
    void tokenWhenClientRefusedThenRefusedAtOnceNamingTheErrorCodeNeverTheSecret() {
        script.add(new Answer(401, "{\"error\":\"unauthorized_client\",\"error_description\":\"Invalid <b>s3cret value&=</b>\"}", null));

        assertThatThrownBy(() -> grant(ClientCredentialsGrantTest::threeAttempts).token())
                .isInstanceOfSatisfying(TokenRefusedException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("feed-be-pjf").hasMessageContaining("unauthorized_client")
                .hasMessageNotContaining("s3cret").hasMessageNotContaining("Invalid");
        assertThat(pauses).isEmpty();
    }

    @Test
    void tokenWhenAnswerIsNoTokenResponseThenRefused() {
        script.add(new Answer(200, "<html>proxy login</html>", null));
        script.add(new Answer(200, "{\"token_type\":\"Bearer\"}", null));

        assertThatThrownBy(() -> grant(Backoff.NONE).token()).isInstanceOf(TokenRefusedException.class)
                .hasMessageContaining("not a token response");
        assertThatThrownBy(() -> grant(Backoff.NONE).token()).isInstanceOf(TokenRefusedException.class)
                .hasMessageContaining("without an access_token");
    }

    @Test
    void tokenWhenEndpointUnavailableThenTriedAsTheBackoffSaysHonouringRetryAfterThenUnavailable() {
        script.add(new Answer(503, "", "2"));
        script.add(new Answer(429, "", null));
        script.add(new Answer(500, "", null));

        assertThatThrownBy(() -> grant(ClientCredentialsGrantTest::threeAttempts).token())
                .isInstanceOf(TokenEndpointUnavailableException.class).hasMessageContaining("3 attempt")
                .hasMessageContaining("HTTP 500");
        assertThat(pauses).containsExactly(Duration.ofSeconds(2), Duration.ofMillis(10));
    }

    @Test
    void tokenWhenUnavailableOnceThenTheNextAttemptsToken() {
        script.add(new Answer(502, "", null));

        assertThat(grant(ClientCredentialsGrantTest::threeAttempts).token()).isEqualTo("token-1");
        assertThat(pauses).hasSize(1);
    }

    @Test
    void tokenWhenNobodyListensAndNoRetryThenUnavailableAtOnce() {
        server.stop(0);

        assertThatThrownBy(() -> grant(Backoff.NONE).token()).isInstanceOf(TokenEndpointUnavailableException.class)
                .hasMessageContaining("1 attempt");
        assertThat(pauses).isEmpty();
    }
}
