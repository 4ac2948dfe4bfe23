package eu.synergie.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one) in a child JVM, from the Kafka
 * jars on Maven Central. The log dir lives in {@code <folder>/data} and survives restarts.
 *
 * <p>Security is on: TLS on every listener, SASL/SCRAM users, ACLs with deny by default ({@link KafkaSecurity}).
 * Clients take their settings from {@link #gateway()}, {@link #operator()}, {@link #feed} or {@link #mirror}; secrets
 * are kept under {@code <folder>/security}, readable by our user only.
 */
public final class KafkaBroker extends LocalServer {

    /**
     * How a client reaches the broker as one SCRAM principal: where, the principal and its password, and the CA to
     * trust. Secret: {@link #toString()} leaves the password out; never log {@link #settings()}.
     */
    public record Access(String principal, String password, String bootstrapServers, Path caCertificate) {

        public Access {
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(caCertificate, "caCertificate");
        }

        /** The security settings: TLS trusting the CA, SASL/SCRAM with the principal's login. */
        public Map<String, String> settings() {
            return KafkaSecurity.scramClient(principal, password, caCertificate);
        }

        /** The same principal, reaching the cluster through other addresses (every member of a cluster). */
        public Access at(String otherBootstrapServers) {
            return new Access(principal, password, otherBootstrapServers, caCertificate);
        }

        /** A client configuration: the address and the security settings. */
        public Map<String, Object> config() {
            Map<String, Object> config = new HashMap<>(settings());
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            return config;
        }

        /** A client configuration with more settings of the caller's (serializers, acks, group…). */
        public Map<String, Object> config(Map<String, ?> more) {
            Map<String, Object> config = config();
            config.putAll(more);
            return config;
        }

        @Override
        public String toString() {
            return "Access[" + principal + " at " + bootstrapServers + "]";
        }
    }

    private static final String SERVER = "kafka";

    /**
     * Where one broker stands in its cluster: its node id and ports, the controllers' quorum, the folder of the secrets
     * the cluster shares, its id (the same for every member: they are formatted with it) and how many replicas its
     * internal topics and the topics created without a replication factor get.
     *
     * @param quorum {@code controller.quorum.voters}: {@code <id>@<host>:<controller port>} of every member
     */
    record Member(int nodeId, int port, int internalPort, int controllerPort, String quorum, Path securityFolder,
                  String clusterId, int replicas) {

        /** A cluster of one: broker and controller in one process, one replica of everything. */
        static Member alone(Path folder, int port) {
            int controllerPort = Ports.orFree(0);
            return new Member(1, Ports.orFree(port), Ports.orFree(0), controllerPort, "1@127.0.0.1:" + controllerPort,
                    folder.toAbsolutePath().resolve("security"), Uuid.randomUuid().toString(), 1);
        }

        /** Writes wait for this many replicas: a majority, so that one member may be down. */
        int minInsyncReplicas() {
            return replicas / 2 + 1;
        }
    }

    private final Path folder;
    private final Member member;
    private final int port;
    private final int internalPort;
    private final int controllerPort;
    private final String heap;
    private KafkaSecurity security;

    KafkaBroker(Path folder, int port, String heap) {
        this(SERVER, folder, port, heap);
    }

    /** @param name how the supervisor and the messages call it (a second exchange's broker: {@code peer kafka}) */
    KafkaBroker(String name, Path folder, int port, String heap) {
        this(name, folder, heap, Member.alone(folder, port));
    }

    /** One member of a cluster ({@link KafkaCluster}). */
    KafkaBroker(String name, Path folder, String heap, Member member) {
        super(name);
        this.folder = folder.toAbsolutePath();
        this.member = member;
        this.port = member.port();
        this.internalPort = member.internalPort();
        this.controllerPort = member.controllerPort();
        this.heap = heap;
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The exchange's own principal: what the gateway connects as. */
    public Access gateway() {
        return access(KafkaSecurity.GATEWAY, security().gatewayPassword());
    }

    /** A super user, for people and tests that play the operator. */
    public Access operator() {
        return access(KafkaSecurity.OPERATOR, security().operatorPassword());
    }

    /**
     * The principal of an agency that produces directly to this broker ({@code feed-<agency>}), made (or given again
     * its password and ACLs) now: it may write the notice topics of {@code regions} and nothing else. The broker must
     * be running.
     */
    public Access feed(String agency, List<String> regions) {
        String user = KafkaSecurity.feedUser(agency);
        String password = security().feedPassword(agency);
        administer(admin -> {
            upsert(admin, user, password);
            grant(admin, KafkaSecurity.feedAcls(agency, regions));
        });
        return access(user, password);
    }

    /**
     * The MirrorMakers' principal for {@code peer} on this broker ({@code mirror-<peer>}), made now, with what it may do
     * once {@link #openFederation} has run. The broker must be running.
     */
    public Access mirror(String peer) {
        String user = KafkaSecurity.mirrorUser(peer);
        String password = security().mirrorPassword(peer);
        administer(admin -> upsert(admin, user, password));
        return access(user, password);
    }

    /**
     * Opens this broker (the cluster of exchange {@code own}) to the federation with {@code peer}: the MirrorMakers'
     * principal for that peer may read {@code synergie.federation.out.<peer>} and write the peer's copies here, and the
     * gateway may read {@code <peer>.synergie.federation.out.<own>}. The broker must be running.
     */
    public void openFederation(String own, String peer) {
        mirror(peer);
        administer(admin -> grant(admin, KafkaSecurity.federationAcls(own, peer)));
    }

    Access access(String user, String password) {
        return new Access(user, password, bootstrapServers(), security().caCertificate());
    }

    /** The listener between brokers and for the launcher (TLS with client certificates): for tests. */
    int internalPort() {
        return internalPort;
    }

    /** The CA certificate (PEM) that signed the broker's: what clients trust. */
    public Path caCertificate() {
        return security().caCertificate();
    }

    /** The operator's client settings, for Kafka's tools ({@code --command-config}); 0600. */
    public Path operatorProperties() {
        return security().operatorProperties();
    }

    @Override
    Path lockFolder() {
        return folder.resolve("data");
    }

    /** Ready when it answers the launcher over the internal listener, and its users and the gateway's ACLs are there. */
    @Override
    public boolean ready() {
        if (!answersMetadata()) {
            return false;
        }
        try {
            administer(admin -> {
                upsert(admin, KafkaSecurity.OPERATOR, security().operatorPassword());
                upsert(admin, KafkaSecurity.GATEWAY, security().gatewayPassword());
                grant(admin, KafkaSecurity.gatewayAcls());
            });
            return true;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    private synchronized KafkaSecurity security() {
        if (security == null) {
            security = KafkaSecurity.loadOrCreate(member.securityFolder());
        }
        return security;
    }

    @FunctionalInterface
    private interface AdminTask {
        void run(Admin admin) throws ExecutionException, InterruptedException;
    }

    /** Runs {@code task} as the broker itself (its certificate, on the internal listener). */
    private void administer(AdminTask task) {
        try (Admin admin = Admin.create(launcherClient(10_000))) {
            task.run(admin);
        } catch (ExecutionException e) {
            throw new IllegalStateException(name() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while administering " + name(), e);
        }
    }

    private Map<String, Object> launcherClient(int timeoutMillis) {
        Map<String, Object> config;
        try {
            config = new HashMap<>(security().brokerClient());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + internalPort);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMillis, 5000));
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMillis);
        return config;
    }

    private static void upsert(Admin admin, String user, String password) throws ExecutionException, InterruptedException {
        admin.alterUserScramCredentials(List.<UserScramCredentialAlteration>of(new UserScramCredentialUpsertion(user,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password))).all().get();
    }

    private static void grant(Admin admin, List<AclBinding> acls) throws ExecutionException, InterruptedException {
        admin.createAcls(acls).all().get();
    }

    @Override
    ServerProcess launch() throws IOException {
        Path data = folder.resolve("data");
        Path logs = folder.resolve("logs");
        Files.createDirectories(logs);
        Path properties = writeServerProperties(data);
        Path log4j = writeLog4jConfig();
        Path console = logs.resolve("kafka.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> jvm = List.of(java, "-Xms128m", "-Xmx" + heap,
                "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                "-Dlog4j2.configurationFile=" + log4j, "-cp", Distributions.kafkaClasspath());
        if (!Files.exists(data.resolve("meta.properties"))) {
            format(jvm, properties, console);
        }
        return ServerProcess.start(SERVER, concat(jvm, "kafka.Kafka", properties.toString()), Map.of(), folder, console,
                List.of());
    }

    private void format(List<String> jvm, Path properties, Path console) {
        // A formatted dir holds the cluster id: never reformat one that has data.
        ServerProcess formatting = ServerProcess.start(SERVER + "-format",
                concat(jvm, "kafka.tools.StorageTool", "format", "-t", member.clusterId(),
                        "-c", properties.toString(), "--ignore-formatted"),
                Map.of(), folder, console, List.of());
        formatting.awaitExit(Duration.ofSeconds(60));
    }

    private boolean answersMetadata() {
        try (Admin admin = Admin.create(launcherClient(3000))) {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000))
                    .nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception notYet) {
            return false;
        }
    }

    /**
     * Broker and controller in one process. Alone, controlled shutdown is off: it exists to hand partition leadership
     * to another broker before this one stops, and there is none: it only waited for the in-process controller's
     * approval over a heartbeat (0.2 s on an idle broker, longer when it is busy). In a cluster it is on: a rolling
     * restart moves leadership away first. The clean shutdown itself runs either way: requests refused first, every
     * log flushed, the clean-shutdown marker written, so the next start skips log recovery.
     */
    private Path writeServerProperties(Path data) throws IOException {
        Path file = folder.resolve("server.properties");
        Files.writeString(file, """
                process.roles=broker,controller
                node.id=%5$d
                controller.quorum.voters=%6$s
                listeners=CLIENTS://127.0.0.1:%1$d,INTERNAL://127.0.0.1:%4$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=CLIENTS://127.0.0.1:%1$d,INTERNAL://127.0.0.1:%4$d
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=CLIENTS:SASL_SSL,INTERNAL:SSL,CONTROLLER:SSL
                inter.broker.listener.name=INTERNAL
                log.dirs=%3$s
                num.partitions=3
                auto.create.topics.enable=false
                offsets.topic.replication.factor=%7$d
                offsets.topic.num.partitions=3
                transaction.state.log.replication.factor=%7$d
                transaction.state.log.min.isr=%8$d
                share.coordinator.state.topic.replication.factor=%7$d
                share.coordinator.state.topic.min.isr=%8$d
                default.replication.factor=%7$d
                min.insync.replicas=%8$d
                group.initial.rebalance.delay.ms=0
                controlled.shutdown.enable=%9$b
                """.formatted(port, controllerPort, data, internalPort, member.nodeId(), member.quorum(),
                member.replicas(), member.minInsyncReplicas(), member.replicas() > 1) + security().brokerSettings());
        return file;
    }

    private Path writeLog4jConfig() throws IOException {
        Path file = folder.resolve("log4j2.properties");
        // Kafka prints thousands of INFO lines per start; keep warnings and the start/stop lines.
        Files.writeString(file, """
                appender.console.type=Console
                appender.console.name=STDOUT
                appender.console.layout.type=PatternLayout
                appender.console.layout.pattern=[%d] %p %m (%c)%n
                rootLogger.level=WARN
                rootLogger.appenderRef.stdout.ref=STDOUT
                logger.raft.name=kafka.server.KafkaRaftServer
                logger.raft.level=INFO
                # Every denied request, with its principal, operation and resource.
                logger.authorizer.name=kafka.authorizer.logger
                logger.authorizer.level=INFO
                """);
        return file;
    }

    private static List<String> concat(List<String> head, String... tail) {
        return java.util.stream.Stream.concat(head.stream(), java.util.Arrays.stream(tail)).toList();
    }

}
