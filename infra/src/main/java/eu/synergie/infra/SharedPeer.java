package eu.synergie.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A peer exchange's Kafka, Elasticsearch and the MirrorMakers between it and the {@link SharedStack}'s, for the federation tests:
 * started the first time a test asks for them, once per test JVM, and stopped before the shared stack's servers when
 * the JVM ends (the MirrorMakers first, while both clusters are still there). The peer's data starts empty on every
 * run, under {@code <shared stack's folder>/peer}.
 */
public final class SharedPeer {

    private static final String PEER_HEAP = "384m";
    private static final String MIRROR_HEAP = "256m";

    private static KafkaBroker kafka;
    private static ElasticsearchNode elasticsearch;
    private static final Map<MirrorMaker.Flow, MirrorMaker> MIRRORS = new HashMap<>();

    private SharedPeer() {
    }

    /** The peer's broker: a second single-node cluster of its own (free ports, its own folder), running. */
    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            kafka = fresh("kafka", folder -> new KafkaBroker("peer kafka", folder, 0, PEER_HEAP));
        }
        kafka.start(SharedStack.get().startTimeout());
        return kafka;
    }

    /** The peer's Elasticsearch node, running, its data empty on every run. */
    public static synchronized ElasticsearchNode elasticsearch() {
        if (elasticsearch == null) {
            elasticsearch = fresh("elasticsearch", folder -> new ElasticsearchNode("peer elasticsearch", folder, 0, PEER_HEAP));
        }
        elasticsearch.start(SharedStack.get().startTimeout());
        return elasticsearch;
    }

    /** One of the peer's servers in {@code <peer folder>/<name>}, the previous run's data cleared, stopped before the stack's. */
    private static <S extends LocalServer> S fresh(String name, java.util.function.Function<Path, S> make) {
        Path folder = folder().resolve(name);
        try {
            Distributions.deleteRecursively(folder.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the peer's " + name + " data of the previous run", e);
        }
        S server = make.apply(folder);
        SharedStack.get().closeBeforeServers(server.name(), server, () -> server.stop(LocalStack.SERVER_STOP_GRACE));
        return server;
    }

    /** A federation topic: one partition, the broker's append time, as the exchanges declare theirs. */
    public static void createFederationTopic(KafkaBroker kafka, String name) {
        PeerNetwork.createTopic(kafka.operator(), name);
    }

    /**
     * The MirrorMaker of {@code flow}, running and copying; the same flow again gives the same one, whatever the
     * delivery asked the second time. Its folder is {@code <peer folder>/mirrormaker-<source>-<target>}.
     */
    public static synchronized MirrorMaker mirror(MirrorMaker.Flow flow, MirrorMaker.Delivery delivery) {
        LocalStack stack = SharedStack.get();
        MirrorMaker mirror = MIRRORS.get(flow);
        if (mirror == null) {
            mirror = new MirrorMaker(folder().resolve("mirrormaker-" + flow.source() + "-" + flow.target()), flow,
                    delivery, MIRROR_HEAP);
            MirrorMaker registered = mirror;
            // Registered after the peer's broker, so stopped before it: the latest registered stops first.
            stack.closeBeforeServers(mirror.name(), mirror, () -> registered.stop(LocalStack.SERVER_STOP_GRACE));
            MIRRORS.put(flow, mirror);
        }
        mirror.start(stack.startTimeout());
        return mirror;
    }

    private static Path folder() {
        return SharedStack.get().home().resolve("peer");
    }
}
