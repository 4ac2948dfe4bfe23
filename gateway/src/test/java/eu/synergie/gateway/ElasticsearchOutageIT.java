package eu.synergie.gateway;

import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.infra.SharedStack;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Elasticsearch stops under a running exchange, once for everything that depends on it (each stop and restart of
 * the node costs 15–30 s, which three tests used to pay apart): readiness says DOWN and names it while liveness stays
 * UP; a search answers a 503 problem; publishing goes on (it needs Kafka only) and the indexer keeps trying without
 * committing; once the node is back, readiness is UP, the notice indexed before is found again, every notice
 * published during the outage is searchable and nothing was dead-lettered.
 */
class ElasticsearchOutageIT extends GatewayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private MeterRegistry meters;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void elasticsearchStoppedThenNotReadySearchRefusedPublishingGoesOnAndAfterItsReturnNothingLostNorDeadLettered()
            throws Exception {
        KeyCredential dgpn = TestEnvelopes.agency(trust, "FR-DGPN", Set.of("EU-WEST", "MED"));
        String monitoring = SharedStack.keycloak().clientCredentials("synergie-prometheus", "demo-secret-prometheus");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String before = "avant" + run;
        assertThat(publish(seal(dgpn, "Notice " + before)).statusCode()).isEqualTo(202);
        await("hits for the notice published before the outage").atMost(Duration.ofSeconds(60))
                .until(() -> total(before), hits -> hits == 1);
        HttpResponse<String> ready = fetch(monitoring, "/actuator/health/readiness");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        long deadLettersBefore = deadLetterTotal();

        String during = "panne" + run;
        List<byte[]> envelopes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            envelopes.add(seal(dgpn, "Panne " + during + " " + i));
        }
        double retriesBefore = retries();
        SharedStack.get().elasticsearch().stop();
        try {
            HttpResponse<String> notReady = fetch(monitoring, "/actuator/health/readiness");
            assertThat(notReady.statusCode()).as(notReady.body()).isEqualTo(503);
            JsonNode components = JSON.readTree(notReady.body());
            assertThat(status(components, "elasticsearch")).isEqualTo("DOWN");
            assertThat(status(components, "kafka")).isEqualTo("UP");
            assertThat(status(components, "keycloak")).isEqualTo("UP");
            assertThat(fetch(null, "/actuator/health/liveness").statusCode()).as("the process itself is fine").isEqualTo(200);

            HttpResponse<String> search = search(before);
            assertThat(search.statusCode()).as(search.body()).isEqualTo(503);
            assertThat(search.headers().firstValue("Content-Type")).hasValue("application/problem+json");

            for (byte[] envelope : envelopes) {
                assertThat(publish(envelope).statusCode()).as("publishing needs Kafka only").isEqualTo(202);
            }
            // The indexer has met the outage (and so holds these envelopes uncommitted) before the node comes back.
            await("the indexer's retries (synergie.ingestion.retries) above " + retriesBefore).atMost(Duration.ofSeconds(60))
                    .until(this::retries, retries -> retries > retriesBefore);
        } finally {
            SharedStack.elasticsearch();
        }

        await("readiness status after the outage").atMost(Duration.ofSeconds(60))
                .until(() -> fetch(null, "/actuator/health/readiness").statusCode(), status -> status == 200);
        await("hits for the 20 notices published during the outage").atMost(Duration.ofSeconds(60))
                .until(() -> total(during), hits -> hits == 20);
        assertThat(total(before)).as("the notice indexed before the outage").isEqualTo(1);
        assertThat(deadLetterTotal()).as("nothing dead-lettered for an outage").isEqualTo(deadLettersBefore);
    }

    private double retries() {
        var counter = meters.find("synergie.ingestion.retries").counter();
        return counter == null ? 0 : counter.count();
    }

    private byte[] seal(KeyCredential agency, String title) {
        return TestEnvelopes.seal(TestEnvelopes.notice(UUID.randomUUID(), "FR-DGPN", "EU-WEST", title), agency,
                keys.regions().recipientCertificate("EU-WEST").orElseThrow());
    }

    private HttpResponse<String> publish(byte[] envelope) throws Exception {
        return http.send(HttpRequest.newBuilder(api("/api/v1/notices"))
                .header("Authorization", "Bearer " + SharedStack.keycloak().clientCredentials("feed-fr-dgpn", "demo-secret-fr-dgpn"))
                .header("Content-Type", "application/pkcs7-mime").POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> search(String text) throws Exception {
        return fetch(SharedStack.keycloak().passwordGrant("claire.martin", "demo"), "/api/v1/notices?size=1&purpose=IT-OUTAGE&q="
                + URLEncoder.encode(text, StandardCharsets.UTF_8));
    }

    /** Hits for {@code text} as claire.martin, or -1 while search is unavailable. */
    private long total(String text) throws Exception {
        HttpResponse<String> response = search(text);
        return response.statusCode() == 200 ? JSON.readTree(response.body()).path("total").asLong(-1) : -1;
    }

    private long deadLetterTotal() throws Exception {
        HttpResponse<String> response = fetch(SharedStack.keycloak().passwordGrant("amelie.roux", "demo"),
                "/api/v1/admin/deadletters?recent=1");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("total").asLong(-1);
    }

    private static String status(JsonNode health, String component) {
        return health.path("components").path(component).path("status").asString("absent");
    }
}
