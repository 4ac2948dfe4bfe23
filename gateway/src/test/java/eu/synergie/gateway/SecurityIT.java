package eu.synergie.gateway;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import eu.synergie.infra.KeycloakServer;
import eu.synergie.infra.SharedStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The door: every defective token is refused with 401, and every role is refused (403) on every
 * operation that does not list it. The operations and their roles are read from the OpenAPI
 * description the gateway serves, so the documented roles and the enforced ones cannot drift apart,
 * and an endpoint added without a role fails here.
 */
class SecurityIT extends GatewayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SEARCH = "/api/v1/notices?q=x&purpose=IT-SECURITY";
    /** One demo principal per realm role (README, "Demo logins"). */
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();
    private static KeycloakServer keycloak;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void tokens() {
        keycloak = SharedStack.all().keycloak();
        TOKENS.put("analyst", keycloak.passwordGrant("claire.martin", "demo"));
        TOKENS.put("trust-admin", keycloak.passwordGrant("markus.schmidt", "demo"));
        TOKENS.put("auditor", keycloak.passwordGrant("sophie.lambert", "demo"));
        TOKENS.put("agency-feed", keycloak.clientCredentials("feed-fr-dgpn", "demo-secret-fr-dgpn"));
        TOKENS.put("release-approver", keycloak.passwordGrant("nadia.girard", "demo"));
        TOKENS.put("partner-reporter", keycloak.passwordGrant("lea.moreau", "demo"));
    }

    @Test
    void searchWhenTokenIsGoodThenAnswered() throws Exception {
        assertThat(send("GET", SEARCH, TOKENS.get("analyst"), null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void searchWhenAlgNoneThenRefused401() throws Exception {
        String[] parts = TOKENS.get("analyst").split("\\.");
        String none = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        assertUnauthorized(none);
        assertUnauthorized(encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + "." + parts[2]);
    }

    @Test
    void searchWhenSignatureOrPayloadTamperedThenRefused401() throws Exception {
        String token = TOKENS.get("analyst");
        String[] parts = token.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 0x01;
        assertUnauthorized(parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature));

        String payload = decode(parts[1]);
        assertThat(payload).contains("CONFIDENTIAL");
        assertUnauthorized(parts[0] + "." + encode(payload.replace("CONFIDENTIAL", "SECRET")) + "." + parts[2]);
    }

    @Test
    void searchWhenIssuedByAnotherRealmOfTheSameKeycloakThenRefused401() throws Exception {
        String master = TestPrincipals.masterRealmToken(keycloak);
        assertThat(JSON.readTree(decode(master.split("\\.")[1])).get("iss").asString()).endsWith("/realms/master");
        assertUnauthorized(master);
    }

    @Test
    void searchWhenForgedWithWrongIssuerOrExpiredThenRefused401() throws Exception {
        JsonNode real = JSON.readTree(decode(TOKENS.get("analyst").split("\\.")[1]));
        assertUnauthorized(forged(c -> c.issuer("http://localhost:1/realms/synergie")));
        assertUnauthorized(forged(c -> c.expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1))))
                .issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))));
        assertThat(real.get("iss").asString()).isEqualTo(keycloak.issuer());
    }

    /** A genuine token of our realm, signed by it and unexpired, but issued for another client: only the audience is wrong. */
    @Test
    void searchWhenAudienceIsNotThisApiThenRefused401() throws Exception {
        String foreign = TestPrincipals.foreignAudienceToken(keycloak);
        JsonNode claims = JSON.readTree(decode(foreign.split("\\.")[1]));
        assertThat(claims.get("iss").asString()).isEqualTo(keycloak.issuer());
        assertThat(claims.at("/realm_access/roles").toString()).contains("analyst");
        assertThat(claims.path("aud").toString()).doesNotContain("synergie-api");
        assertUnauthorized(foreign);
    }

    @Test
    void everyOperationWhenCalledWithARoleItDoesNotListThenRefused403() throws Exception {
        JsonNode api = JSON.readTree(send("GET", "/v3/api-docs", null, null, null).body());
        List<String> checked = new ArrayList<>();
        List<String> undeclared = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : api.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                String method = op.getKey().toUpperCase();
                String uri = concrete(path.getKey());
                JsonNode security = op.getValue().path("security");
                if (security.isEmpty()) {
                    undeclared.add(method + " " + path.getKey());
                    continue;
                }
                Set<String> allowed = new TreeSet<>();
                security.forEach(requirement -> requirement.path("keycloak").forEach(role -> allowed.add(role.asString())));
                assertThat(allowed).as(method + " " + path.getKey() + " lists known roles").isNotEmpty().isSubsetOf(TOKENS.keySet());
                String contentType = op.getValue().at("/requestBody/content").propertyNames().stream().findFirst().orElse(null);
                for (Map.Entry<String, String> role : TOKENS.entrySet()) {
                    String what = method + " " + uri + " as " + role.getKey();
                    if (allowed.contains(role.getKey())) {
                        if (method.equals("GET")) {
                            // Allowed through the door (what happens next is the endpoint's business). Only the
                            // status is read: an event stream's body does not end.
                            assertThat(status(uri, role.getValue())).as(what).isNotIn(401, 403);
                        }
                    } else {
                        HttpResponse<String> response = send(method, uri, role.getValue(), contentType, contentType == null ? null : "");
                        assertThat(response.statusCode()).as(what + " " + response.body()).isEqualTo(403);
                        if (uri.startsWith("/taxii2/")) {
                            // The TAXII server refuses in TAXII's own error format.
                            assertThat(response.headers().firstValue("Content-Type")).as(what)
                                    .hasValue("application/taxii+json;version=2.1");
                            assertThat(response.body()).contains("\"http_status\":\"403\"");
                        } else {
                            assertThat(response.headers().firstValue("Content-Type")).as(what).hasValue("application/problem+json");
                            assertThat(response.body()).contains("\"status\":403");
                        }
                    }
                    checked.add(what);
                }
            }
        }
        assertThat(undeclared).as("operations without a role are public; only the CRLs are meant to be")
                .containsExactlyInAnyOrder("GET /api/v1/trust/crl", "GET /api/v1/trust/crl/ml-dsa");
        assertThat(checked).hasSizeGreaterThan(60);
    }

    @Test
    void pathOutsideTheApiWhenCalledWithAValidTokenThenRefused403() throws Exception {
        HttpResponse<String> response = send("GET", "/actuator/env", TOKENS.get("trust-admin"), null, null);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private void assertUnauthorized(String token) throws Exception {
        HttpResponse<String> response = send("GET", SEARCH, token, null, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                assertThat(v).startsWith("Bearer").contains("invalid_token"));
        assertThat(response.body()).contains("\"status\":401").doesNotContain("Exception").doesNotContain("eu.synergie")
                .doesNotContain("nimbus");
    }

    /** Claims copied from a real token, signed with a fresh key under the realm key's id: exactly what a forger can do. */
    private static String forged(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        String real = TOKENS.get("analyst");
        JWTClaimsSet claims = JWTClaimsSet.parse(decode(real.split("\\.")[1]));
        String kid = JSON.readTree(decode(real.split("\\.")[0])).get("kid").asString();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(),
                change.apply(new JWTClaimsSet.Builder(claims)).build());
        jwt.sign(new RSASSASigner(generator.generateKeyPair().getPrivate()));
        return jwt.serialize();
    }

    private static String concrete(String template) {
        return template.replace("{id}", UUID.randomUUID().toString()).replace("{code}", "ZZ-NOBODY")
                .replace("{region}", "ZZ").replace("{serial}", "0").replace("{agency}", "ZZ-NOBODY")
                .replace("{name}", "ZZ-NOBODY").replace("{objectId}", "report--" + UUID.randomUUID()).replace("{ref}", "p1")
                .replace("{pseudonym}", "W-000000000000000000000000");
    }

    private HttpResponse<String> send(String method, String path, String token, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int status(String path, String token) throws Exception {
        HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
