package eu.synergie.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * The quick start of the cluster profile ({@code ./run --cluster}): Keycloak, then {@link ClusterStack} (3 Kafka
 * brokers, 3 Elasticsearch nodes, 2 gateways with the demo, HAProxy on the gateway's usual port), under
 * {@code <home>/cluster} (Keycloak stays at {@code <home>/keycloak}). Ctrl-C stops HAProxy and the gateways first,
 * then the clusters and Keycloak. Nothing restarts a member that dies here: the point is to kill one and watch the
 * others carry on.
 */
final class ClusterMain {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);

    private ClusterMain() {
    }

    static void run(Path home, Path gatewayJar, int port, String keysPassword) {
        long started = System.nanoTime();
        String url = "http://localhost:" + port;
        LocalStack stack = new LocalStack(new LocalStack.Settings(home, 0, 0, 8180, url, START_TIMEOUT));
        ClusterStack cluster = new ClusterStack(new ClusterStack.Settings(home.resolve("cluster"), gatewayJar, port, 2,
                keysPassword, true, START_TIMEOUT), stack.keycloak());
        stack.closeBeforeServers("cluster", cluster, () -> cluster.stop(LocalStack.SERVER_STOP_GRACE));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping …");
            stack.stop();
            System.out.println("Stopped. Data and logs stay in " + home);
        }, "synergie-stop"));
        System.out.println("Starting Keycloak, then 3 Kafka brokers, 3 Elasticsearch nodes, 2 gateways and HAProxy under "
                + home.resolve("cluster") + " …");
        try {
            stack.keycloak().start(START_TIMEOUT);
            cluster.start();
        } catch (ServerStartException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
        System.out.println("""

                Synergie is running on clusters (ready in %d s).

                  Web UI, API     %s  (HAProxy, in front of the gateways; demo logins as in the single-node quick start)
                  gateways        %s
                  Kafka           %s  (3 brokers, replication 3, min.insync.replicas 2; operator settings in
                                  %s)
                  Elasticsearch   %s  (3 nodes, 1 replica; operator synergie-operator,
                                  password in %s)
                  Keycloak        %s
                  Data and logs   %s

                Kill a member and watch the others carry on, e.g. a broker: pkill -9 -f '%s'
                Ctrl-C stops everything.
                """.formatted(Duration.ofNanos(System.nanoTime() - started).toSeconds(), cluster.url(),
                cluster.gateways().stream().map(GatewayProcess::url).collect(Collectors.joining(", ")),
                cluster.kafka().bootstrapServers(), cluster.kafka().brokers().getFirst().operatorProperties(),
                String.join(", ", cluster.elasticsearch().urls()),
                cluster.elasticsearch().node(0).operatorPasswordFile(), stack.keycloak().url(), home.resolve("cluster"),
                home.resolve("cluster/kafka/broker-2")));
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
