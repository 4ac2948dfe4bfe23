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
        LocalStack stack = SharedStack.get();
        if (kafka == null) {
            Path folder = folder().resolve("kafka");
            try {
                Distributions.deleteRecursively(folder.resolve("data"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clear the peer broker's data of the previous run", e);
            }
            KafkaBroker broker = new KafkaBroker(folder, 0, PEER_HEAP);
            stack.closeBeforeServers("peer kafka", broker, () -> broker.stop(LocalStack.SERVER_STOP_GRACE));
            kafka = broker;
        }
        kafka.start(stack.startTimeout());
        return kafka;
    }

    /** The peer's Elasticsearch node, running, its data empty on every run. */
    public static synchronized ElasticsearchNode elasticsearch() {
        LocalStack stack = SharedStack.get();
        if (elasticsearch == null) {
            Path folder = folder().resolve("elasticsearch");
            try {
                Distributions.deleteRecursively(folder.resolve("data"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clear the peer node's data of the previous run", e);
            }
            ElasticsearchNode node = new ElasticsearchNode(folder, 0, PEER_HEAP);
            stack.closeBeforeServers("peer elasticsearch", node, () -> node.stop(LocalStack.SERVER_STOP_GRACE));
            elasticsearch = node;
        }
        elasticsearch.start(stack.startTimeout());
        return elasticsearch;
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
