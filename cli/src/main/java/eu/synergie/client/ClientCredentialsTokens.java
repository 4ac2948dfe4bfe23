package eu.synergie.client;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Access tokens from an OAuth2 token endpoint by the client-credentials grant (RFC 6749, section 4.4),
 * the client authenticating with HTTP Basic (section 2.3.1). A token is reused until shortly before it
 * expires (a quarter of its lifetime, at most 30 seconds, before {@code expires_in} runs out), then
 * fetched anew; one request at a time, however many threads ask.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.4">RFC 6749, section 4.4</a>
 */
public final class ClientCredentialsTokens implements AccessTokens {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration MAX_MARGIN = Duration.ofSeconds(30);
    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(1);

    private final HttpClient http;
    private final URI tokenUrl;
    private final String clientId;
    private final Secret clientSecret;
    private final RetryPolicy retry;
    private final Duration requestTimeout;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private final RandomGenerator random = new SplittableRandom();

    private String token;
    private Instant refreshAt = Instant.MIN;

    public ClientCredentialsTokens(HttpClient http, URI tokenUrl, String clientId, Secret clientSecret, RetryPolicy retry,
                                   Duration requestTimeout) {
        this(http, tokenUrl, clientId, clientSecret, retry, requestTimeout, InstantSource.system(), Sleeper.SYSTEM);
    }

    ClientCredentialsTokens(HttpClient http, URI tokenUrl, String clientId, Secret clientSecret, RetryPolicy retry,
                            Duration requestTimeout, InstantSource clock, Sleeper sleeper) {
        this.http = Objects.requireNonNull(http, "http");
        this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public synchronized String current() {
        if (token == null || !clock.instant().isBefore(refreshAt)) {
            fetch();
        }
        return token;
    }

    @Override
    public synchronized void refused(String refused) {
        if (refused != null && refused.equals(token)) {
            token = null;
        }
    }

    private void fetch() {
        for (int attempt = 1; ; attempt++) {
            Optional<Duration> retryAfter = Optional.empty();
            Exception cause;
            try {
                HttpResponse<String> response = http.send(request(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200) {
                    accept(response.body());
                    return;
                }
                if (!RetryPolicy.isTransient(status) && status < 500) {
                    throw new AuthenticationException("the token endpoint refused client " + clientId + " (HTTP " + status
                            + errorOf(response.body()) + "): check the client id and secret");
                }
                cause = new IOException("HTTP " + status);
                retryAfter = SynergieClient.retryAfter(response);
            } catch (IOException e) {
                cause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExchangeUnavailableException("interrupted while fetching a token", e);
            }
            if (!retry.allowsAnotherAfter(attempt)) {
                throw new ExchangeUnavailableException("the token endpoint " + tokenUrl + " did not answer after "
                        + attempt + " attempt(s): " + describe(cause), cause);
            }
            try {
                sleeper.sleep(retry.backoff(attempt, retryAfter, random));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExchangeUnavailableException("interrupted while fetching a token", e);
            }
        }
    }

    private HttpRequest request() {
        String credentials = encode(clientId) + ":" + encode(clientSecret.reveal());
        return HttpRequest.newBuilder(tokenUrl)
                .timeout(requestTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
    }

    private void accept(String body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new AuthenticationException("the token endpoint answered something that is not a token response");
        }
        JsonNode accessToken = node == null ? null : node.get("access_token");
        if (accessToken == null || !accessToken.isString() || accessToken.asString().isBlank()) {
            throw new AuthenticationException("the token endpoint answered without an access_token");
        }
        JsonNode expiresIn = node.get("expires_in");
        Duration lifetime = expiresIn != null && expiresIn.canConvertToLong() && expiresIn.asLong() > 0
                ? Duration.ofSeconds(expiresIn.asLong()) : DEFAULT_LIFETIME;
        Duration margin = lifetime.dividedBy(4);
        if (margin.compareTo(MAX_MARGIN) > 0) {
            margin = MAX_MARGIN;
        }
        token = accessToken.asString();
        refreshAt = clock.instant().plus(lifetime).minus(margin);
    }

    // RFC 6749, section 5.2: "error" is a registered code, safe to show; error_description may echo input.
    private static String errorOf(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode error = node == null ? null : node.get("error");
            return error != null && error.isString() ? ", " + error.asString().replaceAll("[^a-z_]", "") : "";
        } catch (JacksonException e) {
            return "";
        }
    }

    static String describe(Exception cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
