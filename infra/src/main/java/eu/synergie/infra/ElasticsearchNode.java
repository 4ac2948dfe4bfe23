package eu.synergie.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * A real Elasticsearch node from the {@code integ-test-zip} distribution on Maven Central, run
 * with the JDK that runs us. Elasticsearch refuses to run as root: when we are root it runs as the
 * unprivileged system user {@value #USER}, created on first use, and its folders belong to that user.
 *
 * <p>Security is on: HTTPS only, with a certificate from a CA of the node's own, and no request without a user's
 * password ({@link ElasticsearchSecurity}). Clients use {@link #url()}, trust {@link #caCertificate()} (or take
 * {@link #sslContext()} or {@link #httpClient()}) and log in as {@link #gatewayUser()} (what the gateway may do) or
 * {@link #operatorUser()} (everything). The CA and the passwords are made on first use and kept in
 * {@code <folder>/security}, readable by our user only.
 *
 * <p>A node is a cluster of its own ({@code discovery.type: single-node}) unless it is made as one member of an
 * {@link ElasticsearchCluster}.
 */
public final class ElasticsearchNode extends LocalServer {

    static final String USER = "synergie";
    private static final String SERVER = "elasticsearch";
    private static final String NODE_NAME = "synergie-1";

    /**
     * A user of the node and its password, for HTTP basic authentication. Its {@code toString} leaves the password out.
     */
    public record Credentials(String username, String password) {

        public Credentials {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        /** The value of an {@code Authorization} header (RFC 7617). */
        public String basicAuthorization() {
            return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Credentials[username=" + username + "]";
        }
    }

    /**
     * What makes a node one member of a cluster rather than a cluster of its own: its name, its transport port (known
     * before it starts, since the other members look for it there), the transport addresses of the others, the names
     * of all members (for the cluster's first election), and the secrets and distribution shared by all members.
     */
    record Member(String nodeName, int transportPort, List<String> seedHosts, List<String> initialMasterNodes,
                  Path securityFolder, Path distribution) {

        Member {
            Objects.requireNonNull(nodeName, "nodeName");
            seedHosts = List.copyOf(seedHosts);
            initialMasterNodes = List.copyOf(initialMasterNodes);
            Objects.requireNonNull(securityFolder, "securityFolder");
            Objects.requireNonNull(distribution, "distribution");
        }
    }

    private final Path folder;
    private final Path securityFolder;
    private final Path distribution;
    private final int port;
    private final int transportPort;
    private final String heap;
    /** Null for a cluster of its own ({@code discovery.type: single-node}). */
    private final Member member;
    /**
     * Guards the secrets and the client, not the node itself: {@link #start} holds the node's monitor for as long as the
     * node takes to start, and a client asking for a password meanwhile (a search through another member of the
     * cluster) must not wait for it.
     */
    private final Object clientLock = new Object();
    private ElasticsearchSecurity security;
    private HttpClient httpClient;

    ElasticsearchNode(Path folder, int port, String heap) {
        this(SERVER, folder, port, heap);
    }

    /** @param name how the supervisor and the messages call it (a second exchange's node: {@code peer elasticsearch}) */
    ElasticsearchNode(String name, Path folder, int port, String heap) {
        this(name, folder, port, heap, null);
    }

    /**
     * One member of a cluster ({@link ElasticsearchCluster}): its secrets and distribution are the cluster's, its
     * transport port and the other members' are given.
     */
    ElasticsearchNode(String name, Path folder, int port, String heap, Member member) {
        super(name);
        this.member = member;
        // The secrets stay in the folder we were given, which only our user reads; the node gets copies of what it needs.
        this.securityFolder = member == null ? folder.toAbsolutePath().resolve("security") : member.securityFolder();
        this.folder = reachableFolder(folder.toAbsolutePath());
        this.distribution = member == null ? this.folder.resolve("dist") : member.distribution();
        this.port = Ports.orFree(port);
        this.transportPort = member == null ? Ports.orFree(0) : member.transportPort();
        this.heap = heap;
    }

    /** The HTTPS endpoint, e.g. {@code https://127.0.0.1:9200}. */
    public String url() {
        return "https://127.0.0.1:" + port;
    }

    /** Where the node listens to other nodes (TLS with a certificate of the CA on both sides). */
    int transportPort() {
        return transportPort;
    }

    /** Where data and logs are (moved under the temporary folder when ours is closed to the server's user). */
    public Path folder() {
        return folder;
    }

    /** The user the gateway logs in as: the {@code notices*} and {@code audit*} indices, the cluster's health. */
    public Credentials gatewayUser() {
        return security().gateway();
    }

    /** The operator's user (role {@code superuser}): for people, and for tests that look at the node as a whole. */
    public Credentials operatorUser() {
        return security().operator();
    }

    /** The CA certificate (PEM) that signed the node's: what a client trusts ({@code curl --cacert}). */
    public Path caCertificate() {
        return security().caCertificate();
    }

    /** The file that holds the operator's password (readable by our user only). */
    public Path operatorPasswordFile() {
        return security().operatorPasswordFile();
    }

    /** A TLS context that trusts this node's CA and nothing else. */
    public SSLContext sslContext() {
        return security().sslContext();
    }

    /** An HTTP client that trusts this node's CA and nothing else, and checks the node's name; shared. */
    public HttpClient httpClient() {
        synchronized (clientLock) {
            if (httpClient == null) {
                httpClient = HttpClient.newBuilder().sslContext(sslContext()).connectTimeout(Duration.ofSeconds(5)).build();
            }
            return httpClient;
        }
    }

    /** A request to {@code path} of the node (e.g. {@code /notices/_count}) as {@code user}. */
    public HttpRequest.Builder request(String path, Credentials user) {
        return HttpRequest.newBuilder(URI.create(url() + path)).header("Authorization", user.basicAuthorization());
    }

    /** The CA and the passwords, made on first use (the gateway's settings need them before the node starts). */
    private ElasticsearchSecurity security() {
        synchronized (clientLock) {
            if (security == null) {
                security = ElasticsearchSecurity.loadOrCreate(securityFolder);
            }
            return security;
        }
    }

    @Override
    Path lockFolder() {
        return folder.resolve("lock");
    }

    /** Ready at a yellow or green cluster, as the operator sees it over HTTPS. */
    @Override
    public boolean ready() {
        return ServerProcess.answers200(httpClient(),
                request("/_cluster/health?wait_for_status=yellow&timeout=1s", operatorUser()).timeout(Duration.ofSeconds(3)).GET().build());
    }

    @Override
    ServerProcess launch() throws IOException {
        Path data = folder.resolve("data");
        Path logs = folder.resolve("logs");
        Path config = folder.resolve("config");
        Path tmp = folder.resolve("tmp");
        Path home = unpack(distribution);
        boolean fresh = !Files.isDirectory(data) || isEmpty(data);
        for (Path dir : List.of(data, logs, config, tmp)) {
            Files.createDirectories(dir);
        }
        copyConfig(home.resolve("config"), config);
        String nodeName = member == null ? NODE_NAME : member.nodeName();
        security().writeNodeFiles(config, nodeName);
        Files.writeString(config.resolve("elasticsearch.yml"), """
                cluster.name: synergie
                node.name: %s
                %s
                network.host: 127.0.0.1
                http.port: %d
                transport.port: %d
                path.data: %s
                path.logs: %s
                xpack.ml.enabled: false
                action.destructive_requires_name: true
                """.formatted(nodeName, discovery(fresh), port, transportPort, data, logs) + ElasticsearchSecurity.settings());
        // Its configuration (keys, password hashes) is for the node's user alone.
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rwx------"));
        List<String> command = new ArrayList<>();
        if (runningAsRoot()) {
            ensureUser();
            chown(List.of(data, logs, config, tmp, lockFolder()));
            command.addAll(List.of("setpriv", "--reuid=" + USER, "--regid=" + USER, "--clear-groups"));
        }
        command.add(home.resolve("bin/elasticsearch").toString());
        Map<String, String> environment = Map.of(
                "ES_JAVA_HOME", System.getProperty("java.home"),
                "ES_PATH_CONF", config.toString(),
                "ES_TMPDIR", tmp.toString(),
                // Off: the synchronisation of built-in roles into the .security index, which this distribution cannot
                // create (its mapping needs analysis it lacks); it would log a stack trace on every start.
                "ES_JAVA_OPTS", "-Xms" + heap + " -Xmx" + heap + " -Des.queryable_built_in_roles_enabled=false");
        return ServerProcess.start(SERVER, command, environment, folder, logs.resolve("console.log"),
                List.of(logs.resolve("synergie.log")));
    }

    /** The distribution unpacked in {@code target} (once: the members of a cluster share one). */
    static Path unpack(Path target) {
        return Distributions.unpackOnce(Distributions.elasticsearchZip(), target,
                "elasticsearch-" + Distributions.elasticsearchVersion());
    }

    /**
     * How the node finds its cluster: alone, or through the other members' transport ports. The names of the members
     * that elect the first master are given only to a node without data (Elasticsearch's advice: the setting is for
     * the cluster's first start; a member that has joined once finds its cluster from its data).
     */
    private String discovery(boolean fresh) {
        if (member == null) {
            return "discovery.type: single-node";
        }
        String seeds = "discovery.seed_hosts: [" + String.join(", ", member.seedHosts()) + "]";
        return fresh ? seeds + "\ncluster.initial_master_nodes: [" + String.join(", ", member.initialMasterNodes()) + "]"
                : seeds;
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (var entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void copyConfig(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!Files.exists(target)) {
                    Files.copy(source, target);
                }
            }
        }
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * The server's user must be able to walk down to its folders. A clone under {@code /root} is closed
     * to it; then the node's folder goes under the temporary folder, named after ours so it is stable.
     */
    static Path reachableFolder(Path wanted) {
        if (!runningAsRoot() || openToOthers(wanted)) {
            return wanted;
        }
        String id = Integer.toHexString(wanted.toString().hashCode());
        return Path.of(System.getProperty("java.io.tmpdir"), "synergie-elasticsearch-" + id);
    }

    private static boolean openToOthers(Path folder) {
        for (Path p = folder; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                try {
                    if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                        return false;
                    }
                } catch (IOException e) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void ensureUser() throws IOException {
        try {
            if (new ProcessBuilder("id", "-u", USER).start().waitFor() == 0) {
                return;
            }
            Process add = new ProcessBuilder("useradd", "--system", "--user-group", "--no-create-home",
                    "--shell", "/usr/sbin/nologin", USER).inheritIO().start();
            if (add.waitFor() != 0) {
                throw new ServerStartException(SERVER, "Elasticsearch refuses to run as root and the user "
                        + USER + " could not be created (useradd exited with " + add.exitValue() + ")", "");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating the user " + USER, e);
        }
    }

    private static void chown(List<Path> roots) throws IOException {
        UserPrincipal user = Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(USER);
        for (Path root : roots) {
            try (var files = Files.walk(root)) {
                for (Path p : files.toList()) {
                    Files.setOwner(p, user);
                }
            }
        }
    }
}
