package eu.synergie.client;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * Publishes sealed notices to the exchange with a bearer token (RFC 6750): one per request
 * ({@code POST /api/v1/notices}, the envelope as {@code application/pkcs7-mime}, RFC 8551), or many per
 * request ({@code POST /api/v1/notices/batch}, NDJSON, one status line back per envelope as it is
 * settled). Transient failures are retried per the {@link RetryPolicy}; a refused token is replaced
 * once; a rejection comes back as {@link PublishOutcome.Rejected} with the exchange's reason (RFC 9457).
 * Thread-safe: share one client between threads, it keeps its connections.
 *
 * <pre>{@code
 * try (SynergieClient client = SynergieClient.create(ClientSettings.of(server, tokenUrl, "feed-be-pjf", secret))) {
 *     AgencySealer sealer = new AgencySealer(agencyKey, List.of(euWestCertificate));
 *     PublishOutcome outcome = client.publish(sealer.seal(noticeJson).envelope());
 * }
 * }</pre>
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8551#section-3.2">RFC 8551, application/pkcs7-mime</a>
 */
public final class SynergieClient implements EnvelopePublisher, BatchPublisher, AutoCloseable {

    static final String NOTICES = "/api/v1/notices";
    static final String BATCH = "/api/v1/notices/batch";
    static final String NDJSON = "application/x-ndjson";
    private static final byte[] ENVELOPE_OPEN = "{\"envelope\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENVELOPE_CLOSE = "\"}\n".getBytes(StandardCharsets.US_ASCII);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final boolean ownsHttp;
    private final URI notices;
    private final URI batch;
    private final AccessTokens tokens;
    private final RetryPolicy retry;
    private final Duration requestTimeout;
    private final Sleeper sleeper;
    private final RandomGenerator random = new SplittableRandom();

    SynergieClient(HttpClient http, boolean ownsHttp, URI server, AccessTokens tokens, RetryPolicy retry,
                   Duration requestTimeout, Sleeper sleeper) {
        this.http = Objects.requireNonNull(http, "http");
        this.ownsHttp = ownsHttp;
        this.notices = URI.create(server.toString().replaceAll("/+$", "") + NOTICES);
        this.batch = URI.create(server.toString().replaceAll("/+$", "") + BATCH);
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.sleeper = sleeper;
    }

