package eu.synergie.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.infra.LocalStack;
import eu.synergie.infra.SharedStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The search API as an analyst uses it: filters, facets, highlights and cursor paging in the query
 * string, and clear 400 problems for values that do not parse. Notices go the whole way: sealed, pushed,
 * indexed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchApiIT extends GatewayIntegrationTest {

    private static final String RUN = "filiere" + UUID.randomUUID().toString().substring(0, 6);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<UUID> published = new ArrayList<>();
    private LocalStack stack;
    private String claire;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void publishNotices() throws Exception {
        stack = SharedStack.all();
        KeyCredential dgpn = TestEnvelopes.agency(trust, "FR-DGPN", Set.of("EU-WEST", "MED"));
        String feed = stack.keycloak().clientCredentials("feed-fr-dgpn", "demo-secret-fr-dgpn");
        String[][] variants = {
                {"MONEY_LAUNDERING", "AMBER", "Filière de blanchiment à Marseille"},
                {"CYBERCRIME", "GREEN", "Rançongiciel contre des hôpitaux"},
                {"CYBERCRIME", "AMBER", "Hameçonnage bancaire en série"},
                {"DRUG_TRAFFICKING", "GREEN", "Go-fast sur l'A7"},
                {"CYBERCRIME", "CLEAR", "Fraude au président"}};
        for (String[] v : variants) {
            UUID id = UUID.randomUUID();
            String json = TestEnvelopes.notice(id, "FR-DGPN", "EU-WEST", v[2] + " " + RUN)
                    .replace("\"MONEY_LAUNDERING\"", "\"" + v[0] + "\"").replace("\"tlp\": \"AMBER\"", "\"tlp\": \"" + v[1] + "\"");
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(api("/api/v1/notices"))
                    .header("Authorization", "Bearer " + feed).header("Content-Type", "application/pkcs7-mime")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(TestEnvelopes.seal(json, dgpn,
                            keys.regions().recipientCertificate("EU-WEST").orElseThrow()))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            published.add(id);
        }
        claire = stack.keycloak().passwordGrant("claire.martin", "demo");
        await("hits for " + RUN).atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                .until(() -> search("q=" + RUN).path("total").asLong(), total -> total >= variants.length);
        assertThat(search("q=" + RUN).path("total").asLong()).isEqualTo(variants.length);
    }

    @Test
    void searchWhenFiltersInQueryStringThenOnlyMatchingNoticesWithFacets() throws Exception {
        JsonNode result = search("q=" + RUN + "&type=CYBERCRIME&tlp=AMBER,GREEN&facets=true&from=2026-11-01&to=2026-11-30");

        assertThat(result.path("total").asLong()).isEqualTo(2);
        assertThat(result.path("hits").findValuesAsText("type")).containsOnly("CYBERCRIME");
        assertThat(result.path("facets").path("tlp").findValuesAsText("value")).containsExactlyInAnyOrder("AMBER", "GREEN");
        assertThat(result.path("facets").path("month").get(0).path("value").asText()).isEqualTo("2026-11");
        assertThat(result.path("facets").path("month").get(0).path("count").asLong()).isEqualTo(2);
    }

    @Test
    void searchWhenWordsMatchThenHighlightsMarkThemAsWritten() throws Exception {
        JsonNode result = search("q=" + URLEncoder.encode("rancongiciel hopitaux " + RUN, StandardCharsets.UTF_8));

        assertThat(result.path("hits").get(0).path("highlights").path("title").asText())
                .isEqualTo("<mark>Rançongiciel</mark> contre des <mark>hôpitaux</mark> <mark>" + RUN + "</mark>");
    }

    @Test
    void searchWhenPagedByCursorThenEveryNoticeOnceAndNoCursorAfterTheLast() throws Exception {
        Set<String> seen = new HashSet<>();
        JsonNode page = search("q=" + RUN + "&size=2&sort=newest");
        int pages = 1;
        while (true) {
            page.path("hits").forEach(hit -> assertThat(seen.add(hit.path("noticeId").asText())).isTrue());
            if (!page.hasNonNull("nextCursor")) {
                break;
            }
            page = search("q=" + RUN + "&size=2&sort=newest&cursor=" + page.path("nextCursor").asText());
            pages++;
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(published.stream().map(UUID::toString).toList());
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void searchWhenValueDoesNotParseThen400NamingTheParameter() throws Exception {
        assertProblem("q=x&type=PICKPOCKET", "type has no value \"PICKPOCKET\"");
        assertProblem("q=x&from=yesterday", "from must be a date");
        assertProblem("q=x&sort=oldest", "sort has no value");
        assertProblem("q=x&cursor=bm90LWEtY3Vyc29y", "cursor is malformed");
        assertProblem("q=x&size=1000", "size must be between 1 and 100");
        assertProblem("q=x&entityKind=PHONE", "entityKind and entityValue go together");
        String cursor = search("q=" + RUN + "&size=1").path("nextCursor").asText();
        assertProblem("q=other&size=1&cursor=" + cursor, "cursor belongs to another query");
    }

    private void assertProblem(String query, String detail) throws Exception {
        HttpResponse<String> response = get(query + "&purpose=PJ-MRS-2026-0412");
        assertThat(response.statusCode()).as(query).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).path("detail").asText()).as(query).contains(detail);
    }

    private JsonNode search(String query) throws Exception {
        HttpResponse<String> response = get(query + "&purpose=PJ-MRS-2026-0412");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(api("/api/v1/notices?" + query)).header("Authorization", "Bearer " + claire)
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
