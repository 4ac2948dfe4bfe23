package eu.synergie.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.infra.LocalStack;
import eu.synergie.infra.SharedStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Searching across languages (issue 19): the demo's cocaine notices in French, Spanish, German and Arabic, pushed as
 * their agencies' feeds push them, are all found by {@code cocaine} with the expansion shown, only the French one with
 * {@code expand=false}, and none by an analyst of another region.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossLanguageSearchIT extends GatewayIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The demo's cocaine notices by language, and the word each is written with. */
    private static final Map<String, String> TITLES = Map.of(
            "fr", "Importation de cocaïne par conteneurs au Havre",
            "es", "Alijo de cocaína en el puerto de Algeciras",
            "de", "Kokain in Bananenkisten über den Hafen Antwerpen",
            "ar", "تهريب الكوكايين عبر ميناء طنجة المتوسط");
    private final Map<String, String> ids = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LocalStack stack;
    private String claire;

    @BeforeAll
    void pushTheDemosCocaineNotices() throws Exception {
        stack = SharedStack.all();
        JsonNode demo;
        try (InputStream in = getClass().getResourceAsStream("/eu/synergie/gateway/demo/notices.json")) {
            demo = JSON.readTree(in);
        }
        for (JsonNode notice : demo) {
            String language = notice.path("language").asText();
            if (!notice.path("title").asText().equals(TITLES.get(language))) {
                continue;
            }
            String agency = notice.path("originAgency").asText();
            String region = notice.path("region").asText();
            String id = UUID.randomUUID().toString();
            ObjectNode copy = ((ObjectNode) notice.deepCopy()).put("noticeId", id);
            copy.remove("federation");
            KeyCredential credential = TestEnvelopes.agency(trust, agency, Set.of(region));
            String feed = stack.keycloak().clientCredentials("feed-" + agency.toLowerCase(), "demo-secret-" + agency.toLowerCase());
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(api("/api/v1/notices"))
                    .header("Authorization", "Bearer " + feed).header("Content-Type", "application/pkcs7-mime")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(TestEnvelopes.seal(JSON.writeValueAsString(copy), credential,
                            keys.regions().recipientCertificate(region).orElseThrow()))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(language + ": " + response.body()).isEqualTo(202);
            ids.put(language, id);
        }
        assertThat(ids).as("the demo's cocaine notices").containsOnlyKeys(TITLES.keySet());
        claire = stack.keycloak().passwordGrant("claire.martin", "demo");
        await("the four notices searchable").atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(500)).until(() -> found(claire, "cocaine").containsAll(ids.values()));
    }

    @Test
    void cocaineFindsTheNoticesInEveryLanguageAndSaysWhatItAlsoSearched() throws Exception {
        JsonNode result = search(claire, "cocaine");

        assertThat(found(claire, "cocaine")).containsAll(ids.values());
        JsonNode expanded = result.path("expanded");
        assertThat(expanded).hasSize(1);
        assertThat(expanded.get(0).path("written").asText()).isEqualTo("cocaine");
        assertThat(expanded.get(0).path("concept").asText()).isEqualTo("syn:cocaine");
        List<String> shown = JSON.convertValue(expanded.get(0).path("alsoSearched"), JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));
        assertThat(shown).contains("cocaína", "Kokain", "كوكايين");
        assertThat(highlightedTitle(search(claire, "cocaine&agency=MA-DGSN"), ids.get("ar"))).contains("<mark>الكوكايين</mark>");
        assertThat(highlightedTitle(search(claire, "cocaine&agency=BE-PJF"), ids.get("de"))).startsWith("<mark>Kokain</mark> in Bananenkisten");
        assertThat(highlightedTitle(search(claire, "cocaine&agency=ES-CNP"), ids.get("es"))).contains("<mark>cocaína</mark>");
    }

    @Test
    void withExpansionOffOnlyTheWordAsWrittenIsSearched() throws Exception {
        assertThat(found(claire, "cocaine&expand=false")).contains(ids.get("fr"))
                .doesNotContain(ids.get("es"), ids.get("de"), ids.get("ar"));
        assertThat(search(claire, "cocaine&expand=false").hasNonNull("expanded")).isFalse();
    }

    @Test
    void arabicSpellingsMeet() throws Exception {
        // « كوكائين » (hamza on yaa) names the concept; « شبكه » (haa) finds the notice written « شبكة » (taa marbuta).
        assertThat(found(claire, "كوكائين")).containsAll(ids.values());
        assertThat(search(claire, "كوكائين").path("expanded").get(0).path("concept").asText()).isEqualTo("syn:cocaine");

        assertThat(found(claire, "شبكه حاويات")).contains(ids.get("ar"));
    }

    @Test
    void anAnalystOfAnotherRegionStillFindsNoneOfThem() throws Exception {
        String jonas = stack.keycloak().passwordGrant("jonas.weber", "demo");

        assertThat(search(jonas, "cocaine").path("expanded")).hasSize(1);
        assertThat(found(jonas, "cocaine")).doesNotContainAnyElementsOf(ids.values());
    }

    /** The notices of every page of the answer (the shared stack holds other ITs' notices too). */
    private Set<String> found(String token, String query) throws Exception {
        Set<String> found = new HashSet<>();
        JsonNode page = search(token, query);
        for (int pages = 1; ; pages++) {
            page.path("hits").forEach(hit -> found.add(hit.path("noticeId").asText()));
            if (!page.hasNonNull("nextCursor")) {
                return found;
            }
            assertThat(pages).as("pages").isLessThan(50);
            page = search(token, query + "&cursor=" + encode(page.path("nextCursor").asText()));
        }
    }

    private static String highlightedTitle(JsonNode result, String id) {
        for (JsonNode hit : result.path("hits")) {
            if (hit.path("noticeId").asText().equals(id)) {
                return hit.path("highlights").path("title").asText();
            }
        }
        throw new AssertionError("notice " + id + " not among the hits");
    }

    private JsonNode search(String token, String query) throws Exception {
        String q = query.contains("&") ? encode(query.substring(0, query.indexOf('&'))) + query.substring(query.indexOf('&'))
                : encode(query);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api("/api/v1/notices?size=100&q=" + q
                        + "&purpose=PJ-MRS-2026-0412")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
