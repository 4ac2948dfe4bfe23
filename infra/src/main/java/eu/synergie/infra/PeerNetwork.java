package eu.synergie.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The quick start's second exchange ({@code ./run --peers 2}): its own Kafka, Elasticsearch and gateway (with its own
 * keys and CA) beside the first one's, one Keycloak with one realm for both (one machine's memory; a real deployment
 * has a realm per exchange), and MirrorMaker 2 both ways between the two clusters. Once both gateways run, it peers them
 * through their trust APIs as two administrators would (the first exchange's EU-WEST to the second's MED, the second's
 * MED hashes to the first), then has the first send what its agencies marked for the second before the peering.
 */
final class PeerNetwork {

    static final String HOME = "EXCH-EU";
    static final String PEER = "EXCH-MED";
    private static final String HEAP = "512m";
    private static final String MIRROR_HEAP = "256m";

    private final LocalStack stack;
    private final KafkaBroker kafka;
    private final ElasticsearchNode elasticsearch;
    private final GatewayProcess gateway;
    private final Path folder;

    PeerNetwork(LocalStack stack, Path gatewayJar, int gatewayPort, int kafkaPort, int elasticsearchPort, String keysPassword) {
        this.stack = stack;
        this.folder = stack.home().resolve("peer");
        this.kafka = new KafkaBroker("peer kafka", folder.resolve("kafka"), kafkaPort, HEAP);
        this.elasticsearch = new ElasticsearchNode("peer elasticsearch", folder.resolve("elasticsearch"), elasticsearchPort, HEAP);
        Map<String, String> environment = new HashMap<>(Map.of(
                "SYNERGIE_PORT", String.valueOf(gatewayPort),
                "SYNERGIE_ISSUER", stack.keycloak().issuer(),
                "SYNERGIE_KEYCLOAK_CLIENT_SECRET", stack.keycloak().gatewayClientSecret(),
                "SYNERGIE_HOME", folder.resolve("gateway").toString(),
                "SYNERGIE_KEYS_PASSWORD", keysPassword,
                "SYNERGIE_EXCHANGE_NAME", PEER));
        environment.putAll(GatewayProcess.Settings.elasticsearchEnvironment(elasticsearch));
        environment.putAll(GatewayProcess.Settings.kafkaEnvironment(kafka));
        this.gateway = new GatewayProcess("peer gateway", new GatewayProcess.Settings(gatewayJar, folder.resolve("gateway"),
                gatewayPort, environment, List.of()));
    }

    List<LocalServer> servers() {
        return List.of(kafka, elasticsearch);
    }

    GatewayProcess gateway() {
        return gateway;
    }

    String url() {
        return gateway.url();
    }

    /** Its Kafka and Elasticsearch, at once. */
    void startServers(Duration timeout) {
        CompletableFuture<Void> broker = CompletableFuture.runAsync(() -> kafka.start(timeout));
        elasticsearch.start(timeout);
        broker.join();
    }

    /**
     * The outbound topics and their copies (MirrorMaker copies what exists when it starts), then MirrorMaker both ways.
     *
     * @return the two MirrorMakers, running
     */
    List<MirrorMaker> startMirrors(Duration timeout) {
        KafkaBroker home = stack.kafka();
        home.openFederation(HOME, PEER);
        kafka.openFederation(PEER, HOME);
        createTopic(home.operator(), "synergie.federation.out." + PEER);
        createTopic(kafka.operator(), HOME + ".synergie.federation.out." + PEER);
        createTopic(kafka.operator(), "synergie.federation.out." + HOME);
        createTopic(home.operator(), PEER + ".synergie.federation.out." + HOME);
        MirrorMaker toPeer = new MirrorMaker(folder.resolve("mirrormaker-" + HOME + "-" + PEER),
                new MirrorMaker.Flow(HOME, home.mirror(PEER), PEER, kafka.mirror(HOME),
                        "synergie\\.federation\\.out\\." + PEER),
                MirrorMaker.Delivery.EXACTLY_ONCE, MIRROR_HEAP);
        MirrorMaker toHome = new MirrorMaker(folder.resolve("mirrormaker-" + PEER + "-" + HOME),
                new MirrorMaker.Flow(PEER, kafka.mirror(HOME), HOME, home.mirror(PEER),
                        "synergie\\.federation\\.out\\." + HOME),
                MirrorMaker.Delivery.EXACTLY_ONCE, MIRROR_HEAP);
        CompletableFuture<Void> one = CompletableFuture.runAsync(() -> toPeer.start(timeout));
        toHome.start(timeout);
        one.join();
        return List.of(toPeer, toHome);
    }

    /**
     * Registers each exchange at the other through their trust APIs (a trust administrator's token), then asks the first
     * to send what was marked for the second before the peering.
     *
     * @return what the backfill answered (envelopes read, notices sent)
     */
    String peer(String homeUrl) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String admin = stack.keycloak().passwordGrant("amelie.roux", "demo");
        String home = send(http, admin, "GET", homeUrl + "/api/v1/trust/federation", null);
        String peer = send(http, admin, "GET", url() + "/api/v1/trust/federation", null);
        // The identity's fields are the registration's first four: the terms are added to the same object.
        send(http, admin, "POST", homeUrl + "/api/v1/trust/peers", withTerms(peer, "[\"EU-WEST\"]", "{}"));
        send(http, admin, "POST", url() + "/api/v1/trust/peers", withTerms(home, "[\"MED\"]", "{\"EU-WEST\":\"MED\"}"));
        return send(http, admin, "POST", homeUrl + "/api/v1/trust/peers/" + PEER + "/backfill", null);
    }

    private static String withTerms(String identity, String sends, String receives) {
        String object = identity.strip();
        return object.substring(0, object.length() - 1) + ",\"sends\":" + sends + ",\"receives\":" + receives + "}";
    }

    private static String send(HttpClient http, String token, String method, String url, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** One partition and the broker's append time, as the exchanges declare their own federation topics. */
    static void createTopic(KafkaBroker.Access access, String name) {
        try (Admin admin = Admin.create(access.config())) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1)
                    .configs(Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime")))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        }
    }
}
