package eu.synergie.gateway;

import eu.synergie.infra.ElasticsearchNode;
import eu.synergie.infra.GatewayProcess;
import eu.synergie.infra.KafkaBroker;
import eu.synergie.infra.LocalStack;
import eu.synergie.infra.MirrorMaker;
import eu.synergie.infra.SharedPeer;
import eu.synergie.infra.SharedStack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A second exchange, {@value #NAME}, for the federation tests: its own Kafka and Elasticsearch ({@link SharedPeer}), its
 * own gateway in a child JVM with its own keys and CA, and MirrorMaker 2 both ways between its cluster and the shared
 * stack's exchange ({@value #HOME_NAME}). Started once per test JVM, the first time a test asks; stopped before the
 * shared servers. It shares the one Keycloak and its realm with the home exchange (one realm per exchange is what a real
 * deployment has; on one machine the tests save a second Keycloak): the same people log in to both, each exchange
 * applies its own access rule to them.
 */
final class PeerExchange {

    static final String NAME = "EXCH-MED";
    static final String HOME_NAME = "EXCH-EU";

    private static PeerExchange started;

    final KafkaBroker kafka;
    final ElasticsearchNode elasticsearch;
    final GatewayProcess gateway;
    final Path home;
    final String keysPassword = UUID.randomUUID().toString();

    private PeerExchange(KafkaBroker kafka, ElasticsearchNode elasticsearch, Path folder, int port) {
        this.kafka = kafka;
        this.elasticsearch = elasticsearch;
        this.home = folder;
        LocalStack stack = SharedStack.get();
        Map<String, String> environment = new HashMap<>(Map.of(
                "SYNERGIE_PORT", String.valueOf(port),
                "SYNERGIE_ISSUER", stack.keycloak().issuer(),
                "SYNERGIE_KEYCLOAK_CLIENT_SECRET", stack.keycloak().gatewayClientSecret(),
                "SYNERGIE_HOME", folder.toString(),
                "SYNERGIE_KEYS_PASSWORD", keysPassword,
                "SYNERGIE_EXCHANGE_NAME", NAME));
        environment.putAll(GatewayProcess.Settings.elasticsearchEnvironment(elasticsearch));
        environment.putAll(GatewayProcess.Settings.kafkaEnvironment(kafka));
        this.gateway = new GatewayProcess(new GatewayProcess.Settings(
                GatewayIntegrationTest.module().resolve("target/synergie-gateway-exec.jar"), folder, port, environment, List.of()));
    }

    /** The peer, running, with MirrorMaker 2 copying each exchange's outbound topic for the other into the other's cluster. */
    static synchronized PeerExchange get() {
        if (started != null) {
            return started;
        }
        LocalStack stack = SharedStack.all();
        KafkaBroker kafka = SharedPeer.kafka();
        ElasticsearchNode elasticsearch = SharedPeer.elasticsearch();
        PeerExchange peer = new PeerExchange(kafka, elasticsearch, stack.home().resolve("peer/gateway-" + UUID.randomUUID()),
                freePort());
        stack.closeBeforeServers("peer gateway", peer.gateway, () -> peer.gateway.stop(Duration.ofSeconds(10)));
        peer.gateway.start(Duration.ofMinutes(4));
        // MirrorMaker copies what exists when it starts (and finds new topics within seconds): the outbound topics first.
        // Each cluster opened to the other (the MirrorMakers' principals, the gateway reading its copy), then the topics.
        stack.kafka().openFederation(HOME_NAME, NAME);
        kafka.openFederation(NAME, HOME_NAME);
        SharedPeer.createFederationTopic(stack.kafka(), "synergie.federation.out." + NAME);
        SharedPeer.createFederationTopic(kafka, "synergie.federation.out." + HOME_NAME);
        SharedPeer.createFederationTopic(kafka, HOME_NAME + ".synergie.federation.out." + NAME);
        SharedPeer.createFederationTopic(stack.kafka(), NAME + ".synergie.federation.out." + HOME_NAME);
        SharedPeer.mirror(new MirrorMaker.Flow(HOME_NAME, stack.kafka().mirror(NAME), NAME, kafka.mirror(HOME_NAME),
                "synergie\\.federation\\.out\\." + NAME), MirrorMaker.Delivery.EXACTLY_ONCE);
        SharedPeer.mirror(new MirrorMaker.Flow(NAME, kafka.mirror(HOME_NAME), HOME_NAME, stack.kafka().mirror(NAME),
                "synergie\\.federation\\.out\\." + HOME_NAME), MirrorMaker.Delivery.EXACTLY_ONCE);
        started = peer;
        return peer;
    }

    String url() {
        return gateway.url();
    }

    /** Where the copy of what the home exchange sends this peer lands in the peer's cluster. */
    static String inboundTopic() {
        return HOME_NAME + ".synergie.federation.out." + NAME;
    }

    private static int freePort() {
        return eu.synergie.infra.Ports.free();
    }
}
