package eu.synergie.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SynergieClientBatchTest {

    private FakeExchange exchange;
    private HttpClient http;
    private final List<Duration> pauses = new ArrayList<>();
    private final RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), 2.0);
    private final Map<Integer, PublishOutcome> outcomes = new TreeMap<>();
    private final List<byte[]> envelopes = List.of(new byte[] {1}, new byte[] {2}, new byte[] {3}, new byte[] {4});

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

    private SynergieClient client() {
        ClientCredentialsTokens tokens = new ClientCredentialsTokens(http, exchange.tokenUrl(), "feed-be-pjf",
                Secret.of("s3cret-value"), retry, Duration.ofSeconds(5), InstantSource.system(), pauses::add);
        return new SynergieClient(http, false, exchange.server(), tokens, retry, Duration.ofSeconds(5), pauses::add);
    }

    private List<FakeExchange.Request> batches() {
        return exchange.requestsTo("/api/v1/notices/batch");
    }

    @Test
    void publishBatchWhenAllAcceptedThenEachOutcomeAndOneNdjsonRequest() {
        client().publishBatch(envelopes, outcomes::put);

        assertThat(outcomes).hasSize(4).allSatisfy((index, outcome) ->
                assertThat(outcome).isInstanceOf(PublishOutcome.Accepted.class).extracting(PublishOutcome::attempts).isEqualTo(1));
        assertThat(batches()).hasSize(1);
        assertThat(batches().getFirst().header("Content-Type")).isEqualTo("application/x-ndjson");
        assertThat(FakeExchange.envelopesOf(batches().getFirst())).containsExactlyElementsOf(envelopes);
    }

    @Test
    void publishBatchWhenSomeLinesUnavailableThenOnlyThoseSentAgainAndRefusalsFinal() {
        exchange.batchAnswers.add(FakeExchange.BatchScript.lines(202, 503, 422, 503));

        client().publishBatch(envelopes, outcomes::put);

        assertThat(outcomes.get(0)).isInstanceOf(PublishOutcome.Accepted.class);
        assertThat(outcomes.get(2)).isEqualTo(new PublishOutcome.Rejected(422, "LABEL_MISMATCH", "scripted 422", 1));
        assertThat(outcomes.get(1)).isInstanceOf(PublishOutcome.Accepted.class).extracting(PublishOutcome::attempts).isEqualTo(2);
        assertThat(outcomes.get(3).attempts()).isEqualTo(2);
        assertThat(FakeExchange.envelopesOf(batches().get(1))).containsExactly(envelopes.get(1), envelopes.get(3));
        assertThat(pauses).hasSize(1);
    }

    @Test
    void publishBatchWhenTheAnswerEndsEarlyThenTheUnansweredAreSentAgain() {
        exchange.batchAnswers.add(FakeExchange.BatchScript.cutAfter(202, 202));

        client().publishBatch(envelopes, outcomes::put);

        assertThat(outcomes).hasSize(4);
        assertThat(FakeExchange.envelopesOf(batches().get(1))).containsExactly(envelopes.get(2), envelopes.get(3));
        assertThat(outcomes.get(0).attempts()).isEqualTo(1);
        assertThat(outcomes.get(3).attempts()).isEqualTo(2);
    }

    @Test
    void publishBatchWhenWholeRequestUnavailableThenRetriedThenExchangeUnavailableWithoutOutcomes() {
        for (int i = 0; i < 3; i++) {
            exchange.batchAnswers.add(FakeExchange.BatchScript.whole(503));
        }

        assertThatThrownBy(() -> client().publishBatch(envelopes, outcomes::put))
                .isInstanceOf(ExchangeUnavailableException.class).hasMessageContaining("4 envelope(s)");
        assertThat(outcomes).isEmpty();
        assertThat(pauses).hasSize(2);
    }

    @Test
    void publishBatchWhenTokenRefusedOnceThenNewTokenAndAllAccepted() {
        exchange.batchAnswers.add(FakeExchange.BatchScript.whole(401));

        client().publishBatch(envelopes, outcomes::put);

        assertThat(outcomes).hasSize(4);
        assertThat(batches()).extracting(r -> r.header("Authorization")).containsExactly("Bearer token-1", "Bearer token-2");
        assertThat(outcomes.get(0).attempts()).isEqualTo(1);
    }

    @Test
    void supportsBatchesWhenEndpointMissingThenFalseAndPublishBatchUnsupported() {
        assertThat(client().supportsBatches()).isTrue();
        exchange.batchEndpoint = false;

        assertThat(client().supportsBatches()).isFalse();
        assertThatThrownBy(() -> client().publishBatch(envelopes, outcomes::put)).isInstanceOf(BatchUnsupportedException.class);
    }

    @Test
    void publishBatchWhenWholeBatchRefusedThenEveryEnvelopeRejectedWithoutRetry() {
        exchange.batchAnswers.add(FakeExchange.BatchScript.whole(422));

        client().publishBatch(envelopes, outcomes::put);

        assertThat(outcomes).hasSize(4).allSatisfy((index, outcome) -> assertThat(outcome)
                .isEqualTo(new PublishOutcome.Rejected(422, "HTTP_422", "HTTP 422 for the whole batch", 1)));
        assertThat(pauses).isEmpty();
    }

    @Test
    void publishBatchWhenFeedClientForbiddenThenAuthenticationExceptionWithoutOutcomes() {
        exchange.batchAnswers.add(FakeExchange.BatchScript.whole(403));

        assertThatThrownBy(() -> client().publishBatch(envelopes, outcomes::put))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("agency-feed");
        assertThat(outcomes).isEmpty();
    }

    @Test
    void supportsBatchesWhenTokenRefusedOnceThenNewTokenAndTrue() {
        exchange.batchAnswers.add(FakeExchange.BatchScript.whole(401));

        assertThat(client().supportsBatches()).isTrue();
        assertThat(batches()).extracting(r -> r.header("Authorization")).containsExactly("Bearer token-1", "Bearer token-2");
    }

    @Test
    void supportsBatchesWhenUnavailableThenRetriedLikeAnyRequest() {
        exchange.batchAnswers.add(FakeExchange.BatchScript.whole(503));

        assertThat(client().supportsBatches()).isTrue();
        assertThat(pauses).hasSize(1);
    }

    @Test
    void supportsBatchesWhenEmptyBatchRefusedThenExchangeUnavailableAtOnce() {
        exchange.batchAnswers.add(FakeExchange.BatchScript.whole(500));

        assertThatThrownBy(() -> client().supportsBatches()).isInstanceOf(ExchangeUnavailableException.class)
                .hasMessageContaining("HTTP 500");
        assertThat(pauses).isEmpty();
        assertThat(batches()).hasSize(1);
    }

    @Test
    void supportsBatchesWhenForbiddenThenAuthenticationException() {
        exchange.batchAnswers.add(FakeExchange.BatchScript.whole(403));

        assertThatThrownBy(() -> client().supportsBatches()).isInstanceOf(AuthenticationException.class);
    }
}
