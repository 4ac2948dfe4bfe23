package eu.synergie.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The feed client's tokens as the client sees them: {@link eu.synergie.oauth.ClientCredentialsGrant} (tested in its
 * own module for renewal and the grant itself) with this client's retry policy and exceptions.
 */
class ClientCredentialsTokensTest {

    private FakeExchange exchange;
    private HttpClient http;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-28T10:00:00Z"));
    private final List<Duration> pauses = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        exchange = new FakeExchange();
        http = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() {
        exchange.close();
        http.close();
    }

    private ClientCredentialsTokens tokens() {
        InstantSource clock = now::get;
        return new ClientCredentialsTokens(http, exchange.tokenUrl(), "feed-be-pjf", Secret.of("s3cret-value"),
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), 2), Duration.ofSeconds(5), clock, pauses::add);
    }

    @Test
    void refusedWhenTheCurrentTokenThenNextCurrentFetchesAnother() {
        ClientCredentialsTokens tokens = tokens();
        String first = tokens.current();

        tokens.refused("some-older-token");
        assertThat(tokens.current()).isEqualTo(first);
        tokens.refused(first);
        assertThat(tokens.current()).isEqualTo("token-2");
    }

    @Test
    void currentWhenClientRefusedThenAuthenticationExceptionWithoutTheSecret() {
        exchange.tokenAnswers.add(new FakeExchange.Response(401, "application/json",
                "{\"error\":\"unauthorized_client\",\"error_description\":\"Invalid client or Invalid client credentials\"}", Map.of()));

        assertThatThrownBy(() -> tokens().current())
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("feed-be-pjf").hasMessageContaining("unauthorized_client")
                .hasMessageNotContaining("s3cret-value");
        assertThat(pauses).isEmpty();
    }

    @Test
    void currentWhenTokenEndpointUnavailableThenRetriedPerTheRetryPolicyThenExchangeUnavailable() {
        for (int i = 0; i < 3; i++) {
            exchange.tokenAnswers.add(FakeExchange.Response.status(503));
        }

        assertThatThrownBy(() -> tokens().current()).isInstanceOf(ExchangeUnavailableException.class)
                .hasMessageContaining("3 attempt");
        // The policy's equal jitter: 5-10 ms, then 10-20 ms.
        assertThat(pauses).hasSize(2);
        assertThat(pauses.get(0)).isBetween(Duration.ofMillis(5), Duration.ofMillis(10));
        assertThat(pauses.get(1)).isBetween(Duration.ofMillis(10), Duration.ofMillis(20));
    }

    @Test
    void currentWhenTokenAboutToExpireThenRenewed() {
        exchange.tokenLifetimeSeconds = 300;
        ClientCredentialsTokens tokens = tokens();

        assertThat(tokens.current()).isEqualTo("token-1");
        now.set(now.get().plusSeconds(270));
        assertThat(tokens.current()).isEqualTo("token-2");
    }

    @Test
    void secretWhenPrintedThenRedacted() {
        assertThat(Secret.of("s3cret-value").toString()).isEqualTo("[redacted]");
        assertThat(ClientSettings.of(exchange.server(), exchange.tokenUrl(), "feed-be-pjf", Secret.of("s3cret-value")).toString())
                .doesNotContain("s3cret-value");
    }
}
