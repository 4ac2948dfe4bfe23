package eu.synergie.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * The gateway's executable jar in a child JVM under the same guard as the servers, pointed at a
 * {@link LocalStack}: what the quick start runs, and what a test can kill to see the {@link Supervisor} at work.
 * Ready when {@code /actuator/health/readiness} answers 200 (Kafka, Elasticsearch and Keycloak reachable, the trust
 * registry current).
 */
public final class GatewayProcess implements Supervised {

    /** How long the gateway has to stop by itself (requests in flight, consumers, producers) before it is killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    /**
     * How to run the gateway.
     *
     * @param environment the process environment on top of ours (the gateway reads {@code SYNERGIE_*})
     * @param arguments   command-line arguments of the application ({@code --spring.some.key=value})
     */
    public record Settings(Path jar, Path folder, int port, Map<String, String> environment, List<String> arguments) {

        public Settings {
            jar = jar.toAbsolutePath();
            folder = folder.toAbsolutePath();
            environment = Map.copyOf(environment);
            arguments = List.copyOf(arguments);
        }

        /** The gateway on {@code port}, connected to the servers of {@code stack}, its keys and log under {@code folder}. */
        public static Settings against(LocalStack stack, Path jar, Path folder, int port, String keysPassword) {
            Map<String, String> environment = new HashMap<>(Map.of(
                    "SYNERGIE_PORT", String.valueOf(port),
                    "SYNERGIE_ISSUER", stack.keycloak().issuer(),
                    "SYNERGIE_KEYCLOAK_CLIENT_SECRET", stack.keycloak().gatewayClientSecret(),
                    "SYNERGIE_HOME", folder.toAbsolutePath().toString(),
                    "SYNERGIE_KEYS_PASSWORD", keysPassword));
            environment.putAll(elasticsearchEnvironment(stack.elasticsearch()));
            environment.putAll(kafkaEnvironment(stack.kafka()));
            return new Settings(jar, folder, port, environment, List.of());
        }

        /**
         * How the gateway reaches {@code node}: its HTTPS address, the CA to trust, and the gateway's user. In the
         * environment, never on the command line, where any local user could read the password.
         */
        public static Map<String, String> elasticsearchEnvironment(ElasticsearchNode node) {
            return Map.of(
                    "SYNERGIE_ELASTICSEARCH", node.url(),
                    "SYNERGIE_ELASTICSEARCH_CA", node.caCertificate().toString(),
                    "SYNERGIE_ELASTICSEARCH_USERNAME", node.gatewayUser().username(),
                    "SYNERGIE_ELASTICSEARCH_PASSWORD", node.gatewayUser().password());
        }

        /**
         * How the gateway reaches {@code broker}: its address, the CA to trust, and the gateway's principal. In the
         * environment, never on the command line.
         */
        public static Map<String, String> kafkaEnvironment(KafkaBroker broker) {
            return Map.of(
                    "SYNERGIE_KAFKA", broker.bootstrapServers(),
                    "SYNERGIE_KAFKA_CA", broker.caCertificate().toString(),
                    "SYNERGIE_KAFKA_USERNAME", broker.gateway().principal(),
                    "SYNERGIE_KAFKA_PASSWORD", broker.gateway().password());
        }

        public Settings withEnvironment(String name, String value) {
            Map<String, String> more = new HashMap<>(environment);
            more.put(name, value);
            return new Settings(jar, folder, port, more, arguments);
        }

        public Settings withArguments(String... more) {
            List<String> all = new ArrayList<>(arguments);
            all.addAll(List.of(more));
            return new Settings(jar, folder, port, environment, all);
        }
    }

    private static final String NAME = "gateway";

    private final String name;
    private final Settings settings;
    private volatile ServerProcess process;

    public GatewayProcess(Settings settings) {
        this(NAME, settings);
    }

    /** @param name how the supervisor and the messages call it (a second exchange's: {@code peer gateway}) */
    public GatewayProcess(String name, Settings settings) {
        this.name = name;
        this.settings = settings;
    }

    @Override
    public String name() {
        return name;
    }

    /** Where it listens, e.g. {@code http://localhost:8080}. */
    public String url() {
        return "http://localhost:" + settings.port();
    }

    /** The gateway's log: its console, appended to across restarts. */
    public Path log() {
        return settings.folder().resolve("logs/gateway.log");
    }

    /**
     * Starts the gateway and waits until it is ready; a running gateway is left alone, what is left of one
     * that exited is stopped first. An interrupt while waiting stops the half-started gateway.
     */
    @Override
    public synchronized void start(Duration timeout) {
        if (isRunning()) {
            return;
        }
        if (process != null) {
            stop(Duration.ofSeconds(10));
        }
        try {
            Files.createDirectories(log().getParent());
        } catch (IOException e) {
            throw new ServerStartException(NAME, "cannot create " + log().getParent(), e);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xms256m", "-Xmx768m",
                "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                "-jar", settings.jar().toString()));
        command.addAll(settings.arguments());
        process = ServerProcess.start(NAME, command, settings.environment(), settings.folder(), log(), List.of());
        try {
            process.awaitReady(timeout, this::ready);
        } catch (RuntimeException e) {
            stop(LocalServer.afterFailedStart());
            throw e;
        }
    }

    public boolean isRunning() {
        ServerProcess current = process;
        return current != null && current.isAlive();
    }

    @Override
    public boolean ready() {
        return ServerProcess.answers200("http://127.0.0.1:" + settings.port() + "/actuator/health/readiness");
    }

    @Override
    public boolean checkedWhileRunning() {
        return true;
    }

    @Override
    public CompletableFuture<Integer> exited() {
        ServerProcess current = process;
        if (current == null) {
            throw new IllegalStateException("the gateway has not been started");
        }
        return current.exited();
    }

    /** The gateway's JVM while it runs (not the guard around it). */
    public OptionalLong jvmPid() {
        ServerProcess current = process;
        return current == null ? OptionalLong.empty()
                : current.serverHandle().map(handle -> OptionalLong.of(handle.pid())).orElse(OptionalLong.empty());
    }

    @Override
    public String logTail(int lines) {
        ServerProcess current = process;
        if (current != null) {
            return current.logTail(lines);
        }
        return Files.isRegularFile(log()) ? ServerProcess.tailOf(log(), lines) : "";
    }

    @Override
    public synchronized boolean stop(Duration grace) {
        ServerProcess current = process;
        process = null;
        return current == null || current.stop(grace);
    }

    @Override
    public void close() {
        stop(STOP_GRACE);
    }
}
