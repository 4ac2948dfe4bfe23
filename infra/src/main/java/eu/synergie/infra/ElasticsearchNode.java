package eu.synergie.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real single-node Elasticsearch from the {@code integ-test-zip} distribution on Maven Central, run
 * with the JDK that runs us. Elasticsearch refuses to run as root: when we are root it runs as the
 * unprivileged system user {@value #USER}, created on first use, and its folders belong to that user.
 */
public final class ElasticsearchNode extends LocalServer {

    static final String USER = "synergie";
    private static final String SERVER = "elasticsearch";

    private final Path folder;
    private final int port;
    private final int transportPort;
    private final String heap;

    ElasticsearchNode(Path folder, int port, String heap) {
        this(SERVER, folder, port, heap);
    }

    /** @param name how the supervisor and the messages call it (a second exchange's node: {@code peer elasticsearch}) */
    ElasticsearchNode(String name, Path folder, int port, String heap) {
        super(name);
        this.folder = reachableFolder(folder.toAbsolutePath());
        this.port = Ports.orFree(port);
        this.transportPort = Ports.orFree(0);
        this.heap = heap;
    }

    /** The HTTP endpoint, e.g. {@code http://127.0.0.1:9200}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Where data and logs are (moved under the temporary folder when ours is closed to the server's user). */
    public Path folder() {
        return folder;
    }

    @Override
    Path lockFolder() {
        return folder.resolve("lock");
    }

    /** Ready at a yellow or green cluster. */
    @Override
    public boolean ready() {
        return ServerProcess.answers200(url() + "/_cluster/health?wait_for_status=yellow&timeout=1s");
    }

    @Override
    ServerProcess launch() throws IOException {
        Path data = folder.resolve("data");
        Path logs = folder.resolve("logs");
        Path config = folder.resolve("config");
        Path tmp = folder.resolve("tmp");
        Path home = Distributions.unpackOnce(Distributions.elasticsearchZip(), folder.resolve("dist"),
                "elasticsearch-" + Distributions.elasticsearchVersion());
        for (Path dir : List.of(data, logs, config, tmp)) {
            Files.createDirectories(dir);
        }
        copyConfig(home.resolve("config"), config);
        Files.writeString(config.resolve("elasticsearch.yml"), """
                cluster.name: synergie
                node.name: synergie-1
                discovery.type: single-node
                network.host: 127.0.0.1
                http.port: %d
                transport.port: %d
                path.data: %s
                path.logs: %s
                xpack.security.enabled: false
                xpack.ml.enabled: false
                action.destructive_requires_name: true
                """.formatted(port, transportPort, data, logs));
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
                "ES_JAVA_OPTS", "-Xms" + heap + " -Xmx" + heap);
        return ServerProcess.start(SERVER, command, environment, folder, logs.resolve("console.log"),
                List.of(logs.resolve("synergie.log")));
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
    private static Path reachableFolder(Path wanted) {
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