    /** A client with its own HTTP connections and client-credentials tokens. */
    public static SynergieClient create(ClientSettings settings) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        ClientCredentialsTokens tokens = new ClientCredentialsTokens(http, settings.tokenUrl(), settings.clientId(),
                settings.clientSecret(), settings.retry(), settings.requestTimeout());
        return new SynergieClient(http, true, settings.server(), tokens, settings.retry(), settings.requestTimeout(),
                Sleeper.SYSTEM);
    }

    /** A client over the caller's HTTP client and tokens (which it does not close). */
    public static SynergieClient create(HttpClient http, URI server, AccessTokens tokens, RetryPolicy retry,
                                        Duration requestTimeout) {
        return new SynergieClient(http, false, server, tokens, retry, requestTimeout, Sleeper.SYSTEM);
    }

    /**
     * Fetches a token now, so that refused credentials show before the first notice is sealed.
     *
     * @throws AuthenticationException      if the token endpoint refuses the client
     * @throws ExchangeUnavailableException if it cannot be reached
     */
    public void authenticate() {
        tokens.current();
    }

    @Override
    public PublishOutcome publish(byte[] envelope) {
        Objects.requireNonNull(envelope, "envelope");
        boolean tokenReplaced = false;
        int attempts = 0;
        int failed = 0;
        while (true) {
            attempts++;
            String token = tokens.current();
            Optional<Duration> retryAfter = Optional.empty();
            Exception cause;
            try {
                HttpResponse<String> response = http.send(request(envelope, token), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 202 || status == 201 || status == 200) {
                    return accepted(response.body(), attempts);
                }
                if (status == 401) {
                    if (tokenReplaced) {
                        throw new AuthenticationException("the exchange refused the token of the feed client (HTTP 401) "
                                + "even when fresh: does the token endpoint belong to the exchange's realm?");
                    }
                    tokens.refused(token);
                    tokenReplaced = true;
                    continue;
                }
                Problem problem = Problem.parse(response.body());
                if (status == 403 && problem.reason() == null) {
                    throw new AuthenticationException("the exchange refused the feed client (HTTP 403"
                            + (problem.detail() == null ? "" : ": " + problem.detail())
                            + "): it needs the agency-feed role");
                }
                if (!RetryPolicy.isTransient(status)) {
                    return new PublishOutcome.Rejected(status, problem.reason() == null ? "HTTP_" + status : problem.reason(),
                            problem.detail() == null ? "HTTP " + status : problem.detail(), attempts);
                }
                cause = new IOException("HTTP " + status + (problem.detail() == null ? "" : ": " + problem.detail()));
                retryAfter = retryAfter(response);
            } catch (IOException e) {
                cause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExchangeUnavailableException("interrupted while publishing", e);
            }
            failed++;
            if (!retry.allowsAnotherAfter(failed)) {
                throw new ExchangeUnavailableException("the exchange at " + notices + " did not accept the envelope after "
                        + failed + " attempt(s): " + ClientCredentialsTokens.describe(cause), cause);
            }
            pause(failed, retryAfter);
        }
    }

    /**
     * Whether the exchange takes batches ({@code POST /api/v1/notices/batch}); asks with an empty batch,
     * which publishes nothing.
     *
     * @throws AuthenticationException      if the client or its token is refused
     * @throws ExchangeUnavailableException if the exchange cannot be reached
     */
    public boolean supportsBatches() {
        for (int attempt = 1; ; attempt++) {
            String token = tokens.current();
            Exception cause;
            try {
                HttpResponse<String> response = http.send(batchRequest(List.of(), List.of(), token),
                        HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200) {
                    return true;
                }
                if (status == 404 || status == 405 || status == 415) {
                    return false;
                }
                if (status == 401 && attempt == 1) {
                    tokens.refused(token);
                    continue;
                }
                if (status == 401 || status == 403) {
                    throw new AuthenticationException("the exchange refused the feed client (HTTP " + status + ")");
                }
                cause = new IOException("HTTP " + status);
            } catch (IOException e) {
                cause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExchangeUnavailableException("interrupted", e);
            }
            if (!retry.allowsAnotherAfter(attempt)) {
                throw new ExchangeUnavailableException("the exchange at " + batch + " did not answer after " + attempt
                        + " attempt(s): " + ClientCredentialsTokens.describe(cause), cause);
            }
            pause(attempt, Optional.empty());
        }
    }

    /**
     * Publishes several envelopes in one request, as NDJSON ({@code {"envelope":"<base64 DER>"}} per line);
     * the exchange answers one status line per envelope, in order, as each is settled, and
     * {@code listener} hears each at once. Envelopes the exchange could not take for a transient reason
     * (a 503 line), or that the connection lost before their status came, are sent again, per the
     * {@link RetryPolicy}; a refusal is final. Returns when every envelope has its outcome.
     *
     * @throws BatchUnsupportedException    if the exchange has no batch endpoint (nothing was published)
     * @throws AuthenticationException      if the client or its token is refused
     * @throws ExchangeUnavailableException if some envelopes still had no outcome after every retry; the
     *     listener has heard about all the others
     */
    @Override
    public void publishBatch(List<byte[]> envelopes, BatchListener listener) {
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < envelopes.size(); i++) {
            pending.add(i);
        }
        int[] attempts = new int[envelopes.size()];
        boolean tokenReplaced = false;
        int failedRounds = 0;
        while (!pending.isEmpty()) {
            String token = tokens.current();
            Round round;
            try {
                HttpResponse<Stream<String>> response = http.send(batchRequest(envelopes, pending, token),
                        HttpResponse.BodyHandlers.ofLines());
                int status = response.statusCode();
                if (status == 401 && !tokenReplaced) {
                    response.body().close();
                    tokens.refused(token);
                    tokenReplaced = true;
                    continue;
                }
                pending.forEach(i -> attempts[i]++);
                round = status == 200 ? settle(response.body(), pending, attempts, listener)
                        : refused(status, response, pending, attempts, listener);
            } catch (IOException e) {
                pending.forEach(i -> attempts[i]++);
                round = new Round(pending, 0, e, Optional.empty());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExchangeUnavailableException("interrupted while publishing", e);
            }
            pending = round.pending();
            if (pending.isEmpty()) {
                return;
            }
            // Progress resets the count: a connection lost after 90 of 100 lines is not a failed round.
            failedRounds = round.settled() > 0 ? 1 : failedRounds + 1;
            if (!retry.allowsAnotherAfter(failedRounds)) {
                throw new ExchangeUnavailableException("the exchange at " + batch + " did not accept " + pending.size()
                        + " envelope(s) of a batch after " + failedRounds + " attempt(s): "
                        + ClientCredentialsTokens.describe(round.cause()), round.cause());
            }
            pause(failedRounds, round.retryAfter());
        }
    }

    /** What one request of a batch left to do. */
    private record Round(List<Integer> pending, int settled, Exception cause, Optional<Duration> retryAfter) {
    }

    private static Round settle(Stream<String> body, List<Integer> sent, int[] attempts, BatchListener listener) {
        List<Integer> pending = new ArrayList<>();
        boolean[] answered = new boolean[sent.size()];
        Exception cause = null;
        int settled = 0;
        try (body) {
            Iterator<String> lines = body.iterator();
            while (lines.hasNext()) {
                BatchLine line = BatchLine.parse(lines.next());
                if (line.line() < 1 || line.line() > sent.size() || answered[line.line() - 1]) {
                    continue;
                }
                answered[line.line() - 1] = true;
                int index = sent.get(line.line() - 1);
                if (RetryPolicy.isTransient(line.status())) {
                    pending.add(index);
                    cause = new IOException("HTTP " + line.status() + (line.detail() == null ? "" : ": " + line.detail()));
                    continue;
                }
                listener.outcome(index, line.outcome(attempts[index]));
                settled++;
            }
        } catch (UncheckedIOException e) {
            cause = e.getCause();
        }
        for (int i = 0; i < answered.length; i++) {
            if (!answered[i]) {
                pending.add(sent.get(i));
                if (cause == null) {
                    cause = new IOException("the answer ended before the status of every envelope of the batch");
                }
            }
        }
        pending.sort(null);
        return new Round(pending, settled, cause, Optional.empty());
    }

    private static Round refused(int status, HttpResponse<Stream<String>> response, List<Integer> sent, int[] attempts,
                                 BatchListener listener) {
        String body;
        try (Stream<String> lines = response.body()) {
            body = String.join("\n", lines.toList());
        } catch (UncheckedIOException e) {
            body = "";
        }
        if (status == 404 || status == 405 || status == 415) {
            throw new BatchUnsupportedException("the exchange has no batch endpoint (HTTP " + status + ")");
        }
        if (status == 401) {
            throw new AuthenticationException("the exchange refused the token of the feed client (HTTP 401) "
                    + "even when fresh: does the token endpoint belong to the exchange's realm?");
        }
        Problem problem = Problem.parse(body);
        if (status == 403 && problem.reason() == null) {
            throw new AuthenticationException("the exchange refused the feed client (HTTP 403"
                    + (problem.detail() == null ? "" : ": " + problem.detail()) + "): it needs the agency-feed role");
        }
        if (RetryPolicy.isTransient(status)) {
            return new Round(sent, 0, new IOException("HTTP " + status + (problem.detail() == null ? "" : ": " + problem.detail())),
                    retryAfter(response));
        }
        for (int index : sent) {
            listener.outcome(index, new PublishOutcome.Rejected(status, problem.reason() == null ? "HTTP_" + status : problem.reason(),
                    problem.detail() == null ? "HTTP " + status + " for the whole batch" : problem.detail(), attempts[index]));
        }
        return new Round(List.of(), sent.size(), null, Optional.empty());
    }

    private void pause(int failedAttempts, Optional<Duration> retryAfter) {
        try {
            sleeper.sleep(retry.backoff(failedAttempts, retryAfter, random));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExchangeUnavailableException("interrupted while waiting to retry", e);
        }
    }

    private HttpRequest batchRequest(List<byte[]> envelopes, List<Integer> indices, String token) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Base64.Encoder base64 = Base64.getEncoder();
        for (int index : indices) {
            body.writeBytes(ENVELOPE_OPEN);
            body.writeBytes(base64.encode(envelopes.get(index)));
            body.writeBytes(ENVELOPE_CLOSE);
        }
        return HttpRequest.newBuilder(batch)
                .timeout(requestTimeout.multipliedBy(Math.max(1, indices.size() / 50 + 1)))
                .header("Content-Type", NDJSON)
                .header("Accept", NDJSON + ", application/problem+json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
    }

    /** One status line of a batch's answer. */
    private record BatchLine(int line, int status, String noticeId, String topic, int partition, long offset, String reason,
                             String detail) {

        static BatchLine parse(String text) {
            try {
                JsonNode node = JSON.readTree(text);
                return new BatchLine(node.path("line").asInt(-1), node.path("status").asInt(-1), SynergieClient.text(node, "noticeId"),
                        SynergieClient.text(node, "topic"), node.path("partition").asInt(-1), node.path("offset").asLong(-1),
                        SynergieClient.text(node, "reason"), SynergieClient.text(node, "detail"));
            } catch (JacksonException | NullPointerException e) {
                return new BatchLine(-1, -1, null, null, -1, -1, null, null);
            }
        }

        PublishOutcome outcome(int attempts) {
            if (status == 202 || status == 201 || status == 200) {
                return new PublishOutcome.Accepted(noticeId, null, topic, partition, offset, attempts);
            }
            return new PublishOutcome.Rejected(status, reason == null ? "HTTP_" + status : reason,
                    detail == null ? "HTTP " + status : detail, attempts);
        }
    }

    private HttpRequest request(byte[] envelope, String token) {
        return HttpRequest.newBuilder(notices)
                .timeout(requestTimeout)
                .header("Content-Type", "application/pkcs7-mime")
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope))
                .build();
    }

    private static PublishOutcome.Accepted accepted(String body, int attempts) {
        try {
            JsonNode node = JSON.readTree(body);
            return new PublishOutcome.Accepted(text(node, "noticeId"), text(node, "region"), text(node, "topic"),
                    node.path("partition").asInt(-1), node.path("offset").asLong(-1), attempts);
        } catch (JacksonException | NullPointerException e) {
            // Accepted all the same: the status is what counts; the position is informative.
            return new PublishOutcome.Accepted(null, null, null, -1, -1, attempts);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** The {@code Retry-After} of a response in its delay-seconds form (RFC 9110, section 10.2.3), if any. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.strip());
                return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
            } catch (NumberFormatException httpDate) {
                return Optional.empty();
            }
        });
    }

    @Override
    public void close() {
        if (ownsHttp) {
            http.close();
        }
    }
}
