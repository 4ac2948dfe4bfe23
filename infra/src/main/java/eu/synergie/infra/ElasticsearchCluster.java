package eu.synergie.infra;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Several real Elasticsearch nodes on this machine forming one cluster: what the cluster profile runs, so that losing a
 * node can be shown to lose neither data nor searches (an index with one replica keeps a copy of each shard on two
 * members). One node ({@link ElasticsearchNode} alone) cannot show that, and a production cluster is several machines.
 *
 * <p>Member {@code i} ({@code 0 ≤ i < size}) is an {@link ElasticsearchNode} named {@code synergie-node-<i>} with
 * its folder {@code <folder>/node-<i>}, its own HTTPS and transport ports (free ones), and the other members'
 * transport addresses as its seed hosts. All members share one security folder, {@code <folder>/security}: one CA
 * (each member gets its own certificate from it, so members authenticate each other on the transport port) and the
 * same users and passwords; and one unpacked distribution. Every member is master-eligible: with three, the cluster
 * keeps a master and answers when any one member is lost; with two, losing the member that the voting configuration
 * kept leaves it without a master (Elasticsearch keeps an odd number of voters).
 *
 * <p>Clients may talk to any member ({@link #urls()}), trust {@link #caCertificate()} and log in as
 * {@link #gatewayUser()} or {@link #operatorUser()}, as with one node. {@link #node(int)} gives a member to stop, kill
 * or start again.
 */
public final class ElasticsearchCluster implements AutoCloseable {

    private final Path distribution;
    private final List<ElasticsearchNode> nodes;

    /**
     * @param folder where the members' folders and the shared secrets go
     * @param size   how many members (2 or more; 3 to survive the loss of any one)
     * @param heap   each member's Java heap, e.g. {@code 384m}
     */
    public ElasticsearchCluster(Path folder, int size, String heap) {
        if (size < 2) {
            throw new IllegalArgumentException("a cluster has 2 members or more, not " + size);
        }
        Path root = folder.toAbsolutePath();
        this.distribution = ElasticsearchNode.reachableFolder(root).resolve("dist");
        // All ports chosen here, all different: free ports asked for one at a time may come back twice (seen: two
        // members given one HTTP port, the second failed to bind while its readiness check reached the first).
        List<Integer> ports = distinctFreePorts(2 * size);
        List<Integer> transportPorts = ports.subList(0, size);
        List<Integer> httpPorts = ports.subList(size, 2 * size);
        List<String> names = IntStream.range(0, size).mapToObj(i -> "synergie-node-" + i).toList();
        List<ElasticsearchNode> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int self = i;
            List<String> seeds = IntStream.range(0, size).filter(j -> j != self)
                    .mapToObj(j -> "127.0.0.1:" + transportPorts.get(j)).toList();
            ElasticsearchNode.Member member = new ElasticsearchNode.Member(names.get(i), transportPorts.get(i), seeds,
                    names, root.resolve("security"), distribution);
            members.add(new ElasticsearchNode("elasticsearch-" + i, root.resolve("node-" + i), httpPorts.get(i), heap,
                    member));
        }
        this.nodes = List.copyOf(members);
    }

    /** How many members. */
    public int size() {
        return nodes.size();
    }

    /** Member {@code i}, {@code 0 ≤ i < size()}: to read its URL, or to stop, kill or start it again. */
    public ElasticsearchNode node(int i) {
        return nodes.get(i);
    }

    /** Every member's HTTPS endpoint, in member order: a client may use any of them. */
    public List<String> urls() {
        return nodes.stream().map(ElasticsearchNode::url).toList();
    }

    /** The CA certificate (PEM) that signed every member's: what a client trusts. */
    public Path caCertificate() {
        return nodes.getFirst().caCertificate();
    }

    /** The gateway's user, the same on every member. */
    public ElasticsearchNode.Credentials gatewayUser() {
        return nodes.getFirst().gatewayUser();
    }

    /** The operator's user, the same on every member. */
    public ElasticsearchNode.Credentials operatorUser() {
        return nodes.getFirst().operatorUser();
    }

    /** An HTTP client that trusts the cluster's CA and nothing else (good for every member); shared. */
    public HttpClient httpClient() {
        return nodes.getFirst().httpClient();
    }

    /**
     * Starts the members that do not run, all at once (the first election needs a majority of them), and waits until
     * the cluster has all of them. If one fails, all are stopped and its error is thrown.
     */
    public void start(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        // Once, before the members start in parallel: each would otherwise unpack it into the same folder.
        ElasticsearchNode.unpack(distribution);
        try {
            Together.start(nodes, timeout);
            while (!ready()) {
                if (System.nanoTime() > deadline) {
                    throw new ServerStartException("elasticsearch cluster", "not all " + size() + " members joined within "
                            + timeout.toSeconds() + " s", nodes.getFirst().logTail(40));
                }
                ServerProcess.sleep(Duration.ofMillis(250));
            }
        } catch (RuntimeException e) {
            stop(Duration.ofSeconds(10));
            throw e;
        }
    }

    /** True when a running member says the cluster has all {@link #size()} members. */
    public boolean ready() {
        for (ElasticsearchNode node : nodes) {
            if (node.isRunning() && ServerProcess.answers200(node.httpClient(), node.request(
                    "/_cluster/health?wait_for_nodes=" + size() + "&timeout=1s", operatorUser())
                    .timeout(Duration.ofSeconds(3)).GET().build())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Stops every member at once (SIGTERM), killing what is left after {@code grace}; data stays.
     *
     * @return true if every member stopped by itself
     */
    public boolean stop(Duration grace) {
        return Together.stop(nodes, grace);
    }

    @Override
    public void close() {
        stop(LocalServer.STOP_GRACE);
    }

    /** Fixed before any member starts: each member's seed hosts name the others' transport ports. */
    private static List<Integer> distinctFreePorts(int count) {
        Set<Integer> ports = new LinkedHashSet<>();
        while (ports.size() < count) {
            ports.add(Ports.orFree(0));
        }
        return List.copyOf(ports);
    }
}
