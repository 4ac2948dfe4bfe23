package eu.synergie.gateway.access;

import eu.synergie.oauth.Backoff;
import eu.synergie.oauth.ClientCredentialsGrant;
import eu.synergie.oauth.TokenEndpointUnavailableException;
import eu.synergie.oauth.TokenRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The transport to Keycloak's admin REST API: JSON over HTTP through Spring's {@link RestClient}, as the
 * gateway's own confidential client, whose token ({@link ClientCredentialsGrant}, shared with the agency-side
 * client) is kept until shortly before it expires and replaced when the API refuses it. Every failure becomes an
 * {@link AccessException}: 409 a conflict, 400 an invalid request, anything else (including our own credentials
 * refused) unavailable, with the details in the log only, never a secret or a token.
 *
 * @see <a href="https://www.keycloak.org/docs-api/latest/rest-api/index.html">Keycloak Admin REST API</a>
 */
final class KeycloakAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(KeycloakAdmin.class);

    private final AccessProperties properties;
    private final RestClient http;
    private final ClientCredentialsGrant tokens;
    private final String admin;

    KeycloakAdmin(AccessProperties properties) {
        this.properties = properties;
        HttpClient client = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(properties.timeout());
        this.http = RestClient.builder().requestFactory(requests).build();
        // No retry here: an administration request answers 503 at once and is safe to send again.
        this.tokens = new ClientCredentialsGrant(client, properties.tokenEndpoint(), properties.clientId(),
                properties.clientSecret(), properties.timeout(), Backoff.NONE);
        this.admin = properties.adminApi().toString();
    }

    JsonNode get(String what, String path, Map<String, ?> variables) {
        return call(what, token -> http.get().uri(admin + path, variables).headers(h -> h.setBearerAuth(token))
                .retrieve().body(JsonNode.class));
    }

    JsonNode get(String what, String path) {
        return get(what, path, Map.of());
    }

    /** Creates what {@code body} represents under {@code path}; answers its id, from the answer's {@code Location}. */
    String create(String what, String path, JsonNode body) {
        URI location = call(what, token -> http.post().uri(admin + path).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity().getHeaders().getLocation());
        if (location == null) {
            throw new AccessException(AccessException.Kind.UNAVAILABLE, "Keycloak created the account but did not say where");
        }
        String created = location.getPath();
        return created.substring(created.lastIndexOf('/') + 1);
    }

    void put(String what, String path, JsonNode body) {
        call(what, token -> http.put().uri(admin + path).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity());
    }

    /** A POST, with a JSON body or none. */
    void post(String what, String path, JsonNode body) {
        call(what, token -> {
            RestClient.RequestBodySpec request = http.post().uri(admin + path).headers(h -> h.setBearerAuth(token));
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            return request.retrieve().toBodilessEntity();
        });
    }

    void delete(String what, String path) {
        call(what, token -> http.delete().uri(admin + path).headers(h -> h.setBearerAuth(token)).retrieve().toBodilessEntity());
    }

    /** Whether the realm answers at all (its discovery document, no token needed). */
    Optional<String> unreachableReason() {
        URI issuer = properties.issuer();
        try {
            http.get().uri(issuer + "/.well-known/openid-configuration").retrieve().toBodilessEntity();
            return Optional.empty();
        } catch (RestClientResponseException e) {
            return Optional.of("the realm's discovery document answered HTTP " + e.getStatusCode().value());
        } catch (ResourceAccessException e) {
            return Optional.of("no answer from " + issuer.getHost() + ":" + issuer.getPort());
        }
    }

    private <T> T call(String what, Function<String, T> request) {
        String token = token();
        try {
            return request.apply(token);
        } catch (RestClientResponseException e) {
            HttpStatusCode status = e.getStatusCode();
            LOG.warn("Keycloak refused to {}: HTTP {} {}", what, status.value(), e.getResponseBodyAsString());
            if (status.value() == 409) {
                throw new AccessException(AccessException.Kind.CONFLICT, "cannot " + what + ": it already exists");
            }
            if (status.value() == 400) {
                throw new AccessException(AccessException.Kind.INVALID, "cannot " + what + ": Keycloak refused the request ("
                        + errorMessage(e) + ")");
            }
            if (status.value() == 401) {
                tokens.refused(token);
            }
            throw new AccessException(AccessException.Kind.UNAVAILABLE, "cannot " + what + ": Keycloak answered HTTP " + status.value());
        } catch (ResourceAccessException e) {
            LOG.warn("Keycloak did not answer to {}: {}", what, e.getMessage());
            throw new AccessException(AccessException.Kind.UNAVAILABLE, "cannot " + what + ": Keycloak does not answer");
        }
    }

    private String token() {
        try {
            return tokens.token();
        } catch (TokenRefusedException e) {
            // Never the secret or the answer's token; the status says enough (401: wrong client secret).
            LOG.error("Keycloak refused the gateway's client {}: HTTP {}", properties.clientId(), e.status());
            throw new AccessException(AccessException.Kind.UNAVAILABLE, "the identity provider refused the gateway's credentials");
        } catch (TokenEndpointUnavailableException e) {
            LOG.warn("no token for the gateway's client {}: {}", properties.clientId(), e.getMessage());
            throw new AccessException(AccessException.Kind.UNAVAILABLE, "the identity provider does not answer");
        }
    }

    private static String errorMessage(RestClientResponseException e) {
        try {
            JsonNode body = e.getResponseBodyAs(JsonNode.class);
            String message = body == null ? "" : body.path("errorMessage").asString(body.path("error").asString(""));
            // Keycloak's messages name the field (e.g. "error-invalid-email"); keep them short and printable.
            String printable = message.replaceAll("[^\\w .:-]", "");
            return printable.substring(0, Math.min(printable.length(), 120));
        } catch (RuntimeException ignored) {
            return "no reason given";
        }
    }
}
