package eu.synergie.client;

import eu.synergie.oauth.Pause;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
    private final Pause sleeper;
    private final RandomGenerator random = new SplittableRandom();

    SynergieClient(HttpClient http, boolean ownsHttp, URI server, AccessTokens tokens, RetryPolicy retry,
                   Duration requestTimeout, Pause sleeper) {
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
                Pause.THREAD);
    }

    /** A client over the caller's HTTP client and tokens (which it does not close). */
    public static SynergieClient create(HttpClient http, URI server, AccessTokens tokens, RetryPolicy retry,
                                        Duration requestTimeout) {
        return new SynergieClient(http, false, server, tokens, retry, requestTimeout, Pause.THREAD);
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
        return send(new Publish(envelope));
    }

    /**
     * Whether the exchange takes batches ({@code POST /api/v1/notices/batch}); asks with an empty batch,
     * which publishes nothing.
     *
     * @throws AuthenticationException      if the client or its token is refused
     * @throws ExchangeUnavailableException if the exchange cannot be reached, or refuses an empty batch
     */
    public boolean supportsBatches() {
        return send(new Probe());
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
        if (!envelopes.isEmpty()) {
            send(new Batch(envelopes, listener));
        }
    }

    /**
     * One request to the exchange, as {@code call} shapes it, carried through to its outcome: the one place
     * where the token is replaced once when the exchange refuses it (401), where an answer's status is
     * read, and where transient failures are tried again per the {@link RetryPolicy}. An attempt that made
     * progress (a batch some of whose envelopes were settled) starts the count of failed attempts again.
     */
    private <T> T send(Call<T> call) {
        boolean tokenReplaced = false;
        int failed = 0;
        while (true) {
            String token = tokens.current();
            Step<T> step;
            try {
                HttpResponse<InputStream> response = http.send(call.request(token), HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                if (status == 401) {
                    response.body().close();
                    if (tokenReplaced) {
                        throw new AuthenticationException("the exchange refused the token of the feed client (HTTP 401) "
                                + "even when fresh: does the token endpoint belong to the exchange's realm?");
                    }
                    tokens.refused(token);
                    tokenReplaced = true;
                    continue;
                }
                call.attempted();
                step = switch (ExchangeAnswer.of(response)) {
                    case ExchangeAnswer.Success success -> call.answered(success.body());
                    case ExchangeAnswer.Transient t -> new Step.Again<>(t.cause(), t.retryAfter(), false);
                    case ExchangeAnswer.Refused refused -> new Step.Done<>(call.refused(refused.status(), refused.problem()));
                };
            } catch (IOException e) {
                call.attempted();
                step = new Step.Again<>(e, Optional.empty(), false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExchangeUnavailableException("interrupted while talking to the exchange", e);
            }
            switch (step) {
                case Step.Done<T> done -> {
                    return done.value();
                }
                case Step.Again<T> again -> {
                    failed = again.progressed() ? 1 : failed + 1;
                    if (!retry.allowsAnotherAfter(failed)) {
                        throw new ExchangeUnavailableException(call.gaveUp(failed) + ": " + describe(again.cause()), again.cause());
                    }
                    pause(failed, again.retryAfter());
                }
            }
        }
    }

    /** What one request to the exchange is, and what its answers mean to its caller. */
    private interface Call<T> {

        HttpRequest request(String token);

        /** The request reached the exchange, or failed on the way: one attempt more (a replaced token is not one). */
        default void attempted() {
        }

        /** A 2xx answer, whose body the call reads and closes. */
        Step<T> answered(InputStream body) throws IOException;

        /** A refusal (any status but 2xx, 401 and the transient ones), with the exchange's reason if it gave one. */
        T refused(int status, Problem problem);

        /** Why it gave up after {@code failed} attempts, without the last cause. */
        String gaveUp(int failed);
    }

    /** Where a call stands after an attempt: done, or to be tried again (after a pause). */
    private sealed interface Step<T> {

        record Done<T>(T value) implements Step<T> {
        }

        /** @param progressed whether this attempt settled something (the count of failed attempts starts again) */
        record Again<T>(Exception cause, Optional<Duration> retryAfter, boolean progressed) implements Step<T> {
        }
    }

    /** One envelope, {@code POST /api/v1/notices}. */
    private final class Publish implements Call<PublishOutcome> {

        private final byte[] envelope;
        private int attempts;

        Publish(byte[] envelope) {
            this.envelope = envelope;
        }

        @Override
        public HttpRequest request(String token) {
            return HttpRequest.newBuilder(notices)
                    .timeout(requestTimeout)
                    .header("Content-Type", "application/pkcs7-mime")
                    .header("Accept", "application/json, application/problem+json")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(envelope))
                    .build();
        }

        @Override
        public void attempted() {
            attempts++;
        }

        @Override
        public Step<PublishOutcome> answered(InputStream body) throws IOException {
            String text;
            try (body) {
                text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Step.Done<>(accepted(text, attempts));
        }

        @Override
        public PublishOutcome refused(int status, Problem problem) {
            return rejected(status, problem, "HTTP " + status, attempts);
        }

        @Override
        public String gaveUp(int failed) {
            return "the exchange at " + notices + " did not accept the envelope after " + failed + " attempt(s)";
        }
    }

    /** An empty batch, which publishes nothing: is there a batch endpoint? */
    private final class Probe implements Call<Boolean> {

        @Override
        public HttpRequest request(String token) {
            return batchRequest(List.of(), List.of(), token);
        }

        @Override
        public Step<Boolean> answered(InputStream body) throws IOException {
            body.close();
            return new Step.Done<>(true);
        }

        @Override
        public Boolean refused(int status, Problem problem) {
            if (ExchangeAnswer.isNoEndpoint(status)) {
                return false;
            }
            if (status == 403) {
                throw new AuthenticationException("the exchange refused the feed client (HTTP 403)");
            }
            throw new ExchangeUnavailableException("the exchange at " + batch + " refused an empty batch (HTTP " + status
                    + (problem.detail() == null ? "" : ": " + problem.detail()) + ")", null);
        }

        @Override
        public String gaveUp(int failed) {
            return "the exchange at " + batch + " did not answer after " + failed + " attempt(s)";
        }
    }

    /**
     * Many envelopes, {@code POST /api/v1/notices/batch}: each attempt sends the envelopes still pending, and
     * each status line settles one of them; those answered 503, or whose line never came, stay pending.
     */
    private final class Batch implements Call<Void> {

        private final List<byte[]> envelopes;
        private final BatchListener listener;
        private final int[] attempts;
        private List<Integer> pending = new ArrayList<>();

        Batch(List<byte[]> envelopes, BatchListener listener) {
            this.envelopes = envelopes;
            this.listener = listener;
            this.attempts = new int[envelopes.size()];
            for (int i = 0; i < envelopes.size(); i++) {
                pending.add(i);
            }
        }

        @Override
        public HttpRequest request(String token) {
            return batchRequest(envelopes, pending, token);
        }

        @Override
        public void attempted() {
            pending.forEach(i -> attempts[i]++);
        }

        @Override
        public Step<Void> answered(InputStream body) {
            List<Integer> sent = pending;
            List<Integer> left = new ArrayList<>();
            boolean[] answered = new boolean[sent.size()];
            Exception cause = null;
            int settled = 0;
            try (Stream<String> lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)).lines()) {
                Iterator<String> each = lines.iterator();
                while (each.hasNext()) {
                    BatchLine line = BatchLine.parse(each.next());
                    if (line.line() < 1 || line.line() > sent.size() || answered[line.line() - 1]) {
                        continue;
                    }
                    answered[line.line() - 1] = true;
                    int index = sent.get(line.line() - 1);
                    if (RetryPolicy.isTransient(line.status())) {
                        left.add(index);
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
                    left.add(sent.get(i));
                    if (cause == null) {
                        cause = new IOException("the answer ended before the status of every envelope of the batch");
                    }
                }
            }
            left.sort(null);
            pending = left;
            // Progress resets the count: a connection lost after 90 of 100 lines is not a failed attempt.
            return left.isEmpty() ? new Step.Done<>(null) : new Step.Again<>(cause, Optional.empty(), settled > 0);
        }

        @Override
        public Void refused(int status, Problem problem) {
            if (ExchangeAnswer.isNoEndpoint(status)) {
                throw new BatchUnsupportedException("the exchange has no batch endpoint (HTTP " + status + ")");
            }
            for (int index : pending) {
                listener.outcome(index, rejected(status, problem, "HTTP " + status + " for the whole batch", attempts[index]));
            }
            return null;
        }

        @Override
        public String gaveUp(int failed) {
            return "the exchange at " + batch + " did not accept " + pending.size() + " envelope(s) of a batch after "
                    + failed + " attempt(s)";
        }
    }

    private static PublishOutcome.Rejected rejected(int status, Problem problem, String detail, int attempts) {
        return new PublishOutcome.Rejected(status, problem.reason() == null ? "HTTP_" + status : problem.reason(),
                problem.detail() == null ? detail : problem.detail(), attempts);
    }

    private void pause(int failedAttempts, Optional<Duration> retryAfter) {
        try {
            sleeper.sleep(retry.backoff(failedAttempts, retryAfter, random));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExchangeUnavailableException("interrupted while waiting to retry", e);
        }
    }

    static String describe(Exception cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
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
            if (status / 100 == 2) {
                return new PublishOutcome.Accepted(noticeId, null, topic, partition, offset, attempts);
            }
            return rejected(status, new Problem(reason, detail), "HTTP " + status, attempts);
        }
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

    @Override
    public void close() {
        if (ownsHttp) {
            http.close();
        }
    }
}
