package eu.synergie.gateway;

import eu.synergie.infra.KeycloakServer;
import eu.synergie.infra.SharedStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client sees when it does something wrong or too much: every error is a problem document that
 * gives nothing of the server away, bodies are bounded, publishing and searching are rate-limited per
 * token subject, responses carry the security headers, and no foreign origin is ever allowed (CORS).
 */
class ApiHardeningIT extends GatewayIntegrationTest {

    private static final String SEARCH = "/api/v1/notices?q=x&purpose=IT-HARDENING";
    private static String analyst;
    private static String admin;
    private static String feed;
    private static KeycloakServer keycloak;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void tokens() {
        keycloak = SharedStack.all().keycloak();
        analyst = keycloak.passwordGrant("claire.martin", "demo");
        admin = keycloak.passwordGrant("markus.schmidt", "demo");
        feed = keycloak.clientCredentials("feed-fr-dgpn", "demo-secret-fr-dgpn");
    }

    @Test
    void unknownPathWhenAllowedThroughTheDoorThen404Problem() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/notices/" + java.util.UUID.randomUUID() + "/nothing/here", analyst, null, null);
        assertProblem(response, 404);
        assertThat(response.body()).doesNotContain("static resource");
    }

    @Test
    void methodNotSupportedThen405ProblemWithAllow() throws Exception {
        HttpResponse<String> response = send("DELETE", "/api/v1/trust/agencies", admin, null, null);
        assertProblem(response, 405);
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(v -> assertThat(v).contains("GET").contains("POST"));
    }

    @Test
    void unsupportedContentTypeThen415Problem() throws Exception {
        assertProblem(send("POST", "/api/v1/notices", feed, "text/plain", "hello"), 415);
    }

    @Test
    void malformedJsonThen400ProblemWithoutParserDetails() throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/trust/agencies", admin, "application/json", "{\"code\": \"XX-");
        assertProblem(response, 400);
        assertThat(response.body()).doesNotContain("line:").doesNotContain("column").doesNotContain("jackson");
    }

    @Test
    void parameterOfTheWrongTypeThen400Problem() throws Exception {
        assertProblem(send("GET", SEARCH + "&size=many", analyst, null, null), 400);
    }

    @Test
    void urlRejectedByTheFirewallBeforeAnyControllerThen400Problem() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/notices;jsessionid=0?q=x&purpose=p", analyst, null, null);
        assertProblem(response, 400);
        assertThat(response.body()).doesNotContain("timestamp").doesNotContain("RequestRejected");
    }

    @Test
    void envelopeOverItsLimitThen413BeforeBeingRead() throws Exception {
        byte[] body = new byte[1_048_576 + 1];
        HttpResponse<String> response = http.send(request("POST", "/api/v1/notices", feed, "application/pkcs7-mime")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(response, 413);
        assertThat(response.body()).contains("\"limit\":1048576");
    }

    @Test
    void bodySentWithoutLengthWhenItPassesTheLimitThen413() throws Exception {
        byte[] json = ("{\"code\":\"XX-BIG\",\"name\":\"" + "x".repeat(70_000) + "\",\"regions\":[]}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(request("POST", "/api/v1/trust/agencies", admin, "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(response, 413);
        assertThat(send("GET", "/api/v1/trust/agencies/XX-BIG", admin, null, null).statusCode()).as("not registered").isEqualTo(404);
    }

    @Test
    void batchLineLongerThanAnyEnvelopeWhenSentThen413ForThatLineOnlyAndTheRestStillAnswered() throws Exception {
        String junk = "{\"envelope\":\"AAAA\"}";
        String huge = "{\"envelope\":\"" + "A".repeat(2_000_000) + "\"}";
        HttpResponse<String> response = send("POST", "/api/v1/notices/batch", feed, "application/x-ndjson",
                junk + "\n" + huge + "\n" + junk + "\n");
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> lines = response.body().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("\"line\":1").contains("\"status\":400");
        assertThat(lines.get(1)).contains("\"line\":2").contains("\"status\":413").contains("LINE_TOO_LONG");
        assertThat(lines.get(2)).contains("\"line\":3").contains("\"status\":400");
    }

    @Test
    void searchWhenSubjectExceedsItsRateThen429WithRetryAfterAndOthersUnaffected() throws Exception {
        String probe = TestPrincipals.rateProbeToken(keycloak);
        assertThat(send("GET", SEARCH, probe, null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", SEARCH, probe, null, null).statusCode()).isEqualTo(200);

        HttpResponse<String> limited = send("GET", SEARCH, probe, null, null);
        assertProblem(limited, 429);
        assertThat(limited.body()).contains("rate-limited");
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(v ->
                assertThat(Long.parseLong(v)).isBetween(3000L, 3600L));
        assertThat(send("GET", SEARCH, analyst, null, null).statusCode()).as("another subject").isEqualTo(200);
    }

    @Test
    void publishWhenSubjectExceedsItsRateThen429BeforeTheBodyIsLookedAt() throws Exception {
        String probe = TestPrincipals.rateProbeToken(keycloak);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> refused = send("POST", "/api/v1/notices", probe, "application/pkcs7-mime", "not an envelope");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        }
        HttpResponse<String> limited = send("POST", "/api/v1/notices", probe, "application/pkcs7-mime", "not an envelope");
        assertProblem(limited, 429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void apiResponseWhenAnsweredThenCarriesTheSecurityHeaders() throws Exception {
        for (HttpResponse<String> response : new HttpResponse[]{send("GET", SEARCH, analyst, null, null), send("GET", SEARCH, null, null, null)}) {
            var headers = response.headers();
            assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(headers.firstValue("Content-Security-Policy")).hasValueSatisfying(v ->
                    assertThat(v).contains("default-src 'none'").contains("frame-ancestors 'none'"));
            assertThat(headers.firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(headers.firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
            // HSTS is for HTTPS only (RFC 6797, section 7.2); this test server speaks plain HTTP.
            assertThat(headers.firstValue("Strict-Transport-Security")).isEmpty();
        }
    }

    @Test
    void crossOriginRequestWhenFromAForeignOriginThenNeverAllowed() throws Exception {
        HttpResponse<String> preflight = http.send(request("OPTIONS", SEARCH, null, null)
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isIn(401, 403);
        assertThat(preflight.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-allow"));

        HttpResponse<String> simple = http.send(request("GET", SEARCH, analyst, null).header("Origin", "https://evil.example")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(simple.statusCode()).isEqualTo(200);
        assertThat(simple.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-allow"));
    }

    /** A problem document with the status, and nothing of the server's insides. */
    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":" + status).contains("\"title\"");
        for (String leak : Arrays.asList("Exception", "eu.synergie", "org.springframework", "org.apache", "java.", "\tat ", "trace")) {
            assertThat(response.body()).as("leaks " + leak).doesNotContain(leak);
        }
    }

    private HttpRequest.Builder request(String method, String path, String token, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return request;
    }

    private HttpResponse<String> send(String method, String path, String token, String contentType, String body) throws Exception {
        return http.send(request(method, path, token, contentType)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
