package eu.synergie.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * The cluster profile's stack for the tests ({@link ClusterStack}: 3 brokers, 2 Elasticsearch nodes, 2 gateways and
 * HAProxy, with the {@link SharedStack}'s Keycloak), once per test JVM: each part starts the first time a test asks for
 * it (a test of the Kafka cluster alone starts only the brokers), and everything stops before the shared stack's
 * servers when the JVM ends. Data starts empty on every run, under {@code <shared stack's folder>/cluster}.
 *
 * <p>The gateways run the jar the gateway module built ({@code <gateway module>/target/synergie-gateway-exec.jar}, the
 * module named by the system property {@code synergie.gateway.module}, as for the other gateway processes of the
 * tests), with the demo agencies, users and notices loaded by the first.
 */
public final class SharedCluster {

    private static final Duration START = Duration.ofMinutes(5);
    private static ClusterStack stack;

    private SharedCluster() {
    }

    /** The stack, nothing started yet. */
    public static synchronized ClusterStack get() {
        if (stack == null) {
            Path home = SharedStack.get().home().resolve("cluster");
            try {
                Distributions.deleteRecursively(home);
                Files.createDirectories(home);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clear the previous run's cluster under " + home, e);
            }
            Path jar = Path.of(System.getProperty("synergie.gateway.module", "../gateway"))
                    .resolve("target/synergie-gateway-exec.jar").toAbsolutePath().normalize();
            KeycloakServer keycloak = SharedStack.keycloak();
            ClusterStack created = new ClusterStack(new ClusterStack.Settings(home, jar, 0, 2,
                    UUID.randomUUID().toString(), true, START), keycloak);
            try {
                // A node's folder may live elsewhere (under the temporary folder when ours is closed to its user).
                for (int i = 0; i < created.elasticsearch().size(); i++) {
                    Distributions.deleteRecursively(created.elasticsearch().node(i).folder().resolve("data"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clear the previous run's Elasticsearch cluster", e);
            }
            SharedStack.closeBeforeServers("cluster", created, () -> created.stop(LocalStack.SERVER_STOP_GRACE));
            stack = created;
        }
        return stack;
    }

    /** The Kafka cluster, running (its members that were stopped or killed are started again). */
    public static KafkaCluster kafka() {
        ClusterStack cluster = get();
        cluster.kafka().start(START);
        return cluster.kafka();
    }

    /** The Elasticsearch cluster, running (its members that were stopped or killed are started again). */
    public static ElasticsearchCluster elasticsearch() {
        ClusterStack cluster = get();
        cluster.elasticsearch().start(START);
        return cluster.elasticsearch();
    }

    /** Everything running: both clusters, every gateway, HAProxy. */
    public static ClusterStack all() {
        ClusterStack cluster = get();
        cluster.start();
        return cluster;
    }
}
