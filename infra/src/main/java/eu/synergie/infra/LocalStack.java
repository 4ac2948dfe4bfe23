package eu.synergie.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kafka, Elasticsearch and Keycloak on this machine, with data and logs under one folder:
 * {@code <home>/kafka}, {@code <home>/elasticsearch}, {@code <home>/keycloak}. Servers start in
 * parallel; a JVM shutdown hook stops whatever is still running, so nothing outlives us.
 *
 * <p>Stopping goes in order: first the stack's clients registered with {@link #closeBeforeServers} (the
 * gateway, a test's Spring context: their consumers commit and leave, their producers flush, while the
 * broker is still there), then the three servers at once. Whoever stops first (a {@link #close()}, our
 * shutdown hook, the quick start's) does it; the others wait for it and get the same {@link Stopped}.
 */
public final class LocalStack implements AutoCloseable {

    /** How long each server has to stop by itself before it is killed when the whole stack stops. */
    static final Duration SERVER_STOP_GRACE = Duration.ofSeconds(6);

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

    /** Something that uses the servers and must let go of them before they stop. */
    @FunctionalInterface
    public interface Client {

        /**
         * Stops using the stack (closes consumers and producers, stops a process).
         *
         * @return true if it stopped by itself, false if something had to be killed
         */
        boolean stop() throws Exception;
    }

    /**
     * How the stack stopped: each step in order (clients one by one, then the servers, which stop at once).
     *
     * @param total from the start of the stop to the last server gone
     */
    public record Stopped(List<Step> steps, Duration total) {

        public Stopped {
            steps = List.copyOf(steps);
        }

        /**
         * One client or server.
         *
         * @param clean false if it had to be killed, or its stop failed (then {@code problem} says how)
         */
        public record Step(String name, Duration took, boolean clean, String problem) {
        }
    }

    private final Settings settings;
    private final KafkaBroker kafka;
    private final ElasticsearchNode elasticsearch;
    private final KeycloakServer keycloak;
    private final Thread shutdownHook;
    private final Set<Object> owners = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Map.Entry<String, Client>> clients = new ArrayList<>();
    private Stopped stopped;

    public LocalStack(Settings settings) {
        this.settings = settings;
        Path home = settings.home().toAbsolutePath();
        this.kafka = new KafkaBroker(home.resolve("kafka"), settings.kafkaPort(), "512m");
        this.elasticsearch = new ElasticsearchNode(home.resolve("elasticsearch"), settings.elasticsearchPort(), "512m");
        this.keycloak = new KeycloakServer(home.resolve("keycloak"), settings.keycloakPort(), "512m",
                settings.gatewayUrl());
        this.shutdownHook = new Thread(this::stop, "synergie-stack-shutdown");
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

    /**
     * Has {@code client} stopped before the servers whenever the stack stops, the latest registered first.
     *
     * @param owner what the client stands for (a Spring context, a process): registering the same owner
     *              again changes nothing
     */
    public synchronized void closeBeforeServers(String name, Object owner, Client client) {
        if (owners.add(owner)) {
            clients.add(Map.entry(name, client));
        }
    }

    /** Starts the three servers at once; if one fails, the others are stopped and its error is thrown. */
    public LocalStack startAll() {
        try {
            Together.start(List.of(kafka, elasticsearch, keycloak), settings.startTimeout());
            return this;
        } catch (RuntimeException e) {
            stopServers(SERVER_STOP_GRACE);
            throw e;
        }
    }

    /**
     * Stops the clients, then the servers; data stays. Only the first call stops anything: later ones (and
     * calls while it runs) wait for it and return what it measured.
     */
    public synchronized Stopped stop() {
        if (stopped != null) {
            return stopped;
        }
        long started = System.nanoTime();
        List<Stopped.Step> steps = new ArrayList<>();
        for (Map.Entry<String, Client> client : clients.reversed()) {
            steps.add(stopClient(client.getKey(), client.getValue()));
        }
        steps.addAll(stopServers(SERVER_STOP_GRACE));
        stopped = new Stopped(steps, Duration.ofNanos(System.nanoTime() - started));
        return stopped;
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: nothing left to remove
        }
    }

    private static Stopped.Step stopClient(String name, Client client) {
        long started = System.nanoTime();
        try {
            boolean clean = client.stop();
            return new Stopped.Step(name, Duration.ofNanos(System.nanoTime() - started), clean,
                    clean ? "" : "killed");
        } catch (Exception e) {
            return new Stopped.Step(name, Duration.ofNanos(System.nanoTime() - started), false, e.toString());
        }
    }

    /** The servers at once, each in a thread of its own: nothing here waits on a shared pool. */
    private List<Stopped.Step> stopServers(Duration grace) {
        List<LocalServer> servers = List.of(kafka, elasticsearch, keycloak);
        Stopped.Step[] steps = new Stopped.Step[servers.size()];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            LocalServer server = servers.get(i);
            int slot = i;
            threads.add(Thread.ofPlatform().name("synergie-stop-" + server.name()).start(() -> {
                long started = System.nanoTime();
                boolean wasRunning = server.isRunning();
                boolean clean = server.stop(grace);
                steps[slot] = new Stopped.Step(server.name(), Duration.ofNanos(System.nanoTime() - started), clean,
                        clean ? (wasRunning ? "" : "not running") : "killed after " + grace.toSeconds() + " s");
            }));
        }
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return List.of(steps);
    }
}
