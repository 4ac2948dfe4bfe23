package eu.synergie.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The exchange on clusters, on this machine: a Kafka cluster of 3 brokers, an Elasticsearch cluster of 3 nodes (with
 * 2, losing the one that holds the vote leaves no master: 3 keep a majority),
 * several gateways and HAProxy in front of them, as the cluster profile runs it. Keycloak is the caller's (the quick
 * start's own, or the tests' shared one): it is no part of what fails over here.
 *
 * <p>The gateways are one exchange: they share the key folder ({@code <home>/gateway}, made by the first at its first
 * start, before the others start), the consumer groups (the indexers of a region topic spread over them), every topic
 * and index. Each has its own folder for its log ({@code <home>/gateway-<i>}) and its own audit chain (writer
 * {@code gateway-<i>-…}). Topics get 3 replicas and indices 1.
 *
 * <p>Folders: {@code <home>/kafka} (the brokers), {@code <home>/elasticsearch} (the nodes), {@code <home>/gateway},
 * {@code <home>/gateway-<i>}, {@code <home>/haproxy}.
 */
public final class ClusterStack {

    /** Each process's heap: the smallest that passed the cluster ITs on 2 cores (a real deployment: see the README). */
    static final String KAFKA_HEAP = "320m";
    static final String ELASTICSEARCH_HEAP = "384m";

    /**
     * Where and how to run it.
     *
     * @param proxyPort     where HAProxy listens (0: a free port); the gateways take free ports
     * @param gateways      how many gateways, at least 2
     * @param keysPassword  the exchange's key store password
     * @param demo          whether the first gateway loads the demo agencies, users and notices
     */
    public record Settings(Path home, Path gatewayJar, int proxyPort, int gateways, String keysPassword, boolean demo,
                           Duration startTimeout) {

        public Settings {
            if (gateways < 2) {
                throw new IllegalArgumentException("the cluster profile runs at least 2 gateways, not " + gateways);
            }
            home = home.toAbsolutePath();
            gatewayJar = gatewayJar.toAbsolutePath();
        }
    }

    private final Settings settings;
    private final KeycloakServer keycloak;
    private final KafkaCluster kafka;
    private final ElasticsearchCluster elasticsearch;
    private final List<GatewayProcess> gateways;
    private final ReverseProxy proxy;

    public ClusterStack(Settings settings, KeycloakServer keycloak) {
        this(settings, keycloak, List.of());
    }

    /**
     * @param gatewayArguments command-line arguments of every gateway ({@code --synergie.some.key=value}), on top of the
     *                         environment the cluster gives them: what a benchmark changes (never a secret: any local
     *                         user reads a command line)
     */
    public ClusterStack(Settings settings, KeycloakServer keycloak, List<String> gatewayArguments) {
        this.settings = settings;
        this.keycloak = keycloak;
        Path home = settings.home();
        this.kafka = new KafkaCluster("kafka", home.resolve("kafka"), 3, KAFKA_HEAP);
        this.elasticsearch = new ElasticsearchCluster(home.resolve("elasticsearch"), 3, ELASTICSEARCH_HEAP);
        List<GatewayProcess> instances = new ArrayList<>();
        List<String> upstreams = new ArrayList<>();
        for (int i = 1; i <= settings.gateways(); i++) {
            int port = Ports.orFree(0);
            upstreams.add("127.0.0.1:" + port);
            instances.add(new GatewayProcess("gateway-" + i, new GatewayProcess.Settings(settings.gatewayJar(),
                    home.resolve("gateway-" + i), port, environment(i, port), gatewayArguments)));
        }
        this.gateways = List.copyOf(instances);
        this.proxy = new ReverseProxy(home.resolve("haproxy"), settings.proxyPort(), upstreams);
    }

    public KafkaCluster kafka() {
        return kafka;
    }

    public ElasticsearchCluster elasticsearch() {
        return elasticsearch;
    }

    public List<GatewayProcess> gateways() {
        return gateways;
    }

    public ReverseProxy proxy() {
        return proxy;
    }

    /** The exchange's key folder, which every gateway shares (region keys: {@code region-<region>.p12}). */
    public Path keyFolder() {
        return settings.home().resolve("gateway/keys");
    }

    /** The password of the key stores in {@link #keyFolder()}. */
    public String keysPassword() {
        return settings.keysPassword();
    }

    /** The exchange's one address: HAProxy's. */
    public String url() {
        return proxy.url();
    }

    /**
     * Starts the two clusters at once, then the first gateway (it makes the key folder and the topics), then the
     * others at once, then HAProxy; Keycloak must be running.
     */
    public void start() {
        Duration timeout = settings.startTimeout();
        CompletableFuture<Void> brokers = CompletableFuture.runAsync(() -> kafka.start(timeout),
                task -> Thread.ofPlatform().name("synergie-start-kafka-cluster").start(task));
        try {
            elasticsearch.start(timeout);
        } finally {
            try {
                brokers.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        gateways.getFirst().start(timeout);
        Together.start(gateways.subList(1, gateways.size()), timeout);
        proxy.start(timeout);
    }

    /**
     * HAProxy, then the gateways (their consumers leave their groups while the brokers are there), then the clusters at
     * once; data stays.
     *
     * @return true if everything stopped by itself within {@code grace}
     */
    public boolean stop(Duration grace) {
        boolean clean = proxy.stop(grace);
        clean &= Together.stop(gateways, grace);
        List<Supervised> servers = new ArrayList<>(kafka.brokers());
        for (int i = 0; i < elasticsearch.size(); i++) {
            servers.add(elasticsearch.node(i));
        }
        return Together.stop(servers, grace) && clean;
    }

    private Map<String, String> environment(int instance, int port) {
        Path home = settings.home();
        Map<String, String> environment = new HashMap<>();
        environment.put("SYNERGIE_PORT", String.valueOf(port));
        environment.put("SYNERGIE_ISSUER", keycloak.issuer());
        environment.put("SYNERGIE_KEYCLOAK_CLIENT_SECRET", keycloak.gatewayClientSecret());
        // One key folder for every instance, shared rather than copied (the README's "Beyond one machine").
        environment.put("SYNERGIE_HOME", home.resolve("gateway").toString());
        environment.put("SYNERGIE_KEYS_PASSWORD", settings.keysPassword());
        environment.put("SYNERGIE_KAFKA", kafka.bootstrapServers());
        environment.put("SYNERGIE_KAFKA_CA", kafka.caCertificate().toString());
        environment.put("SYNERGIE_KAFKA_USERNAME", kafka.gateway().principal());
        environment.put("SYNERGIE_KAFKA_PASSWORD", kafka.gateway().password());
        environment.put("SYNERGIE_ELASTICSEARCH", String.join(",", elasticsearch.urls()));
        environment.put("SYNERGIE_ELASTICSEARCH_CA", elasticsearch.caCertificate().toString());
        environment.put("SYNERGIE_ELASTICSEARCH_USERNAME", elasticsearch.gatewayUser().username());
        environment.put("SYNERGIE_ELASTICSEARCH_PASSWORD", elasticsearch.gatewayUser().password());
        environment.put("SYNERGIE_TOPICS_REPLICATION", "3");
        environment.put("SYNERGIE_SEARCH_REPLICAS", "1");
        environment.put("SYNERGIE_AUDIT_INSTANCE", "gateway-" + instance);
        if (settings.demo() && instance == 1) {
            environment.put("SYNERGIE_DEMO", "true");
        }
        return environment;
    }
}
