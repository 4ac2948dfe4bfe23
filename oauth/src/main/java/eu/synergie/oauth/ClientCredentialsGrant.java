package eu.synergie.oauth;

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

/**
 * Access tokens from an OAuth 2.0 token endpoint by the client-credentials grant (RFC 6749, section 4.4), the
 * client authenticating with HTTP Basic (section 2.3.1, which every authorization server must support). A token
 * is reused until shortly before it expires (a quarter of its lifetime, at most 30 seconds, before
 * {@code expires_in} runs out), or until its user says it was refused; then it is fetched anew, one request at a
 * time however many threads ask. A 4xx answer (but 429) is a refusal, reported at once; a connection failure,
 * 429 or 5xx is tried again as the {@link Backoff} says.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.4">RFC 6749, section 4.4</a>
 */
public final class ClientCredentialsGrant {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration MAX_MARGIN = Duration.ofSeconds(30);
    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(1);

    private final HttpClient http;
    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final Duration requestTimeout;
    private final Backoff backoff;
    private final InstantSource clock;
    private final Pause pause;

    private String token;
    private Instant refreshAt = Instant.MIN;

    public ClientCredentialsGrant(HttpClient http, URI tokenUrl, String clientId, String clientSecret,
                                  Duration requestTimeout, Backoff backoff) {
        this(http, tokenUrl, clientId, clientSecret, requestTimeout, backoff, InstantSource.system(), Pause.THREAD);
    }

    public ClientCredentialsGrant(HttpClient http, URI tokenUrl, String clientId, String clientSecret,
                                  Duration requestTimeout, Backoff backoff, InstantSource clock, Pause pause) {
        this.http = Objects.requireNonNull(http, "http");
        this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    /**
     * A token valid for a while yet.
     *
     * @throws TokenRefusedException            if the token endpoint refuses the client
     * @throws TokenEndpointUnavailableException if it cannot be reached through every attempt allowed
     */
    public synchronized String token() {
        if (token == null || !clock.instant().isBefore(refreshAt)) {
            fetch();
        }
        return token;
    }

    /** The resource server refused {@code refused} (HTTP 401): if it is the current token, the next one is fetched anew. */
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
                if (status != 429 && status < 500) {
                    throw new TokenRefusedException(status, "the token endpoint refused client " + clientId + " (HTTP "
                            + status + errorOf(response.body()) + "): check the client id and secret");
                }
                cause = new IOException("HTTP " + status);
                retryAfter = RetryAfter.of(response);
            } catch (IOException e) {
                cause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TokenEndpointUnavailableException("interrupted while fetching a token", e);
            }
            Optional<Duration> next = backoff.next(attempt, retryAfter);
            if (next.isEmpty()) {
                throw new TokenEndpointUnavailableException("the token endpoint " + tokenUrl + " did not answer after "
                        + attempt + " attempt(s): " + describe(cause), cause);
            }
            try {
                pause.sleep(next.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TokenEndpointUnavailableException("interrupted while fetching a token", e);
            }
        }
    }

    private HttpRequest request() {
        String credentials = encode(clientId) + ":" + encode(clientSecret);
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
            throw new TokenRefusedException(200, "the token endpoint answered something that is not a token response");
        }
        JsonNode accessToken = node == null ? null : node.get("access_token");
        if (accessToken == null || !accessToken.isString() || accessToken.asString().isBlank()) {
            throw new TokenRefusedException(200, "the token endpoint answered without an access_token");
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

    private static String describe(Exception cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
