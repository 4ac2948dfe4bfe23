package eu.synergie.infra;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Kafka MirrorMaker 2 ({@code connect-mirror}, the broker's version) in a child JVM, in dedicated mode, that
 * copies the topics matching a pattern from one cluster to another, one direction only, under
 * {@code DefaultReplicationPolicy}: topic {@code T} of cluster {@code A} arrives as {@code A.T} on the target.
 * It runs beside the target cluster ({@code --clusters <target>}): its Connect worker keeps its group, its
 * configuration, its progress and its status on the target, and only reads the source.
 *
 * <p>The source topics must exist before the start: ready means that the replication task runs, and there is no
 * task while no source topic matches. The target topic should exist too, created by whoever owns the target with
 * the settings it needs (such as {@code message.timestamp.type=LogAppendTime}): MirrorMaker creates a missing one,
 * but with the broker's defaults, and this configuration never changes an existing one.
 *
 * <p>Its folder holds {@code mm2.properties} (0600: it holds both principals' passwords), {@code log4j2.properties}
 * and {@code logs/mirrormaker.log}; nothing else: what it has copied so far is on the target cluster.
 */
public final class MirrorMaker extends LocalServer {

    /**
     * One replication flow.
     *
     * @param source       the source cluster's alias: the prefix of the copies' names on the target
     * @param sourceAccess how MirrorMaker reaches the source (the source's principal for it: {@code mirror-<target>})
     * @param targetAccess how MirrorMaker reaches the target (the target's principal for it: {@code mirror-<source>})
     * @param topics       a regular expression (or several, comma-separated) for the source topics to copy
     */
    public record Flow(String source, KafkaBroker.Access sourceAccess, String target, KafkaBroker.Access targetAccess,
                       String topics) {

        private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?");

        public Flow {
            // The aliases become property prefixes and topic-name prefixes: no dots, no '->', nothing to escape.
            for (String alias : List.of(source, target)) {
                if (!ALIAS.matcher(alias).matches()) {
                    throw new IllegalArgumentException(
                            "a cluster alias is letters and digits, with '_' or '-' inside: " + alias);
                }
            }
            if (source.equals(target)) {
                throw new IllegalArgumentException("source and target are the same cluster: " + source);
            }
            Objects.requireNonNull(sourceAccess, "sourceAccess");
            Objects.requireNonNull(targetAccess, "targetAccess");
            Objects.requireNonNull(topics, "topics");
        }

        /** The name the copy of source topic {@code topic} has on the target. */
        public String remoteTopic(String topic) {
            return source + "." + topic;
        }
    }

    /**
     * What a crash or an outage of either side can make of a copy. Neither loses a record (MirrorMakerIT stops the
     * target for about 45 s, and kills MirrorMaker mid-stream): they differ in duplicates and latency. Figures in
     * {@code docs/research/mirrormaker2.md}, section 7.
     */
    public enum Delivery {
        /**
         * Possibly copied twice: after a crash, the records copied since the last saved source position (saved
         * every second) are copied again (53 and 79 of 500 in the IT, at 100 records/s). Readers must tolerate
         * duplicates. The lower latency (p50 9–26 ms, p99 50–190 ms from the source's append to the target's, on two
         * busy cores).
         */
        AT_LEAST_ONCE,
        /**
         * Each record once for readers of the target with {@code isolation.level=read_committed} (a
         * {@code read_uncommitted} reader also sees the copies of an aborted transaction): each batch of copies and
         * its source position are committed in one transaction on the target (KIP-618). Costs a transaction per
         * batch (p50 90–245 ms, p99 200–440 ms in the IT), one per heartbeat, and an internal REST listener on the
         * loopback. After a crash, a reader waits for the restarted MirrorMaker to abort the open transaction (or
         * for its timeout, 60 s, if nobody restarts it). What the federation uses.
         */
        EXACTLY_ONCE
    }

    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final String SOURCE_CONNECTOR = "MirrorSourceConnector";

    private final Path folder;
    private final Flow flow;
    private final Delivery delivery;
    private final String heap;
    private volatile long launchedAtMillis;

    /**
     * @param folder   its configuration and logs (one MirrorMaker per folder)
     * @param heap     its maximum heap, e.g. {@code 256m}
     */
    public MirrorMaker(Path folder, Flow flow, Delivery delivery, String heap) {
        super("mirrormaker-" + flow.source() + "-" + flow.target());
        this.folder = folder.toAbsolutePath();
        this.flow = flow;
        this.delivery = delivery;
        this.heap = heap;
    }

    public Flow flow() {
        return flow;
    }

    public Delivery delivery() {
        return delivery;
    }

    /** Where its configuration and logs are. */
    public Path folder() {
        return folder;
    }

    @Override
    Path lockFolder() {
        return folder;
    }

    /**
     * Ready when the connector that copies and one of its tasks report {@code RUNNING} on the target's status topic
     * since this process was launched: its worker has joined, configured the flow and started copying. An earlier
     * run's statuses, still in that topic, do not count.
     */
    @Override
    public boolean ready() {
        try {
            return copying();
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    @Override
    ServerProcess launch() throws IOException {
        Path logs = folder.resolve("logs");
        Files.createDirectories(logs);
        Path properties = writeProperties(delivery == Delivery.EXACTLY_ONCE ? Ports.orFree(0) : 0);
        Path log4j = writeLog4jConfig();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xms64m", "-Xmx" + heap,
                "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                "-Dlog4j2.configurationFile=" + log4j, "-cp", Distributions.kafkaClasspath(),
                "org.apache.kafka.connect.mirror.MirrorMaker", properties.toString(), "--clusters", flow.target());
        // A second earlier than the launch: the status records carry MirrorMaker's clock, the same as ours.
        launchedAtMillis = System.currentTimeMillis() - 1000;
        return ServerProcess.start(name(), command, Map.of(), folder, logs.resolve("mirrormaker.log"), List.of());
    }

    /**
     * The flow's configuration. Two kinds of keys: the flow's own ({@code A->B.x}, or unprefixed for every flow),
     * and the Connect worker's, which MirrorMaker takes only from the target cluster's prefix ({@code B.x}).
     *
     * @param restPort the internal REST listener's port for exactly-once delivery, 0 without
     */
    Path writeProperties(int restPort) throws IOException {
        String source = flow.source();
        String target = flow.target();
        String pair = source + "->" + target;
        StringBuilder config = new StringBuilder();
        config.append("""
                # Written by Synergie's launcher at each start: edit the launcher (eu.synergie.infra.MirrorMaker), not this.
                clusters = %1$s, %2$s
                %1$s.bootstrap.servers = %3$s
                %2$s.bootstrap.servers = %4$s
                # Each cluster's security settings (TLS trust, SCRAM login) follow, prefixed with its alias.

                # One flow, one direction; the reverse flow, if any, is another MirrorMaker beside the other cluster.
                %5$s.enabled = true
                %5$s.topics = %6$s
                %2$s->%1$s.enabled = false
                replication.policy.class = org.apache.kafka.connect.mirror.DefaultReplicationPolicy
                tasks.max = 1

                # Single-broker clusters: every topic MirrorMaker creates has one replica.
                replication.factor = 1
                offset-syncs.topic.replication.factor = 1
                checkpoints.topic.replication.factor = 1
                heartbeats.topic.replication.factor = 1
                config.storage.replication.factor = 1
                offset.storage.replication.factor = 1
                status.storage.replication.factor = 1
                # Everything MirrorMaker writes for itself stays on the target: it only reads the source.
                offset-syncs.topic.location = target

                # The target topic's settings are the target's: its owner created it (LogAppendTime, retention).
                # Syncing would reset every override the source does not have, every 10 min.
                sync.topic.configs.enabled = false
                sync.topic.acls.enabled = false

                # New source topics (a new peer's outbound topic) are found within 5 s, not the default 10 min:
                # one metadata request to the source every 5 s.
                refresh.topics.interval.seconds = 5

                # No consumer-group checkpoints: the target's consumers read the copies in groups of their own, and
                # nobody fails over from the source's groups. A negative interval gives the checkpoint connector no
                # task (disabling it outright fails its validation); and it neither lists nor reads the source's
                # groups (which the source need not allow us to see).
                emit.checkpoints.interval.seconds = -1
                sync.group.offsets.enabled = false
                refresh.groups.enabled = false
                groups.exclude = .*
                # Heartbeats stay (one small record a second on the target's compacted 'heartbeats'): they show
                # that the flow is alive even while nothing is published.
                emit.heartbeats.interval.seconds = 1

                # Latency: the source consumer's defaults already answer as soon as a record is there
                # (fetch.min.bytes=1; fetch.max.wait.ms and consumer.poll.timeout.ms only bound an idle wait). The
                # copy is sent at once instead of after Kafka 4's default linger of 5 ms; records that arrive
                # together still go in one request.
                %2$s.producer.linger.ms = 0

                # The Connect worker (target prefix only). Progress is saved every second, not every minute: what
                # an outage or restart can copy twice. A worker that rejoins gets its task back at once, not after
                # the 5 min kept for a lost worker of a larger cluster: there is only this one.
                %2$s.offset.flush.interval.ms = 1000
                %2$s.scheduled.rebalance.max.delay.ms = 0
                # Plugins from their service files only, without scanning every jar of the classpath (6 s): for
                # MirrorMaker's own configuration, and for the worker.
                plugin.discovery = service_load
                %2$s.plugin.discovery = service_load
                """.formatted(source, target, escaped(flow.sourceAccess().bootstrapServers()),
                escaped(flow.targetAccess().bootstrapServers()), pair, escaped(flow.topics())));
        config.append('\n');
        appendSecurity(config, source, flow.sourceAccess());
        appendSecurity(config, target, flow.targetAccess());
        if (delivery == Delivery.EXACTLY_ONCE) {
            config.append("""

                    # Exactly once: each batch of copies and its source position in one transaction on the target;
                    # only committed records of the source are copied. The worker fences the task's earlier
                    # producers through its internal REST listener, on the loopback only.
                    %2$s.exactly.once.source.support = enabled
                    %1$s.consumer.isolation.level = read_committed
                    dedicated.mode.enable.internal.rest = true
                    listeners = http://127.0.0.1:%3$d
                    """.formatted(source, target, restPort));
        } else {
            config.append("""

                    # At least once: a producer's retry never writes a record twice (idempotence is allowed here:
                    # Connect sends with acks=all and one request in flight).
                    %1$s.producer.enable.idempotence = true
                    """.formatted(target));
        }
        Path file = folder.resolve("mm2.properties");
        SecretsFolder.write(file, config.toString(), SecretsFolder.OWNER_ONLY);
        return file;
    }

    /** A cluster's security settings, for its clients and for the worker's (the target's) own. */
    private static void appendSecurity(StringBuilder config, String alias, KafkaBroker.Access access) {
        new java.util.TreeMap<>(access.settings()).forEach((key, value) ->
                config.append(alias).append('.').append(key).append(" = ").append(escaped(value)).append('\n'));
    }

    /**
     * A value as {@code java.util.Properties} reads it back: MirrorMaker loads the file with it, which would take the
     * backslashes of a pattern such as {@code synergie\.federation\.out\.B} for escapes and drop them.
     */
    static String escaped(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private Path writeLog4jConfig() throws IOException {
        Path file = folder.resolve("log4j2.properties");
        // Connect logs every client's whole configuration at INFO; keep warnings and MirrorMaker's own lines (which
        // topics it copies, the copies it creates, start and stop).
        Files.writeString(file, """
                appender.console.type=Console
                appender.console.name=STDOUT
                appender.console.layout.type=PatternLayout
                appender.console.layout.pattern=[%d] %p %m (%c)%n
                rootLogger.level=WARN
                rootLogger.appenderRef.stdout.ref=STDOUT
                logger.mirror.name=org.apache.kafka.connect.mirror
                logger.mirror.level=INFO
                # Its scheduler says at INFO how long each run of each periodic job took: the topic refresh, every 5 s.
                logger.scheduler.name=org.apache.kafka.connect.mirror.Scheduler
                logger.scheduler.level=WARN
                # While a cluster is down, each of the worker's dozen clients warns on every reconnection attempt:
                # ten lines a second for as long as the outage lasts. The task's status says it better.
                logger.network.name=org.apache.kafka.clients.NetworkClient
                logger.network.level=ERROR
                """);
        return file;
    }

    /** The latest status of the copying connector and its tasks, as written since the launch. */
    private boolean copying() {
        String topic = "mm2-status." + flow.source() + ".internal";
        Map<String, Object> config = flow.targetAccess().config(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000));
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(2));
            if (partitions == null || partitions.isEmpty()) {
                return false;
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, Duration.ofSeconds(2));
            Map<String, String> states = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (assigned.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                for (ConsumerRecord<String, String> status : consumer.poll(Duration.ofMillis(200))) {
                    if (status.key() != null && status.timestamp() >= launchedAtMillis) {
                        states.put(status.key(), stateOf(status.value()));
                    }
                }
            }
            boolean connector = "RUNNING".equals(states.get("status-connector-" + SOURCE_CONNECTOR));
            boolean task = states.entrySet().stream().anyMatch(s ->
                    s.getKey().startsWith("status-task-" + SOURCE_CONNECTOR + "-") && "RUNNING".equals(s.getValue()));
            return connector && task;
        }
    }

    /** The {@code state} of a Connect status record (JSON); a deletion or anything unreadable is no state. */
    private static String stateOf(String json) {
        if (json == null) {
            return "";
        }
        Matcher state = STATE.matcher(json);
        return state.find() ? state.group(1) : "";
    }
}
