package eu.synergie.infra;

import org.apache.kafka.common.Uuid;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Several KRaft brokers forming one cluster on this machine, each broker and controller in one process, as the
 * cluster profile runs them: the controllers' quorum is every member (a majority keeps it), internal topics and topics
 * created without a replication factor get one replica per member, and writes with {@code acks=all} wait for a
 * majority ({@code min.insync.replicas}), so that one member may be down, killed or restarting without a write being
 * refused or lost.
 *
 * <p>Members live in {@code <folder>/broker-<id>} and share {@code <folder>/security}: one CA, one set of SCRAM users
 * and ACLs (the cluster's metadata holds them once for all), one broker certificate (every member answers at
 * 127.0.0.1; on real hosts each would have its own, from the same CA). Clients take {@link #gateway()} or
 * {@link #operator()}, which name every member in {@code bootstrap.servers}.
 */
public final class KafkaCluster {

    private final List<KafkaBroker> brokers;

    /**
     * @param name   how the messages call it: its members are {@code <name>-<id>}
     * @param size   members, at least 3 (a quorum of 2 would stop at the first failure)
     * @param heap   each member's maximum heap, e.g. {@code 384m}
     */
    public KafkaCluster(String name, Path folder, int size, String heap) {
        if (size < 3) {
            throw new IllegalArgumentException("a cluster that survives a failure has at least 3 members, not " + size);
        }
        Path root = folder.toAbsolutePath();
        int[] ports = new int[size];
        int[] internalPorts = new int[size];
        int[] controllerPorts = new int[size];
        for (int i = 0; i < size; i++) {
            ports[i] = Ports.orFree(0);
            internalPorts[i] = Ports.orFree(0);
            controllerPorts[i] = Ports.orFree(0);
        }
        StringBuilder quorum = new StringBuilder();
        for (int i = 0; i < size; i++) {
            quorum.append(i == 0 ? "" : ",").append(i + 1).append("@127.0.0.1:").append(controllerPorts[i]);
        }
        String clusterId = Uuid.randomUuid().toString();
        List<KafkaBroker> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int id = i + 1;
            members.add(new KafkaBroker(name + "-" + id, root.resolve("broker-" + id), heap,
                    new KafkaBroker.Member(id, ports[i], internalPorts[i], controllerPorts[i], quorum.toString(),
                            root.resolve("security"), clusterId, size)));
        }
        this.brokers = List.copyOf(members);
    }

    /** The members, in node id order (member {@code i} has node id {@code i + 1}). */
    public List<KafkaBroker> brokers() {
        return brokers;
    }

    /** Every member's {@code host:port}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return brokers.stream().map(KafkaBroker::bootstrapServers).collect(Collectors.joining(","));
    }

    /** The exchange's principal, every member named. */
    public KafkaBroker.Access gateway() {
        return brokers.getFirst().gateway().at(bootstrapServers());
    }

    /** A super user, every member named. */
    public KafkaBroker.Access operator() {
        return brokers.getFirst().operator().at(bootstrapServers());
    }

    /** The CA that signed the members' certificate. */
    public Path caCertificate() {
        return brokers.getFirst().caCertificate();
    }

    /**
     * Starts the members that are not running, at once (a member is ready only once a majority of controllers is up,
     * so they cannot start one after the other); if one fails, its error is thrown.
     */
    public void start(Duration timeout) {
        Together.start(brokers, timeout);
    }

    /**
     * Stops every member at once; data stays.
     *
     * @return true if each stopped by itself within {@code grace}
     */
    public boolean stop(Duration grace) {
        return Together.stop(brokers, grace);
    }
}
