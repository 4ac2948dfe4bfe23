package eu.synergie.gateway.access;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.Set;

/**
 * The JSON shapes of Keycloak's admin API that the directory writes and reads: a feed client with its claim
 * and audience mappers, a user with its attributes, and the marks a suspension leaves on the accounts it
 * disabled. Pure: no request is made here.
 *
 * @see <a href="https://www.keycloak.org/docs-api/latest/rest-api/index.html#ClientRepresentation">ClientRepresentation</a>
 * @see <a href="https://www.keycloak.org/docs-api/latest/rest-api/index.html#UserRepresentation">UserRepresentation</a>
 */
final class KeycloakRepresentations {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Marks the accounts a suspension disabled (a client attribute, and a user attribute declared admin-only). */
    static final String SUSPENDED_CLIENT_ATTRIBUTE = "synergie.suspended-with-agency";
    static final String SUSPENDED_USER_ATTRIBUTE = "suspendedWithAgency";

    private KeycloakRepresentations() {
    }

    /**
     * A confidential client for the client-credentials grant only, whose tokens carry the agency, its regions and
     * the API's audience.
     */
    static ObjectNode feedClient(String clientId, String agency, Set<String> regions, String secret, String audience) {
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
        mappers.add(JSON.objectNode().put("name", "audience " + audience).put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-audience-mapper").set("config", JSON.objectNode()
                        .put("included.custom.audience", audience).put("access.token.claim", "true")
                        .put("id.token.claim", "false").put("introspection.token.claim", "true")));
        return client;
    }

    /** An enabled user with the exchange's attributes and a password; realm roles are mapped apart (Keycloak ignores them here). */
    static ObjectNode user(NewUser user, String password, boolean temporaryPassword) {
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
        return body;
    }

    /** Realm role representations, as the role-mapping endpoint takes them. */
    static ArrayNode list(Iterable<JsonNode> nodes) {
        ArrayNode array = JSON.arrayNode();
        nodes.forEach(array::add);
        return array;
    }

    /** Whether {@code client}'s tokens carry {@code agency} as their hard-coded {@code agency} claim. */
    static boolean carriesAgency(JsonNode client, String agency) {
        for (JsonNode mapper : client.path("protocolMappers")) {
            if (isHardcoded(mapper, "agency") && agency.equals(mapper.path("config").path("claim.value").asString(""))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code user}'s {@code agency} attribute is exactly {@code agency} (Keycloak's {@code q} search is wider). */
    static boolean belongsTo(JsonNode user, String agency) {
        return contains(user.path("attributes").path("agency"), agency);
    }

    static boolean isHardcoded(JsonNode mapper, String claim) {
        return "oidc-hardcoded-claim-mapper".equals(mapper.path("protocolMapper").asString(""))
                && claim.equals(mapper.path("config").path("claim.name").asString(""));
    }

    /** A copy of a hard-coded {@code regions} claim mapper, with {@code regions} as its value. */
    static ObjectNode withRegions(JsonNode mapper, Set<String> regions) {
        ObjectNode changed = (ObjectNode) mapper.deepCopy();
        ((ObjectNode) changed.get("config")).put("claim.value", regionsJson(regions));
        return changed;
    }

    /** Disables an enabled client and marks it as disabled by the agency's suspension. */
    static void suspendClient(ObjectNode client, String agency) {
        client.put("enabled", false);
        client.withObjectProperty("attributes").put(SUSPENDED_CLIENT_ATTRIBUTE, agency);
    }

    static boolean suspendedWith(JsonNode client, String agency) {
        return agency.equals(client.path("attributes").path(SUSPENDED_CLIENT_ATTRIBUTE).asString(""));
    }

    /** Re-enables a client the suspension disabled, and clears the mark. */
    static void reinstateClient(ObjectNode client) {
        client.put("enabled", true);
        ((ObjectNode) client.get("attributes")).put(SUSPENDED_CLIENT_ATTRIBUTE, "");
    }

    static void suspendUser(ObjectNode user, String agency) {
        user.put("enabled", false);
        user.withObjectProperty("attributes").putArray(SUSPENDED_USER_ATTRIBUTE).add(agency);
    }

    static boolean userSuspendedWith(JsonNode user, String agency) {
        return contains(user.path("attributes").path(SUSPENDED_USER_ATTRIBUTE), agency);
    }

    static void reinstateUser(ObjectNode user) {
        user.put("enabled", true);
        // An empty list removes the attribute.
        ((ObjectNode) user.get("attributes")).putArray(SUSPENDED_USER_ATTRIBUTE);
    }

    private static ObjectNode hardcodedClaim(String claim, String value, String type) {
        return JSON.objectNode().put("name", claim).put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-hardcoded-claim-mapper").set("config", JSON.objectNode()
                        .put("claim.name", claim).put("claim.value", value).put("jsonType.label", type)
                        .put("access.token.claim", "true").put("id.token.claim", "false")
                        .put("userinfo.token.claim", "false").put("introspection.token.claim", "true"));
    }

    /** The regions as a JSON array in a string (the claim's value), sorted so that equal sets read the same. */
    static String regionsJson(Set<String> regions) {
        ArrayNode array = JSON.arrayNode();
        regions.stream().sorted().forEach(array::add);
        return array.toString();
    }

    private static boolean contains(JsonNode values, String value) {
        for (JsonNode v : values) {
            if (value.equals(v.asString(""))) {
                return true;
            }
        }
        return false;
    }
}
