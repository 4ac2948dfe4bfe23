package eu.synergie.gateway;

import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.infra.SharedStack;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Access administration on the real Keycloak: onboarding creates a feed client whose token carries the
 * agency, its regions and the feed role, and publishes; a region granted reaches the next token; a user
 * created through the API logs in with the claims asked for; suspension locks both out, reinstatement lets
 * them back in.
 */
class AccessAdminIT extends GatewayIntegrationTest {

    /** Registered by this test only, and absent from the demo realm: its feed client is made by onboarding. */
    private static final String AGENCY = "PT-PJ";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void onboardCreateUserSuspendReinstateThenKeycloakFollows() throws Exception {
        String admin = SharedStack.keycloak().passwordGrant("amelie.roux", "demo");

        // Onboarding: the feed client is created, and its secret shown once.
        HttpResponse<String> onboarded = send(admin, "POST", "/api/v1/trust/agencies",
                "{\"code\":\"" + AGENCY + "\",\"name\":\"Polícia Judiciária\",\"regions\":[\"EU-WEST\"]}");
        assertThat(onboarded.statusCode()).as(onboarded.body()).isEqualTo(201);
        JsonNode feedClient = JSON.readTree(onboarded.body()).path("feedClient");
        assertThat(feedClient.path("clientId").asString()).isEqualTo("feed-pt-pj");
        String secret = feedClient.path("clientSecret").asString();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(40);

        String feedToken = SharedStack.keycloak().clientCredentials("feed-pt-pj", secret);
        JsonNode feed = claims(feedToken);
        assertThat(feed.path("agency").asString()).isEqualTo(AGENCY);
        assertThat(strings(feed.path("regions"))).containsExactly("EU-WEST");
        assertThat(strings(feed.path("realm_access").path("roles"))).contains("agency-feed");
        assertThat(feed.toString()).contains("synergie-api");

        // The feed publishes with that token and a certificate of the agency.
        KeyCredential credential = TestEnvelopes.agency(trust, AGENCY, Set.of("EU-WEST"));
        UUID noticeId = UUID.randomUUID();
        HttpResponse<String> published = publish(feedToken, TestEnvelopes.seal(
                TestEnvelopes.notice(noticeId, AGENCY, "EU-WEST", "Branqueamento " + noticeId), credential,
                keys.regions().recipientCertificate("EU-WEST").orElseThrow()));
        assertThat(published.statusCode()).as(published.body()).isEqualTo(202);

        // A region granted in the registry reaches the feed client's next token.
        assertThat(send(admin, "PUT", "/api/v1/trust/agencies/" + AGENCY + "/regions/MED", "").statusCode()).isEqualTo(200);
        assertThat(strings(claims(SharedStack.keycloak().clientCredentials("feed-pt-pj", secret)).path("regions")))
                .containsExactlyInAnyOrder("EU-WEST", "MED");

        // An analyst of the agency: created with the attributes asked for, and able to log in and search.
        HttpResponse<String> created = send(admin, "POST", "/api/v1/access/users", """
                {"username":"rui.costa","email":"rui.costa@pj.example","firstName":"Rui","lastName":"Costa",
                 "agency":"PT-PJ","regions":["EU-WEST"],"clearance":"CONFIDENTIAL","roles":["analyst"],
                 "temporaryPassword":false}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String password = JSON.readTree(created.body()).path("initialPassword").asString();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        String analystToken = SharedStack.keycloak().passwordGrant("rui.costa", password);
        JsonNode analyst = claims(analystToken);
        assertThat(analyst.path("agency").asString()).isEqualTo(AGENCY);
        assertThat(strings(analyst.path("regions"))).containsExactly("EU-WEST");
        assertThat(analyst.path("clearance").asString()).isEqualTo("CONFIDENTIAL");
        assertThat(strings(analyst.path("realm_access").path("roles"))).contains("analyst").doesNotContain("trust-admin");
        assertThat(searchStatus(analystToken)).as("the gateway accepts the new analyst's token").isEqualTo(200);

        // A second analyst, disabled by an administrator for her own reasons before the suspension.
        HttpResponse<String> second = send(admin, "POST", "/api/v1/access/users", """
                {"username":"ana.lopes","email":"ana.lopes@pj.example","firstName":"Ana","lastName":"Lopes",
                 "agency":"PT-PJ","regions":["EU-WEST"],"clearance":"RESTRICTED","roles":["analyst"],
                 "temporaryPassword":false}""");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        String secondPassword = JSON.readTree(second.body()).path("initialPassword").asString();
        disableInKeycloak(JSON.readTree(second.body()).path("id").asString());
        assertThatThrownBy(() -> SharedStack.keycloak().passwordGrant("ana.lopes", secondPassword)).hasMessageContaining("refused");

        // Suspension: neither the feed client nor the analyst gets a token any more.
        HttpResponse<String> suspended = send(admin, "POST", "/api/v1/trust/agencies/" + AGENCY + "/suspension", "");
        assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);
        assertThatThrownBy(() -> SharedStack.keycloak().clientCredentials("feed-pt-pj", secret))
                .hasMessageContaining("refused");
        assertThatThrownBy(() -> SharedStack.keycloak().passwordGrant("rui.costa", password))
                .hasMessageContaining("refused");
        // Other agencies' accounts are untouched.
        assertThat(SharedStack.keycloak().clientCredentials("feed-fr-dgpn", "demo-secret-fr-dgpn")).isNotBlank();

        // Reinstatement: both are back, with the same secret and password.
        HttpResponse<String> reinstated = send(admin, "DELETE", "/api/v1/trust/agencies/" + AGENCY + "/suspension", "");
        assertThat(reinstated.statusCode()).as(reinstated.body()).isEqualTo(200);
        assertThat(claims(SharedStack.keycloak().clientCredentials("feed-pt-pj", secret)).path("agency").asString())
                .isEqualTo(AGENCY);
        assertThat(SharedStack.keycloak().passwordGrant("rui.costa", password)).isNotBlank();
        assertThatThrownBy(() -> SharedStack.keycloak().passwordGrant("ana.lopes", secondPassword))
                .as("reinstatement re-enables only what the suspension disabled").hasMessageContaining("refused");

        // A new feed secret replaces the old one.
        HttpResponse<String> reset = send(admin, "POST", "/api/v1/access/feeds/" + AGENCY + "/secret", "");
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        String newSecret = JSON.readTree(reset.body()).path("clientSecret").asString();
        assertThat(SharedStack.keycloak().clientCredentials("feed-pt-pj", newSecret)).isNotBlank();
        assertThatThrownBy(() -> SharedStack.keycloak().clientCredentials("feed-pt-pj", secret)).hasMessageContaining("refused");
    }

    @Test
    void createUserWhenRegionOutsideTheAgencyOrUnknownAgencyOrTakenNameThenProblem() throws Exception {
        String admin = SharedStack.keycloak().passwordGrant("markus.schmidt", "demo");
        if (trust.registry().agency("DE-BKA").isEmpty()) {
            trust.register("DE-BKA", "Bundeskriminalamt", Set.of("EU-CENTRAL"), "test");
        }

        HttpResponse<String> outside = send(admin, "POST", "/api/v1/access/users", user("anna.richter", "DE-BKA", "MED"));
        assertThat(outside.statusCode()).isEqualTo(422);
        assertThat(outside.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(outside.body()).contains("MED").contains("DE-BKA");

        HttpResponse<String> unknown = send(admin, "POST", "/api/v1/access/users", user("anna.richter", "XX-NONE", "EU-CENTRAL"));
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("not registered");

        HttpResponse<String> taken = send(admin, "POST", "/api/v1/access/users", user("jonas.weber", "DE-BKA", "EU-CENTRAL"));
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(409);
        assertThat(taken.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void accessApiWhenNotTrustAdminThen403() throws Exception {
        String analyst = SharedStack.keycloak().passwordGrant("claire.martin", "demo");
        assertThat(send(analyst, "POST", "/api/v1/access/users", user("x.y", "FR-DGPN", "EU-WEST")).statusCode()).isEqualTo(403);
        assertThat(send(analyst, "POST", "/api/v1/access/feeds/FR-DGPN/secret", "").statusCode()).isEqualTo(403);
        String feed = SharedStack.keycloak().clientCredentials("feed-fr-dgpn", "demo-secret-fr-dgpn");
        assertThat(send(feed, "POST", "/api/v1/access/agencies/FR-DGPN/sync", "").statusCode()).isEqualTo(403);
    }

    /** Disables a user straight through Keycloak's admin API, as the realm's administrator would in its console. */
    private void disableInKeycloak(String userId) throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                + URLEncoder.encode(SharedStack.keycloak().adminPassword(), StandardCharsets.UTF_8);
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(SharedStack.keycloak().url()
                        + "/realms/master/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String master = JSON.readTree(token.body()).path("access_token").asString();
        URI user = URI.create(SharedStack.keycloak().url() + "/admin/realms/synergie/users/" + userId);
        HttpResponse<String> current = http.send(HttpRequest.newBuilder(user).header("Authorization", "Bearer " + master).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        ObjectNode representation = (ObjectNode) JSON.readTree(current.body());
        representation.put("enabled", false);
        HttpResponse<String> updated = http.send(HttpRequest.newBuilder(user).header("Authorization", "Bearer " + master)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(representation.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(204);
    }

    /** A search's status, retried while the index of a fresh stack is still allocating its shards (503). */
    private int searchStatus(String token) {
        return await("a search's status other than 503").atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> send(token, "GET", "/api/v1/notices?q=x&purpose=IT-ACCESS", "").statusCode(), status -> status != 503);
    }

    private static String user(String username, String agency, String region) {
        return """
                {"username":"%s","email":"%s@example.org","firstName":"A","lastName":"B","agency":"%s",
                 "regions":["%s"],"clearance":"RESTRICTED","roles":["analyst"]}""".formatted(username, username, agency, region);
    }

    /** The token's claims, read without verification: the test only looks at what Keycloak put in. */
    private static JsonNode claims(String token) {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    private HttpResponse<String> publish(String token, byte[] envelope) throws Exception {
        return http.send(HttpRequest.newBuilder(api("/api/v1/notices")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/pkcs7-mime").POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        request = method.equals("GET") ? request.GET() : request.method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
