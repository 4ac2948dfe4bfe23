package eu.synergie.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Kafka, Elasticsearch and Keycloak on this machine, with data and logs under one folder:
 * {@code <home>/kafka}, {@code <home>/elasticsearch}, {@code <home>/keycloak}. Servers start in
 * parallel; a JVM shutdown hook stops whatever is still running, so nothing outlives us.
 */
public final class LocalStack implements AutoCloseable {

    /**
     * Where and how to run the stack. A port of 0 means a free port.
     *
     * @param gatewayUrl where the gateway will listen, for the web client's redirect URIs in the realm
     */
    public record Settings(Path home, int kafkaPort, int elasticsearchPort, int keycloakPort, String gatewayUrl,
                           Duration startTimeout) {

        /** Fixed, well-known ports under {@code home}, as the quick start uses them. */
        public static Settings defaults(Path home) {
            return new Settings(home, 9092, 9200, 8180, "http://localhost:8080", Duration.ofMinutes(3));
        }

        /** Free ports, as tests want them. */
        public static Settings freePorts(Path home) {
            // The gateway's port is chosen now, so that the web client's redirect URI in the realm matches it.
            return new Settings(home, 0, 0, 0, "http://localhost:" + Ports.orFree(0), Duration.ofMinutes(3));
        }
    }

    private final Settings settings;
    private final KafkaBroker kafka;
    private final ElasticsearchNode elasticsearch;
    private final KeycloakServer keycloak;
    private final Thread shutdownHook;

    public LocalStack(Settings settings) {
        this.settings = settings;
        Path home = settings.home().toAbsolutePath();
        this.kafka = new KafkaBroker(home.resolve("kafka"), settings.kafkaPort(), "512m");
        this.elasticsearch = new ElasticsearchNode(home.resolve("elasticsearch"), settings.elasticsearchPort(), "512m");
        this.keycloak = new KeycloakServer(home.resolve("keycloak"), settings.keycloakPort(), "512m",
                settings.gatewayUrl());
        this.shutdownHook = new Thread(this::stopAll, "synergie-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public ElasticsearchNode elasticsearch() {
        return elasticsearch;
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    /** Where the gateway is expected to listen: the web client's redirect URIs in the realm point there. */
    public String gatewayUrl() {
        return settings.gatewayUrl();
    }

    public Path home() {
        return settings.home().toAbsolutePath();
    }

    public Duration startTimeout() {
        return settings.startTimeout();
    }

    /** Starts the three servers at once; if one fails, the others are stopped and its error is thrown. */
    public LocalStack startAll() {
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        starts.add(CompletableFuture.runAsync(() -> kafka.start(settings.startTimeout())));
        starts.add(CompletableFuture.runAsync(() -> elasticsearch.start(settings.startTimeout())));
        starts.add(CompletableFuture.runAsync(() -> keycloak.start(settings.startTimeout())));
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
            return this;
        } catch (CompletionException e) {
            stopAll();
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: nothing left to remove
        }
    }

    private void stopAll() {
        CompletableFuture.allOf(
                CompletableFuture.runAsync(kafka::stop),
                CompletableFuture.runAsync(elasticsearch::stop),
                CompletableFuture.runAsync(keycloak::stop)).join();
    }
}
