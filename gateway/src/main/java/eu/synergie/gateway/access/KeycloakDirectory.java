package eu.synergie.gateway.access;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@link IdentityDirectory} on Keycloak's admin REST API, through Spring's {@link RestClient}.
 *
 * <p>Why not {@code org.keycloak:keycloak-admin-client}: its 26.0.x line brings RESTEasy 6.2 (Jakarta REST
 * 3.1) while Spring Boot 4 manages {@code jakarta.ws.rs-api} 4.0, plus Jackson 2 providers, Apache
 * HttpClient 4, JAXB's XJC tool chain and about forty jars in all, for the eleven calls made here. These
 * calls are plain JSON over HTTP, documented in the Admin REST API reference, and stable across Keycloak 2x.
 *
 * <p>The gateway authenticates as its own confidential client (client credentials); the token is kept
 * until 30 seconds before it expires. Any answer other than the expected one becomes an
 * {@link AccessException}: 409 a conflict, 400 an invalid request, anything else (including our own
 * credentials refused) unavailable, with the details in the log only.
 *
 * @see <a href="https://www.keycloak.org/docs-api/latest/rest-api/index.html">Keycloak Admin REST API</a>
 */
final class KeycloakDirectory implements IdentityDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(KeycloakDirectory.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String FEED_ROLE = "agency-feed";
    /** Marks the accounts a suspension disabled (a client attribute, and a user attribute declared admin-only). */
    static final String SUSPENDED_CLIENT_ATTRIBUTE = "synergie.suspended-with-agency";
    static final String SUSPENDED_USER_ATTRIBUTE = "suspendedWithAgency";
    private static final int PAGE = 100;

    private final AccessProperties properties;
    private final RestClient http;
    private final String admin;
    private String token;
    private Instant tokenExpiry = Instant.MIN;

    KeycloakDirectory(AccessProperties properties) {
        this.properties = properties;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(properties.timeout()).build());
        requests.setReadTimeout(properties.timeout());
        this.http = RestClient.builder().requestFactory(requests).build();
        String issuer = properties.issuer().toString().replaceAll("/+$", "");
        int realms = issuer.lastIndexOf("/realms/");
        if (realms < 0) {
            throw new IllegalArgumentException("synergie.access.issuer must end with /realms/<realm>, not " + issuer);
        }
        this.admin = issuer.substring(0, realms) + "/admin" + issuer.substring(realms);
    }

    @Override
    public boolean createFeedClient(String agency, Set<String> regions, String secret) {
        String clientId = IdentityDirectory.feedClientId(agency);
        if (client(clientId).isPresent()) {
            return false;
        }
        ObjectNode client = JSON.objectNode()
                .put("clientId", clientId)
                .put("name", "Feed " + agency)
                .put("enabled", true)
                .put("protocol", "openid-connect")
                .put("publicClient", false)
                .put("clientAuthenticatorType", "client-secret")
                .put("secret", secret)
                .put("serviceAccountsEnabled", true)
                .put("standardFlowEnabled", false)
                .put("implicitFlowEnabled", false)
                .put("directAccessGrantsEnabled", false);
        ArrayNode mappers = client.putArray("protocolMappers");
        mappers.add(hardcodedClaim("agency", agency, "String"));
        mappers.add(hardcodedClaim("regions", regionsJson(regions), "JSON"));
        mappers.add(JSON.objectNode().put("name", "audience " + properties.audience()).put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-audience-mapper").set("config", JSON.objectNode()
                        .put("included.custom.audience", properties.audience()).put("access.token.claim", "true")
                        .put("id.token.claim", "false").put("introspection.token.claim", "true")));
        String id = idFromLocation(call("create client " + clientId, () -> http.post().uri(admin + "/clients")
                .headers(h -> h.setBearerAuth(token())).contentType(MediaType.APPLICATION_JSON).body(client)
                .retrieve().toBodilessEntity().getHeaders().getLocation()));
        try {
            JsonNode serviceAccount = get("service account of " + clientId, "/clients/" + id + "/service-account-user");
            JsonNode role = get("role " + FEED_ROLE, "/roles/" + FEED_ROLE);
            post("grant " + FEED_ROLE + " to " + clientId, "/users/" + serviceAccount.get("id").asString()
                    + "/role-mappings/realm", JSON.arrayNode().add(role));
        } catch (AccessException e) {
            // A feed client without its role would look onboarded and be refused at every publication: undo it,
            // so that a retry starts from nothing.
            try {
                call("delete half-made client " + clientId, () -> http.delete().uri(admin + "/clients/" + id)
                        .headers(h -> h.setBearerAuth(token())).retrieve().toBodilessEntity());
            } catch (AccessException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return true;
    }

    @Override
    public boolean resetFeedSecret(String agency, String secret) {
        Optional<JsonNode> found = client(IdentityDirectory.feedClientId(agency));
        if (found.isEmpty()) {
            return false;
        }
        ObjectNode client = (ObjectNode) found.get();
        client.put("secret", secret);
        put("set the secret of " + client.get("clientId").asString(), "/clients/" + client.get("id").asString(), client);
        return true;
    }

    @Override
    public void alignRegions(String agency, Set<String> regions) {
        for (JsonNode client : clientsOf(agency)) {
            for (JsonNode mapper : client.path("protocolMappers")) {
                if (isHardcoded(mapper, "regions")) {
                    ObjectNode changed = (ObjectNode) mapper.deepCopy();
                    ((ObjectNode) changed.get("config")).put("claim.value", regionsJson(regions));
                    put("set the regions of " + client.get("clientId").asString(), "/clients/" + client.get("id").asString()
                            + "/protocol-mappers/models/" + mapper.get("id").asString(), changed);
                }
            }
        }
    }

    @Override
    public String createUser(NewUser user, String password, boolean temporaryPassword) {
        ObjectNode body = JSON.objectNode()
                .put("username", user.username())
                .put("email", user.email())
                .put("firstName", user.firstName())
                .put("lastName", user.lastName())
                .put("enabled", true)
                .put("emailVerified", false);
        ObjectNode attributes = body.putObject("attributes");
        attributes.putArray("agency").add(user.agency());
        ArrayNode regions = attributes.putArray("regions");
        user.regions().forEach(regions::add);
        attributes.putArray("clearance").add(user.clearance().name());
        body.putArray("credentials").add(JSON.objectNode().put("type", "password").put("value", password)
                .put("temporary", temporaryPassword));
        String id = idFromLocation(call("create user " + user.username(), () -> http.post().uri(admin + "/users")
                .headers(h -> h.setBearerAuth(token())).contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toBodilessEntity().getHeaders().getLocation()));
        ArrayNode roles = JSON.arrayNode();
        user.roles().forEach(role -> roles.add(get("role " + role.roleName(), "/roles/" + role.roleName())));
        // Keycloak ignores realm roles in a created user's representation: they are mapped separately.
        post("grant roles to " + user.username(), "/users/" + id + "/role-mappings/realm", roles);
        return id;
    }

    @Override
    public AccountCount disableAgency(String agency) {
        int clients = 0;
        for (JsonNode found : clientsOf(agency)) {
            ObjectNode client = (ObjectNode) found;
            if (client.path("enabled").asBoolean()) {
                client.put("enabled", false);
                client.withObjectProperty("attributes").put(SUSPENDED_CLIENT_ATTRIBUTE, agency);
                put("disable client " + client.get("clientId").asString(), "/clients/" + client.get("id").asString(), client);
                clients++;
            }
        }
        int users = 0;
        for (ObjectNode user : usersOf(agency)) {
            if (user.path("enabled").asBoolean()) {
                user.put("enabled", false);
                user.withObjectProperty("attributes").putArray(SUSPENDED_USER_ATTRIBUTE).add(agency);
                String id = user.get("id").asString();
                put("disable user " + user.get("username").asString(), "/users/" + id, user);
                // Refresh tokens and SSO sessions end now; access tokens already out live their short lifespan.
                post("end the sessions of " + user.get("username").asString(), "/users/" + id + "/logout", null);
                users++;
            }
        }
        return new AccountCount(clients, users);
    }

    @Override
    public AccountCount enableAgency(String agency) {
        int clients = 0;
        for (JsonNode found : clientsOf(agency)) {
            ObjectNode client = (ObjectNode) found;
            if (agency.equals(client.path("attributes").path(SUSPENDED_CLIENT_ATTRIBUTE).asString(""))) {
                client.put("enabled", true);
                ((ObjectNode) client.get("attributes")).put(SUSPENDED_CLIENT_ATTRIBUTE, "");
                put("enable client " + client.get("clientId").asString(), "/clients/" + client.get("id").asString(), client);
                clients++;
            }
        }
        int users = 0;
        for (ObjectNode user : usersOf(agency)) {
            if (contains(user.path("attributes").path(SUSPENDED_USER_ATTRIBUTE), agency)) {
                user.put("enabled", true);
                // An empty list removes the attribute.
                ((ObjectNode) user.get("attributes")).putArray(SUSPENDED_USER_ATTRIBUTE);
                put("enable user " + user.get("username").asString(), "/users/" + user.get("id").asString(), user);
                users++;
            }
        }
        return new AccountCount(clients, users);
    }

    @Override
    public Optional<String> unreachableReason() {
        try {
            http.get().uri(properties.issuer() + "/.well-known/openid-configuration").retrieve().toBodilessEntity();
            return Optional.empty();
        } catch (RestClientResponseException e) {
            return Optional.of("the realm's discovery document answered HTTP " + e.getStatusCode().value());
        } catch (ResourceAccessException e) {
            return Optional.of("no answer from " + properties.issuer().getHost() + ":" + properties.issuer().getPort());
        }
    }

    /** Every client whose tokens carry {@code agency} as their hard-coded {@code agency} claim. */
    private List<JsonNode> clientsOf(String agency) {
        List<JsonNode> clients = new ArrayList<>();
        for (int first = 0; ; first += PAGE) {
            JsonNode page = get("list clients", "/clients?first=" + first + "&max=" + PAGE);
            for (JsonNode client : page) {
                for (JsonNode mapper : client.path("protocolMappers")) {
                    if (isHardcoded(mapper, "agency") && agency.equals(mapper.path("config").path("claim.value").asString(""))) {
                        clients.add(client);
                        break;
                    }
                }
            }
            if (page.size() < PAGE) {
                return clients;
            }
        }
    }

    /** Every user whose {@code agency} attribute is exactly {@code agency} (Keycloak's {@code q} search is wider). */
    private List<ObjectNode> usersOf(String agency) {
        List<ObjectNode> users = new ArrayList<>();
        for (int first = 0; ; first += PAGE) {
            int offset = first;
            JsonNode page = call("list users of " + agency, () -> http.get().uri(admin + "/users?briefRepresentation=false"
                            + "&first={first}&max={max}&q={q}", Map.of("first", offset, "max", PAGE, "q", "agency:" + agency))
                    .headers(h -> h.setBearerAuth(token())).retrieve().body(JsonNode.class));
            for (JsonNode user : page) {
                if (contains(user.path("attributes").path("agency"), agency)) {
                    users.add((ObjectNode) user);
                }
            }
            if (page.size() < PAGE) {
                return users;
            }
        }
    }

    private Optional<JsonNode> client(String clientId) {
        JsonNode found = call("find client " + clientId, () -> http.get().uri(admin + "/clients?clientId={id}", clientId)
                .headers(h -> h.setBearerAuth(token())).retrieve().body(JsonNode.class));
        for (JsonNode client : found) {
            if (clientId.equals(client.path("clientId").asString(""))) {
                return Optional.of(client);
            }
        }
        return Optional.empty();
    }

    private static boolean isHardcoded(JsonNode mapper, String claim) {
        return "oidc-hardcoded-claim-mapper".equals(mapper.path("protocolMapper").asString(""))
                && claim.equals(mapper.path("config").path("claim.name").asString(""));
    }

    private static boolean contains(JsonNode values, String value) {
        for (JsonNode v : values) {
            if (value.equals(v.asString(""))) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode hardcodedClaim(String claim, String value, String type) {
        return JSON.objectNode().put("name", claim).put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-hardcoded-claim-mapper").set("config", JSON.objectNode()
                        .put("claim.name", claim).put("claim.value", value).put("jsonType.label", type)
                        .put("access.token.claim", "true").put("id.token.claim", "false")
                        .put("userinfo.token.claim", "false").put("introspection.token.claim", "true"));
    }

    private static String regionsJson(Set<String> regions) {
        ArrayNode array = JSON.arrayNode();
        regions.stream().sorted().forEach(array::add);
        return array.toString();
    }

    private static String idFromLocation(URI location) {
        if (location == null) {
            throw new AccessException(AccessException.Kind.UNAVAILABLE, "Keycloak created the account but did not say where");
        }
        String path = location.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private JsonNode get(String what, String path) {
        return call(what, () -> http.get().uri(admin + path).headers(h -> h.setBearerAuth(token()))
                .retrieve().body(JsonNode.class));
    }

    private void put(String what, String path, JsonNode body) {
        call(what, () -> http.put().uri(admin + path).headers(h -> h.setBearerAuth(token()))
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity());
    }

    private void post(String what, String path, JsonNode body) {
        call(what, () -> {
            RestClient.RequestBodySpec request = http.post().uri(admin + path).headers(h -> h.setBearerAuth(token()));
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            return request.retrieve().toBodilessEntity();
        });
    }

    private <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
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
                synchronized (this) {
                    tokenExpiry = Instant.MIN;
                }
            }
            throw new AccessException(AccessException.Kind.UNAVAILABLE, "cannot " + what + ": Keycloak answered HTTP " + status.value());
        } catch (ResourceAccessException e) {
            LOG.warn("Keycloak did not answer to {}: {}", what, e.getMessage());
            throw new AccessException(AccessException.Kind.UNAVAILABLE, "cannot " + what + ": Keycloak does not answer");
        }
    }

    private static String errorMessage(RestClientResponseException e) {
        try {
            JsonNode body = e.getResponseBodyAs(JsonNode.class);
            String message = body == null ? "" : body.path("errorMessage").asString(body.path("error").asString(""));
            // Keycloak's messages name the field (e.g. "error-invalid-email"); keep them short and printable.
            return message.replaceAll("[^\\w .:-]", "").substring(0, Math.min(message.length(), 120));
        } catch (RuntimeException ignored) {
            return "no reason given";
        }
    }

    private synchronized String token() {
        if (Instant.now().isBefore(tokenExpiry)) {
            return token;
        }
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        form.add("client_id", properties.clientId());
        form.add("client_secret", properties.clientSecret());
        JsonNode answer;
        try {
            answer = http.post().uri(properties.issuer() + "/protocol/openid-connect/token")
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().body(JsonNode.class);
        } catch (RestClientResponseException e) {
            // Never log the secret or the answer's token; the status says enough (401: wrong client secret).
            LOG.error("Keycloak refused the gateway's client {}: HTTP {}", properties.clientId(), e.getStatusCode().value());
            throw new AccessException(AccessException.Kind.UNAVAILABLE, "the identity provider refused the gateway's credentials");
        } catch (ResourceAccessException e) {
            throw new AccessException(AccessException.Kind.UNAVAILABLE, "the identity provider does not answer");
        }
        token = answer.path("access_token").asString("");
        tokenExpiry = Instant.now().plusSeconds(Math.max(0, answer.path("expires_in").asLong(60) - 30));
        return token;
    }
}
