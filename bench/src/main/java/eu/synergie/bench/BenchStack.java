package eu.synergie.bench;

import eu.synergie.gateway.SynergieGateway;
import eu.synergie.infra.LocalStack;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The real stack and the gateway as the benchmarks run them: Kafka, Elasticsearch and Keycloak from
 * infra's {@link LocalStack} on free ports under one folder, and the gateway in the benchmark's JVM.
 */
final class BenchStack {

    /** The gateway running in this JVM and the port it listens on. */
    record Gateway(ConfigurableApplicationContext context, int port) {
    }

    private BenchStack() {
    }

    /**
     * Starts the stack under {@code home} with fresh Kafka, Keycloak and gateway data; Elasticsearch's data
     * is emptied too unless {@code keepElasticsearchData} (a search benchmark reusing a loaded index).
     */
    static LocalStack start(Path home, boolean keepElasticsearchData) throws IOException {
        return prepare(home, keepElasticsearchData).startAll();
    }

    /** The stack under {@code home} with its data emptied as {@link #start} does, nothing started yet. */
    static LocalStack prepare(Path home, boolean keepElasticsearchData) throws IOException {
        return prepare(home, keepElasticsearchData, LocalStack.Settings.freePorts(home).startTimeout());
    }

    /** The same, each server given {@code startTimeout} (Keycloak's first start builds it: minutes on a busy machine). */
    static LocalStack prepare(Path home, boolean keepElasticsearchData, Duration startTimeout) throws IOException {
        Files.createDirectories(home);
        LocalStack.Settings free = LocalStack.Settings.freePorts(home);
        LocalStack stack = new LocalStack(new LocalStack.Settings(free.home(), free.kafkaPort(), free.elasticsearchPort(),
                free.keycloakPort(), free.gatewayUrl(), startTimeout));
        deleteRecursively(home.resolve("kafka/data"));
        if (!keepElasticsearchData) {
            deleteRecursively(stack.elasticsearch().folder().resolve("data"));
        }
        deleteRecursively(home.resolve("gateway"));
        Path keycloak = home.resolve("keycloak");
        if (Files.isDirectory(keycloak)) {
            try (var dists = Files.list(keycloak)) {
                for (Path dist : dists.filter(p -> p.getFileName().toString().startsWith("keycloak-")).toList()) {
                    deleteRecursively(dist.resolve("data/h2"));
                }
            }
        }
        return stack;
    }

    /** Starts the gateway in this JVM against {@code stack}, with its data under {@code home/gateway}. */
    static Gateway startGateway(LocalStack stack, Path home, List<String> extraProperties) throws IOException {
        int port = eu.synergie.infra.Ports.free();
        Path gatewayHome = home.resolve("gateway");
        Files.createDirectories(gatewayHome);
        SpringApplication application = new SpringApplication(SynergieGateway.class);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + stack.kafka().bootstrapServers(),
                "--synergie.kafka.password=" + stack.kafka().gateway().password(),
                "--spring.ssl.bundle.pem.kafka.truststore.certificate=" + stack.kafka().caCertificate(),
                "--spring.elasticsearch.uris=" + stack.elasticsearch().url(),
                // Arguments of this JVM's own Spring application, not of a process: no other user can read them.
                "--spring.elasticsearch.username=" + stack.elasticsearch().gatewayUser().username(),
                "--spring.elasticsearch.password=" + stack.elasticsearch().gatewayUser().password(),
                "--spring.ssl.bundle.pem.elasticsearch.truststore.certificate=" + stack.elasticsearch().caCertificate(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + stack.keycloak().issuer(),
                "--synergie.access.client-secret=" + stack.keycloak().gatewayClientSecret(),
                // A benchmark measures the exchange, not the per-client rate limiter: limits far above what it sends.
                "--synergie.limits.rate.publish.capacity=1000000000",
                "--synergie.limits.rate.search.capacity=1000000000",
                "--synergie.home=" + gatewayHome,
                "--synergie.keys-password=" + UUID.randomUUID(),
                "--synergie.demo.enabled=false",
                // Quiet console; the gateway's log, audit lines included, goes to a file as in production.
                "--logging.threshold.console=WARN",
                "--logging.file.name=" + gatewayHome.resolve("gateway.log")));
        extraProperties.forEach(property -> arguments.add("--" + property));
        return new Gateway(application.run(arguments.toArray(String[]::new)), port);
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
