package eu.synergie.gateway.access;

import eu.synergie.core.notice.Classification;
import eu.synergie.core.policy.Role;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON the directory sends to Keycloak and reads back, without Keycloak. */
class KeycloakRepresentationsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void feedClientWhenMadeThenClientCredentialsOnlyWithAgencyRegionsAndAudienceInItsTokens() {
        ObjectNode client = KeycloakRepresentations.feedClient("feed-pt-pj", "PT-PJ", Set.of("MED", "EU-WEST"), "s3cret",
                "synergie-api");

        assertThat(client.path("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(client.path("standardFlowEnabled").asBoolean()).isFalse();
        assertThat(client.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(client.path("publicClient").asBoolean()).isFalse();
        assertThat(KeycloakRepresentations.carriesAgency(client, "PT-PJ")).isTrue();
        assertThat(KeycloakRepresentations.carriesAgency(client, "PT")).isFalse();
        JsonNode regions = mapper(client, "regions");
        assertThat(regions.path("config").path("claim.value").asString()).isEqualTo("[\"EU-WEST\",\"MED\"]");
        assertThat(regions.path("config").path("jsonType.label").asString()).isEqualTo("JSON");
        assertThat(client.path("protocolMappers").findValuesAsString("included.custom.audience")).containsExactly("synergie-api");
    }

    @Test
    void withRegionsWhenRegionsChangeThenACopyWithTheNewClaimValue() {
        ObjectNode client = KeycloakRepresentations.feedClient("feed-pt-pj", "PT-PJ", Set.of("MED"), "s3cret", "synergie-api");
        JsonNode mapper = mapper(client, "regions");

        JsonNode changed = KeycloakRepresentations.withRegions(mapper, Set.of("EU-CENTRAL", "EU-WEST"));

        assertThat(changed.path("config").path("claim.value").asString()).isEqualTo("[\"EU-CENTRAL\",\"EU-WEST\"]");
        assertThat(mapper.path("config").path("claim.value").asString()).as("the original untouched").isEqualTo("[\"MED\"]");
    }

    @Test
    void userWhenMadeThenAttributesOfTheExchangeAndAPassword() {
        NewUser user = new NewUser("ana.silva", "ana.silva@pj.example.pt", "Ana", "Silva", "PT-PJ", Set.of("EU-WEST"),
                Classification.RESTRICTED, Set.of(Role.ANALYST));

        ObjectNode body = KeycloakRepresentations.user(user, "initial-password", true);

        assertThat(body.path("attributes").path("agency").toString()).isEqualTo("[\"PT-PJ\"]");
        assertThat(body.path("attributes").path("regions").toString()).isEqualTo("[\"EU-WEST\"]");
        assertThat(body.path("attributes").path("clearance").toString()).isEqualTo("[\"RESTRICTED\"]");
        assertThat(body.path("credentials").get(0).path("temporary").asBoolean()).isTrue();
        assertThat(KeycloakRepresentations.belongsTo(body, "PT-PJ")).isTrue();
        assertThat(KeycloakRepresentations.belongsTo(body, "PT")).isFalse();
    }

    @Test
    void suspendWhenReinstatedThenOnlyWhatTheSuspensionMarkedComesBack() {
        ObjectNode client = (ObjectNode) JSON.readTree("{\"clientId\":\"feed-pt-pj\",\"enabled\":true}");
        ObjectNode user = (ObjectNode) JSON.readTree("{\"username\":\"ana\",\"enabled\":true,\"attributes\":{\"agency\":[\"PT-PJ\"]}}");

        KeycloakRepresentations.suspendClient(client, "PT-PJ");
        KeycloakRepresentations.suspendUser(user, "PT-PJ");

        assertThat(client.path("enabled").asBoolean()).isFalse();
        assertThat(user.path("enabled").asBoolean()).isFalse();
        assertThat(KeycloakRepresentations.suspendedWith(client, "PT-PJ")).isTrue();
        assertThat(KeycloakRepresentations.suspendedWith(client, "ES-CNP")).isFalse();
        assertThat(KeycloakRepresentations.userSuspendedWith(user, "PT-PJ")).isTrue();

        KeycloakRepresentations.reinstateClient(client);
        KeycloakRepresentations.reinstateUser(user);

        assertThat(client.path("enabled").asBoolean()).isTrue();
        assertThat(user.path("enabled").asBoolean()).isTrue();
        assertThat(KeycloakRepresentations.suspendedWith(client, "PT-PJ")).isFalse();
        assertThat(KeycloakRepresentations.userSuspendedWith(user, "PT-PJ")).isFalse();
        assertThat(user.path("attributes").path(KeycloakRepresentations.SUSPENDED_USER_ATTRIBUTE).isEmpty())
                .as("an empty list, which removes the attribute").isTrue();
        ObjectNode disabledByHand = (ObjectNode) JSON.readTree("{\"clientId\":\"feed-x\",\"enabled\":false}");
        assertThat(KeycloakRepresentations.suspendedWith(disabledByHand, "PT-PJ")).isFalse();
    }

    private static JsonNode mapper(JsonNode client, String claim) {
        for (JsonNode mapper : client.path("protocolMappers")) {
            if (KeycloakRepresentations.isHardcoded(mapper, claim)) {
                return mapper;
            }
        }
        throw new AssertionError("no " + claim + " mapper");
    }
}
