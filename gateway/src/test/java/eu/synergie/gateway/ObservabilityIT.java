package eu.synergie.gateway;

import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.infra.SharedStack;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.DoublePredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health and metrics on the real stack: readiness follows the trust registry's state; the Prometheus endpoint is closed to all but the monitoring role, and after a
 * publication, a search, a dead letter and a stopped indexer it shows each of those.
 */
class ObservabilityIT extends GatewayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private KafkaListenerEndpointRegistry listeners;
    @Autowired
    private TrustRegistry registry;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void prometheusWhenNoTokenThen401AndWhenAnalystThen403() throws Exception {
        assertThat(fetch(null, "/actuator/prometheus").statusCode()).isEqualTo(401);
        String analyst = SharedStack.keycloak().passwordGrant("claire.martin", "demo");
        assertThat(fetch(analyst, "/actuator/prometheus").statusCode()).isEqualTo(403);
        assertThat(fetch(analyst, "/actuator/health/readiness").body()).doesNotContain("elasticsearch");
    }

    /** The follower marks the registry so while it cannot read the log (here marked by hand: the shared broker stays). */
    @Test
    void readinessWhenTheTrustRegistryCannotReadItsLogThenDownNamingTrustAndUpAgainOnceItIsCurrent() throws Exception {
        String monitoring = monitoringToken();
        HttpResponse<String> ready = fetch(monitoring, "/actuator/health/readiness");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(JSON.readTree(ready.body()).path("components").path("trust").path("status").asString()).isEqualTo("UP");

        registry.markUnavailable("synergie.trust: asking the broker for records failed (ObservabilityIT)");
        try {
            HttpResponse<String> down = fetch(monitoring, "/actuator/health/readiness");
            assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
            JsonNode trustHealth = JSON.readTree(down.body()).path("components").path("trust");
            assertThat(trustHealth.path("status").asString()).isEqualTo("DOWN");
            assertThat(trustHealth.path("details").path("reason").asString()).contains("ObservabilityIT");
            assertThat(fetch(null, "/actuator/health/readiness").body()).as("no details without the role").doesNotContain("synergie.trust");
        } finally {
            registry.readToEnd(Instant.now());
        }
        assertThat(fetch(monitoring, "/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void prometheusAfterPublishSearchDeadLetterAndStoppedIndexerThenSeriesCountThem() throws Exception {
        String monitoring = monitoringToken();
        KeyCredential dgpn = TestEnvelopes.agency(trust, "FR-DGPN", Set.of("EU-WEST", "MED"));
        String feed = SharedStack.keycloak().clientCredentials("feed-fr-dgpn", "demo-secret-fr-dgpn");
        double acceptedBefore = value(scrape(monitoring), "synergie_publish_seconds_count", "outcome=\"accepted\",reason=\"none\"");
        double rejectedBefore = value(scrape(monitoring), "synergie_ingestion_rejected_total", "reason=\"MALFORMED_ENVELOPE\"");

        HttpResponse<String> published = publish(feed, seal(dgpn, "Métrique " + UUID.randomUUID()));
        assertThat(published.statusCode()).as(published.body()).isEqualTo(202);
        HttpResponse<String> refused = publish(feed, "not an envelope".getBytes(StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).isEqualTo(400);
        String analyst = SharedStack.keycloak().passwordGrant("claire.martin", "demo");
        assertThat(fetch(analyst, "/api/v1/notices?q=metrique&purpose=IT-METRICS").statusCode()).isEqualTo(200);
        // Straight to the log, as a big agency may: only the indexer sees it, and dead-letters it.
        try (var producer = producer()) {
            producer.send(new ProducerRecord<>("synergie.notices.EU-WEST", UUID.randomUUID().toString(),
                    "garbage".getBytes(StandardCharsets.UTF_8))).get();
        }

        String metrics = scrape(monitoring);
        assertThat(value(metrics, "synergie_publish_seconds_count", "outcome=\"accepted\",reason=\"none\""))
                .isEqualTo(acceptedBefore + 1);
        assertThat(value(metrics, "synergie_publish_seconds_count", "outcome=\"rejected\",reason=\"MALFORMED_ENVELOPE\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "synergie_search_seconds_count", "outcome=\"ok\"")).isGreaterThanOrEqualTo(1);
        assertThat(metrics).contains("synergie_publish_seconds_bucket");
        awaitMetric(monitoring, "synergie_ingestion_rejected_total", "reason=\"MALFORMED_ENVELOPE\"", v -> v >= rejectedBefore + 1);

        // Ingestion lag: the indexer group's backlog grows while the indexer is stopped, and drains after.
        String lagSeries = "group=\"synergie-indexer\",topic=\"synergie.notices.EU-WEST\"";
        MessageListenerContainer indexer = listeners.getListenerContainer("synergie-indexer");
        indexer.stop();
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(publish(feed, seal(dgpn, "Retard " + i)).statusCode()).isEqualTo(202);
            }
            awaitMetric(monitoring, "synergie_ingestion_lag", lagSeries, v -> v >= 3);
        } finally {
            indexer.start();
        }
        awaitMetric(monitoring, "synergie_ingestion_lag", lagSeries, v -> v == 0);
    }

    private byte[] seal(KeyCredential agency, String title) {
        return TestEnvelopes.seal(TestEnvelopes.notice(UUID.randomUUID(), "FR-DGPN", "EU-WEST", title), agency,
                keys.regions().recipientCertificate("EU-WEST").orElseThrow());
    }

    private static String monitoringToken() {
        return SharedStack.keycloak().clientCredentials("synergie-prometheus", "demo-secret-prometheus");
    }

    private String scrape(String token) throws Exception {
        HttpResponse<String> response = fetch(token, "/actuator/prometheus");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private void awaitMetric(String token, String name, String labels, DoublePredicate done) {
        await(name + "{" + labels + "}").atMost(Duration.ofSeconds(45)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                .until(() -> value(scrape(token), name, labels), done::test);
    }

    /** The value of one series in Prometheus text format; 0 when the series does not exist yet. */
    private static double value(String metrics, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)").matcher(metrics);
        while (m.find()) {
            if (m.group(1).contains(labels)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(SharedStack.kafka().operator().config(Map.of("acks", "all")),
                new StringSerializer(), new ByteArraySerializer());
    }

    private HttpResponse<String> publish(String token, byte[] envelope) throws Exception {
        return http.send(HttpRequest.newBuilder(api("/api/v1/notices")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/pkcs7-mime").POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
