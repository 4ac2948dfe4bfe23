package eu.synergie.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the exchange and who the client is.
 *
 * @param server       the exchange's base URL, such as {@code https://exchange.example.eu}; the API is under {@code /api/v1}
 * @param tokenUrl     the token endpoint of the exchange's realm
 * @param clientId     the agency's feed client
 * @param clientSecret its secret
 */
public record ClientSettings(URI server, URI tokenUrl, String clientId, Secret clientSecret, Duration connectTimeout,
                             Duration requestTimeout, RetryPolicy retry) {

    public ClientSettings {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retry, "retry");
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("clientId must not be blank");
        }
        requireHttp(server, "server");
        requireHttp(tokenUrl, "tokenUrl");
    }

    /** Ten seconds to connect, thirty for an answer, and {@link RetryPolicy#defaults()}. */
    public static ClientSettings of(URI server, URI tokenUrl, String clientId, Secret clientSecret) {
        return new ClientSettings(server, tokenUrl, clientId, clientSecret, Duration.ofSeconds(10), Duration.ofSeconds(30),
                RetryPolicy.defaults());
    }

    public ClientSettings withRetry(RetryPolicy retry) {
        return new ClientSettings(server, tokenUrl, clientId, clientSecret, connectTimeout, requestTimeout, retry);
    }

    private static void requireHttp(URI uri, String name) {
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an http or https URL with a host");
        }
    }
}
