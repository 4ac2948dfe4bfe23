package eu.synergie.client;

import eu.synergie.oauth.Pause;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SynergieClientTest {

    private static final byte[] ENVELOPE = {0x30, 0x03, 0x02, 0x01, 0x01};

    private FakeExchange exchange;
    private HttpClient http;
    private final List<Duration> pauses = new ArrayList<>();
    private final Pause sleeper = pauses::add;
    private final RetryPolicy retry = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1), 2.0);

    @BeforeEach
    void start() throws IOException {
        exchange = new FakeExchange();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop() {
        exchange.close();
        http.close();
    }

    private SynergieClient client(URI server) {
        ClientCredentialsTokens tokens = new ClientCredentialsTokens(http, exchange.tokenUrl(), "feed-be-pjf",
                Secret.of("s3cret-value"), retry, Duration.ofSeconds(5), java.time.InstantSource.system(), sleeper);
        return new SynergieClient(http, false, server, tokens, retry, Duration.ofSeconds(5), sleeper);
    }

    @Test
    void publishWhenAcceptedThenPositionAndBearerTokenAndMediaType() {
        PublishOutcome outcome = client(exchange.server()).publish(ENVELOPE);

        assertThat(outcome).isEqualTo(new PublishOutcome.Accepted("7e0b5f6c-0000-4000-8000-000000000001", "EU-WEST",
                "synergie.notices.EU-WEST", 1, 42, 1));
        FakeExchange.Request request = exchange.requestsTo("/api/v1/notices").getFirst();
        assertThat(request.header("Authorization")).isEqualTo("Bearer token-1");
        assertThat(request.header("Content-Type")).isEqualTo("application/pkcs7-mime");
        assertThat(request.body()).isEqualTo(ENVELOPE);
    }

    @Test
    void publishWhenServiceUnavailableThenRetriedWithBackoffUntilAccepted() {
        exchange.noticeAnswers.add(FakeExchange.Response.problem(503, null, "the notice log is unavailable"));
        exchange.noticeAnswers.add(FakeExchange.Response.status(502));
        exchange.noticeAnswers.add(FakeExchange.Response.status(504));

        PublishOutcome outcome = client(exchange.server()).publish(ENVELOPE);

        assertThat(outcome).isInstanceOf(PublishOutcome.Accepted.class);
        assertThat(outcome.attempts()).isEqualTo(4);
        assertThat(pauses).hasSize(3);
        assertThat(pauses.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(pauses.get(2)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void publishWhenTooManyRequestsWithRetryAfterThenWaitsAsAsked() {
        exchange.noticeAnswers.add(FakeExchange.Response.status(429).withHeader("Retry-After", "2"));

        assertThat(client(exchange.server()).publish(ENVELOPE).attempts()).isEqualTo(2);
        assertThat(pauses).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void publishWhenRejectedThenReasonAndDetailWithoutRetry() {
        exchange.noticeAnswers.add(FakeExchange.Response.problem(422, "LABEL_MISMATCH", "the signature binds no security label"));

        PublishOutcome outcome = client(exchange.server()).publish(ENVELOPE);

        assertThat(outcome).isEqualTo(new PublishOutcome.Rejected(422, "LABEL_MISMATCH", "the signature binds no security label", 1));
        assertThat(((PublishOutcome.Rejected) outcome).isTrustFailure()).isFalse();
        assertThat(pauses).isEmpty();
        assertThat(exchange.requestsTo("/api/v1/notices")).hasSize(1);
    }

    @Test
    void publishWhenSignerRevokedThenRejectedAsTrustFailure() {
        exchange.noticeAnswers.add(FakeExchange.Response.problem(422, "CERTIFICATE_REVOKED", "signer certificate revoked"));

        PublishOutcome.Rejected rejected = (PublishOutcome.Rejected) client(exchange.server()).publish(ENVELOPE);

        assertThat(rejected.isTrustFailure()).isTrue();
    }

    @Test
    void publishWhenInternalErrorThenRejectedNotRetried() {
        exchange.noticeAnswers.add(FakeExchange.Response.problem(500, null, "an unexpected error occurred"));

        PublishOutcome outcome = client(exchange.server()).publish(ENVELOPE);

        assertThat(outcome).isEqualTo(new PublishOutcome.Rejected(500, "HTTP_500", "an unexpected error occurred", 1));
    }

    @Test
    void publishWhenTokenRefusedOnceThenNewTokenAndAccepted() {
        exchange.noticeAnswers.add(FakeExchange.Response.status(401));

        PublishOutcome outcome = client(exchange.server()).publish(ENVELOPE);

        assertThat(outcome).isInstanceOf(PublishOutcome.Accepted.class);
        assertThat(outcome.attempts()).as("a replaced token is not an attempt").isEqualTo(1);
        List<FakeExchange.Request> sent = exchange.requestsTo("/api/v1/notices");
        assertThat(sent).extracting(r -> r.header("Authorization")).containsExactly("Bearer token-1", "Bearer token-2");
        assertThat(pauses).isEmpty();
    }

    @Test
    void publishWhenFreshTokenRefusedTooThenAuthenticationException() {
        exchange.noticeAnswers.add(FakeExchange.Response.status(401));
        exchange.noticeAnswers.add(FakeExchange.Response.status(401));

        assertThatThrownBy(() -> client(exchange.server()).publish(ENVELOPE))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("401");
    }

    @Test
    void publishWhenForbiddenWithoutReasonThenAuthenticationExceptionAboutTheRole() {
        exchange.noticeAnswers.add(FakeExchange.Response.problem(403, null, "the caller's roles do not allow this request"));

        assertThatThrownBy(() -> client(exchange.server()).publish(ENVELOPE))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("agency-feed");
    }

    @Test
    void publishWhenForbiddenWithReasonThenRejectedForThatNotice() {
        exchange.noticeAnswers.add(FakeExchange.Response.problem(403, "PUBLISH_NOT_PERMITTED", "BE-PJF may not publish to MED"));

        assertThat(client(exchange.server()).publish(ENVELOPE))
                .isEqualTo(new PublishOutcome.Rejected(403, "PUBLISH_NOT_PERMITTED", "BE-PJF may not publish to MED", 1));
    }

    @Test
    void publishWhenNobodyListensThenRetriedThenExchangeUnavailable() throws IOException {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        assertThatThrownBy(() -> client(closed).publish(ENVELOPE))
                .isInstanceOf(ExchangeUnavailableException.class).hasMessageContaining("4 attempt");
        assertThat(pauses).hasSize(3);
    }

    @Test
    void publishWhenServerHasPathPrefixThenNoticesUnderIt() {
        client(URI.create(exchange.server() + "/")).publish(ENVELOPE);

        assertThat(exchange.requestsTo("/api/v1/notices")).hasSize(1);
    }
}
