package eu.synergie.gateway;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The API contract: the OpenAPI description the gateway generates from its controllers must equal the
 * committed {@value #CONTRACT}, so that every change to the API shows up as a diff in review. After an
 * intended change, rewrite the file with
 * {@code ./mvnw -B -pl cli -am verify -Dit.test=ApiContractIT -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Dsynergie.openapi.update=true}
 * and commit it.
 */
class ApiContractIT extends GatewayIntegrationTest {

    static final String CONTRACT = "src/main/openapi/synergie-api.json";
    private static final String UPDATE = "synergie.openapi.update";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void apiDocsWhenGeneratedThenEqualTheCommittedContract() throws Exception {
        HttpResponse<String> docs = get("/v3/api-docs");
        assertThat(docs.statusCode()).as("the description is public").isEqualTo(200);
        String generated = normalised(docs.body());
        Path contract = module().resolve(CONTRACT);

        if (Boolean.getBoolean(UPDATE)) {
            Files.createDirectories(contract.getParent());
            Files.writeString(contract, generated);
            System.out.println("[ApiContractIT] rewrote " + contract.toAbsolutePath() + ": review and commit it");
            return;
        }
        String committed = Files.exists(contract) ? Files.readString(contract) : null;
        if (committed == null) {
            fail(CONTRACT + " is missing. Generate it with -D" + UPDATE + "=true (see ApiContractIT) and commit it.");
        }
        if (!generated.equals(normalised(committed))) {
            fail("The API differs from the committed contract " + CONTRACT + ":\n" + diff(JSON.readTree(normalised(committed)),
                    JSON.readTree(generated)) + "\nIf the change is intended, rewrite the contract with\n  ./mvnw -B -pl cli -am verify "
                    + "-Dit.test=ApiContractIT -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -D"
                    + UPDATE + "=true\nand commit it.");
        }
    }

    @Test
    void apiDocsWhenGeneratedThenOpenApi31WithRolesAndProblemResponsesOnEveryOperation() throws Exception {
        JsonNode api = JSON.readTree(get("/v3/api-docs").body());
        assertThat(api.get("openapi").asString()).startsWith("3.1");
        assertThat(api.at("/components/securitySchemes/keycloak/scheme").asString()).isEqualTo("bearer");
        assertThat(api.at("/components/schemas/Problem/properties").propertyNames())
                .as("the problem schema every error response refers to").contains("type", "title", "status", "detail", "instance");

        List<String> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : api.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                operations.add(name);
                JsonNode responses = op.getValue().get("responses");
                if (path.getKey().startsWith("/taxii2/")) {
                    // The TAXII server answers TAXII error messages in TAXII's media type, 406 included.
                    assertThat(responses.at("/500/content/application~1taxii+json;version=2.1/schema/$ref").asString())
                            .as(name).isEqualTo("#/components/schemas/TaxiiError");
                    assertThat(responses.has("406")).as(name).isTrue();
                } else {
                    assertThat(responses.at("/500/content/application~1problem+json/schema/$ref").asString())
                            .as(name).isEqualTo("#/components/schemas/Problem");
                }
                if (!name.startsWith("GET /api/v1/trust/crl")) {
                    assertThat(op.getValue().at("/security/0/keycloak")).as(name + " names its roles").isNotEmpty();
                    assertThat(responses.has("401") && responses.has("403")).as(name).isTrue();
                }
                if (path.getKey().startsWith("/api/v1/notices")) {
                    assertThat(responses.at("/429/headers/Retry-After").isMissingNode()).as(name + " documents 429").isFalse();
                }
            }
        }
        assertThat(operations).contains("POST /api/v1/notices", "POST /api/v1/notices/batch", "GET /api/v1/notices",
                "GET /api/v1/notices/{id}", "GET /api/v1/trust/crl", "POST /api/v1/trust/certificates/{serial}/revocation",
                "GET /taxii2/", "GET /taxii2/synergie/collections/{id}/objects/", "GET /taxii2/synergie/collections/{id}/manifest/",
                "GET /taxii2/synergie/collections/{id}/objects/{objectId}/versions/");
        JsonNode purpose = null;
        for (JsonNode parameter : api.at("/paths/~1api~1v1~1notices/get/parameters")) {
            if ("purpose".equals(parameter.get("name").asString())) {
                purpose = parameter;
            }
        }
        assertThat(purpose).as("search documents its purpose").isNotNull();
        assertThat(purpose.get("required").asBoolean()).isTrue();
    }

    @Test
    void swaggerUiWhenOpenedWithoutTokenThenServedUnderItsOwnContentSecurityPolicy() throws Exception {
        HttpResponse<String> ui = get("/swagger-ui/index.html");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(ui.body()).contains("swagger-ui");
        assertThat(ui.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-eval"));
        assertThat(get("/swagger-ui/swagger-initializer.js").statusCode()).isEqualTo(200);
        assertThat(get("/v3/api-docs/swagger-config").statusCode()).isEqualTo(200);
    }

    @Test
    void apiDocsWhenWrittenToThenRefused() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(api("/v3/api-docs"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isIn(401, 403);
        assertThat(post.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    /** Stable form: keys sorted at every level, no server URLs (they carry this run's port), two-space indent. */
    static String normalised(String json) {
        JsonNode tree = JSON.readTree(json);
        if (tree instanceof ObjectNode root) {
            root.remove("servers");
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(sorted(tree)).replace("\r\n", "\n") + "\n";
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            new TreeSet<>(node.propertyNames()).forEach(name -> copy.set(name, sorted(node.get(name))));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }

    /** What was added, removed and changed, by JSON pointer; the first 40 of each. */
    static String diff(JsonNode committed, JsonNode generated) {
        Map<String, String> before = new TreeMap<>();
        Map<String, String> after = new TreeMap<>();
        flatten("", committed, before);
        flatten("", generated, after);
        List<String> lines = new ArrayList<>();
        before.forEach((pointer, value) -> {
            if (!after.containsKey(pointer)) {
                lines.add("  - " + pointer + " = " + value);
            } else if (!Objects.equals(value, after.get(pointer))) {
                lines.add("  ~ " + pointer + ": " + value + " -> " + after.get(pointer));
            }
        });
        after.forEach((pointer, value) -> {
            if (!before.containsKey(pointer)) {
                lines.add("  + " + pointer + " = " + value);
            }
        });
        int shown = Math.min(lines.size(), 40);
        return String.join("\n", lines.subList(0, shown))
                + (lines.size() > shown ? "\n  … and " + (lines.size() - shown) + " more differences" : "")
                + "\n(" + lines.size() + " differences: - only in the committed file, + only in the running API, ~ changed)";
    }

    private static void flatten(String pointer, JsonNode node, Map<String, String> into) {
        if (node.isObject() && !node.isEmpty()) {
            node.properties().forEach(e -> flatten(pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), e.getValue(), into));
        } else if (node.isArray() && !node.isEmpty()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(pointer + "/" + i, node.get(i), into);
            }
        } else {
            String value = node.toString();
            into.put(pointer.isEmpty() ? "/" : pointer, value.length() > 120 ? value.substring(0, 117) + "..." : value);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(api(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
