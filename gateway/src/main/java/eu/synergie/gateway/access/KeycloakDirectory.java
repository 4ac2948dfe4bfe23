package eu.synergie.gateway.access;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link IdentityDirectory} on Keycloak's admin REST API: the operations, in the exchange's words, over
 * {@link KeycloakAdmin} (transport and token), {@link KeycloakRepresentations} (JSON shapes) and
 * {@link KeycloakPages} (listings).
 *
 * <p>Why not {@code org.keycloak:keycloak-admin-client}: its 26.0.x line brings RESTEasy 6.2 (Jakarta REST
 * 3.1) while Spring Boot 4 manages {@code jakarta.ws.rs-api} 4.0, plus Jackson 2 providers, Apache
 * HttpClient 4, JAXB's XJC tool chain and about forty jars in all, for the eleven calls made here. These
 * calls are plain JSON over HTTP, documented in the Admin REST API reference, and stable across Keycloak 2x.
 *
 * @see <a href="https://www.keycloak.org/docs-api/latest/rest-api/index.html">Keycloak Admin REST API</a>
 */
final class KeycloakDirectory implements IdentityDirectory {

    private static final String FEED_ROLE = "agency-feed";

    private final KeycloakAdmin admin;
    private final String audience;

    KeycloakDirectory(KeycloakAdmin admin, String audience) {
        this.admin = admin;
        this.audience = audience;
    }

    @Override
    public boolean createFeedClient(String agency, Set<String> regions, String secret) {
        String clientId = IdentityDirectory.feedClientId(agency);
        if (client(clientId).isPresent()) {
            return false;
        }
        String id = admin.create("create client " + clientId, "/clients",
                KeycloakRepresentations.feedClient(clientId, agency, regions, secret, audience));
        try {
            JsonNode serviceAccount = admin.get("service account of " + clientId, "/clients/" + id + "/service-account-user");
            JsonNode role = admin.get("role " + FEED_ROLE, "/roles/" + FEED_ROLE);
            admin.post("grant " + FEED_ROLE + " to " + clientId, "/users/" + serviceAccount.get("id").asString()
                    + "/role-mappings/realm", KeycloakRepresentations.list(List.of(role)));
        } catch (AccessException e) {
            // A feed client without its role would look onboarded and be refused at every publication: undo it,
            // so that a retry starts from nothing.
            try {
                admin.delete("delete half-made client " + clientId, "/clients/" + id);
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
        admin.put("set the secret of " + client.get("clientId").asString(), "/clients/" + client.get("id").asString(), client);
        return true;
    }

    @Override
    public void alignRegions(String agency, Set<String> regions) {
        for (JsonNode client : clientsOf(agency)) {
            for (JsonNode mapper : client.path("protocolMappers")) {
                if (KeycloakRepresentations.isHardcoded(mapper, "regions")) {
                    admin.put("set the regions of " + client.get("clientId").asString(), "/clients/" + client.get("id").asString()
                            + "/protocol-mappers/models/" + mapper.get("id").asString(),
                            KeycloakRepresentations.withRegions(mapper, regions));
                }
            }
        }
    }

    @Override
    public String createUser(NewUser user, String password, boolean temporaryPassword) {
        String id = admin.create("create user " + user.username(), "/users",
                KeycloakRepresentations.user(user, password, temporaryPassword));
        List<JsonNode> roles = new ArrayList<>();
        user.roles().forEach(role -> roles.add(admin.get("role " + role.roleName(), "/roles/" + role.roleName())));
        // Keycloak ignores realm roles in a created user's representation: they are mapped separately.
        admin.post("grant roles to " + user.username(), "/users/" + id + "/role-mappings/realm",
                KeycloakRepresentations.list(roles));
        return id;
    }

    @Override
    public AccountCount disableAgency(String agency) {
        int clients = 0;
        for (JsonNode found : clientsOf(agency)) {
            ObjectNode client = (ObjectNode) found;
            if (client.path("enabled").asBoolean()) {
                KeycloakRepresentations.suspendClient(client, agency);
                admin.put("disable client " + client.get("clientId").asString(), "/clients/" + client.get("id").asString(), client);
                clients++;
            }
        }
        int users = 0;
        for (JsonNode found : usersOf(agency)) {
            ObjectNode user = (ObjectNode) found;
            if (user.path("enabled").asBoolean()) {
                KeycloakRepresentations.suspendUser(user, agency);
                String id = user.get("id").asString();
                admin.put("disable user " + user.get("username").asString(), "/users/" + id, user);
                // Refresh tokens and SSO sessions end now; access tokens already out live their short lifespan.
                admin.post("end the sessions of " + user.get("username").asString(), "/users/" + id + "/logout", null);
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
            if (KeycloakRepresentations.suspendedWith(client, agency)) {
                KeycloakRepresentations.reinstateClient(client);
                admin.put("enable client " + client.get("clientId").asString(), "/clients/" + client.get("id").asString(), client);
                clients++;
            }
        }
        int users = 0;
        for (JsonNode found : usersOf(agency)) {
            ObjectNode user = (ObjectNode) found;
            if (KeycloakRepresentations.userSuspendedWith(user, agency)) {
                KeycloakRepresentations.reinstateUser(user);
                admin.put("enable user " + user.get("username").asString(), "/users/" + user.get("id").asString(), user);
                users++;
            }
        }
        return new AccountCount(clients, users);
    }

    @Override
    public Optional<String> unreachableReason() {
        return admin.unreachableReason();
    }

    /** Every client whose tokens carry {@code agency} as their hard-coded {@code agency} claim. */
    private List<JsonNode> clientsOf(String agency) {
        return KeycloakPages.all((first, max) -> admin.get("list clients", "/clients?first={first}&max={max}",
                Map.of("first", first, "max", max)), client -> KeycloakRepresentations.carriesAgency(client, agency));
    }

    /** Every user whose {@code agency} attribute is exactly {@code agency}. */
    private List<JsonNode> usersOf(String agency) {
        return KeycloakPages.all((first, max) -> admin.get("list users of " + agency,
                "/users?briefRepresentation=false&first={first}&max={max}&q={q}",
                Map.of("first", first, "max", max, "q", "agency:" + agency)), user -> KeycloakRepresentations.belongsTo(user, agency));
    }

    private Optional<JsonNode> client(String clientId) {
        JsonNode found = admin.get("find client " + clientId, "/clients?clientId={id}", Map.of("id", clientId));
        for (JsonNode client : found) {
            if (clientId.equals(client.path("clientId").asString(""))) {
                return Optional.of(client);
            }
        }
        return Optional.empty();
    }
}
