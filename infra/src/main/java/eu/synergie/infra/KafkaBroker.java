package eu.synergie.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one) in a child JVM, from the Kafka
 * jars on Maven Central. The log dir lives in {@code <folder>/data} and survives restarts.
 */
public final class KafkaBroker extends LocalServer {

    private static final String SERVER = "kafka";

    private final Path folder;
    private final int port;
    private final int controllerPort;
    private final String heap;

    KafkaBroker(Path folder, int port, String heap) {
        this(SERVER, folder, port, heap);
    }

    /** @param name how the supervisor and the messages call it (a second exchange's broker: {@code peer kafka}) */
    KafkaBroker(String name, Path folder, int port, String heap) {
        super(name);
        this.folder = folder.toAbsolutePath();
        this.port = Ports.orFree(port);
        this.controllerPort = Ports.orFree(0);
        this.heap = heap;
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    Path lockFolder() {
        return folder.resolve("data");
    }

    @Override
    public boolean ready() {
        return answersMetadata();
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
                concat(jvm, "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                        "-c", properties.toString(), "--ignore-formatted"),
                Map.of(), folder, console, List.of());
        formatting.awaitExit(Duration.ofSeconds(60));
    }

    private boolean answersMetadata() {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
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
     * One node, broker and controller in one process. Controlled shutdown is off: it exists to hand partition
     * leadership to another broker before this one stops, and there is none: here it only waited for the
     * in-process controller's approval over a heartbeat (0.2 s on an idle broker, longer when it is busy). The
     * clean shutdown itself runs either way: requests refused first, every log flushed, the clean-shutdown
     * marker written, so the next start skips log recovery.
     */
    private Path writeServerProperties(Path data) throws IOException {
        Path file = folder.resolve("server.properties");
        Files.writeString(file, """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                inter.broker.listener.name=PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                auto.create.topics.enable=false
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=3
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                controlled.shutdown.enable=false
                """.formatted(port, controllerPort, data));
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
                """);
        return file;
    }

    private static List<String> concat(List<String> head, String... tail) {
        return java.util.stream.Stream.concat(head.stream(), java.util.Arrays.stream(tail)).toList();
    }

}
