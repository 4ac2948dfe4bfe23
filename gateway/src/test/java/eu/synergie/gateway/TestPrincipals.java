package eu.synergie.gateway;

import eu.synergie.infra.KeycloakServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test-only principals made in the running Keycloak through its admin REST API, for the cases the demo
 * realm deliberately lacks: a user with a rate limit of its own, and a client whose tokens are genuine
 * but not meant for this API (no {@code synergie-api} audience). Created if missing, so a test may run twice.
 */
final class TestPrincipals {

    /** The subject that {@link GatewayIntegrationTest} gives a tiny rate limit; roles analyst and agency-feed. */
    static final String RATE_PROBE = "it-rate-probe";
    static final String RATE_PROBE_PASSWORD = "it-rate-probe-password";
    /** A confidential client with the analyst role and no audience mapper. */
    static final String FOREIGN_CLIENT = "it-foreign-client";
    static final String FOREIGN_SECRET = "it-foreign-secret";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestPrincipals() {
    }

    /** A token of the rate probe user (password grant of the demo client, so it carries the API audience). */
    static synchronized String rateProbeToken(KeycloakServer keycloak) {
        String admin = adminToken(keycloak);
        String realm = keycloak.url() + "/admin/realms/" + KeycloakServer.REALM;
        send(admin, "POST", realm + "/users", Map.of("username", RATE_PROBE, "enabled", true,
                "email", RATE_PROBE + "@it.synergie.invalid", "emailVerified", true, "firstName", "Rate", "lastName", "Probe",
                "credentials", List.of(Map.of("type", "password", "value", RATE_PROBE_PASSWORD, "temporary", false))), 201, 409);
        String id = JSON.readTree(send(admin, "GET", realm + "/users?exact=true&username=" + RATE_PROBE, null, 200)).get(0).get("id").asString();
        grantRealmRoles(admin, realm, id, "analyst", "agency-feed");
        return keycloak.passwordGrant(RATE_PROBE, RATE_PROBE_PASSWORD);
    }

    /** A genuine token of the realm, signed by it, with the analyst role, whose audience is not {@code synergie-api}. */
    static synchronized String foreignAudienceToken(KeycloakServer keycloak) {
        String admin = adminToken(keycloak);
        String realm = keycloak.url() + "/admin/realms/" + KeycloakServer.REALM;
        send(admin, "POST", realm + "/clients", Map.of("clientId", FOREIGN_CLIENT, "secret", FOREIGN_SECRET,
                "publicClient", false, "serviceAccountsEnabled", true, "standardFlowEnabled", false,
                "directAccessGrantsEnabled", false, "clientAuthenticatorType", "client-secret"), 201, 409);
        String client = JSON.readTree(send(admin, "GET", realm + "/clients?clientId=" + FOREIGN_CLIENT, null, 200)).get(0).get("id").asString();
        String user = JSON.readTree(send(admin, "GET", realm + "/clients/" + client + "/service-account-user", null, 200)).get("id").asString();
        grantRealmRoles(admin, realm, user, "analyst");
        return keycloak.clientCredentials(FOREIGN_CLIENT, FOREIGN_SECRET);
    }

    /**
     * A token of a machine client made for TAXII: client credentials, the analyst role, hard-coded {@code agency},
     * {@code regions} and {@code clearance} claims like the feed clients', the API's audience, and a standing purpose
     * (claim {@code purpose}: the sharing agreement it reads under).
     */
    static synchronized String taxiiClientToken(KeycloakServer keycloak, String clientId, String agency, List<String> regions,
                                                String clearance, String purpose) {
        String admin = adminToken(keycloak);
        String realm = keycloak.url() + "/admin/realms/" + KeycloakServer.REALM;
        String secret = clientId + "-secret";
        List<Map<String, Object>> mappers = List.of(
                claim("agency", agency, "String"), claim("regions", JSON.writeValueAsString(regions), "JSON"),
                claim("clearance", clearance, "String"), claim("purpose", purpose, "String"),
                Map.of("name", "audience synergie-api", "protocol", "openid-connect", "protocolMapper", "oidc-audience-mapper",
                        "config", Map.of("included.custom.audience", "synergie-api", "access.token.claim", "true",
                                "id.token.claim", "false")));
        send(admin, "POST", realm + "/clients", Map.of("clientId", clientId, "secret", secret, "publicClient", false,
                "serviceAccountsEnabled", true, "standardFlowEnabled", false, "directAccessGrantsEnabled", false,
                "clientAuthenticatorType", "client-secret", "protocolMappers", mappers), 201, 409);
        String client = JSON.readTree(send(admin, "GET", realm + "/clients?clientId=" + clientId, null, 200)).get(0).get("id").asString();
        String user = JSON.readTree(send(admin, "GET", realm + "/clients/" + client + "/service-account-user", null, 200)).get("id").asString();
        grantRealmRoles(admin, realm, user, "analyst");
        return keycloak.clientCredentials(clientId, secret);
    }

    /** Grants realm {@code roles} to the service account of client {@code clientId} (a feed that also approves, say). */
    static synchronized void grantClientRoles(KeycloakServer keycloak, String clientId, String... roles) {
        String admin = adminToken(keycloak);
        String realm = keycloak.url() + "/admin/realms/" + KeycloakServer.REALM;
        String client = JSON.readTree(send(admin, "GET", realm + "/clients?clientId=" + clientId, null, 200)).get(0).get("id").asString();
        String user = JSON.readTree(send(admin, "GET", realm + "/clients/" + client + "/service-account-user", null, 200)).get("id").asString();
        grantRealmRoles(admin, realm, user, roles);
    }

    private static Map<String, Object> claim(String name, String value, String type) {
        return Map.of("name", name, "protocol", "openid-connect", "protocolMapper", "oidc-hardcoded-claim-mapper",
                "config", Map.of("claim.name", name, "claim.value", value, "jsonType.label", type, "access.token.claim", "true",
                        "id.token.claim", "false", "userinfo.token.claim", "false"));
    }

    /** A genuine token of Keycloak's {@code master} realm: right server, wrong issuer. */
    static String masterRealmToken(KeycloakServer keycloak) {
        return adminToken(keycloak);
    }

    private static void grantRealmRoles(String admin, String realm, String userId, String... roles) {
        List<JsonNode> representations = new ArrayList<>();
        for (String role : roles) {
            representations.add(JSON.readTree(send(admin, "GET", realm + "/roles/" + role, null, 200)));
        }
        send(admin, "POST", realm + "/users/" + userId + "/role-mappings/realm", representations, 204);
    }

    private static String adminToken(KeycloakServer keycloak) {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                + URLEncoder.encode(keycloak.adminPassword(), StandardCharsets.UTF_8);
        String body = send(null, "POST", keycloak.url() + "/realms/master/protocol/openid-connect/token", form, 200);
        return JSON.readTree(body).get("access_token").asString();
    }

    private static String send(String token, String method, String url, Object body, int... expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else if (body instanceof String form) {
            request.header("Content-Type", "application/x-www-form-urlencoded").method(method, HttpRequest.BodyPublishers.ofString(form));
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (int status : expected) {
                if (response.statusCode() == status) {
                    return response.body();
                }
            }
            throw new IllegalStateException("Keycloak admin " + method + " " + url + ": HTTP " + response.statusCode() + " " + response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak did not answer " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
