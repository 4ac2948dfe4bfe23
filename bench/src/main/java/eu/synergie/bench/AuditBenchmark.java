package eu.synergie.bench;

import eu.synergie.core.audit.kafka.AuditTopicListener;
import eu.synergie.core.audit.kafka.KafkaAuditLog;
import eu.synergie.core.envelope.OpenedNotice;
import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.index.NoticeIndex;
import eu.synergie.core.index.NoticeIndexWriter;
import eu.synergie.core.index.NoticeQuery;
import eu.synergie.core.index.SearchResult;
import eu.synergie.core.intake.NoticeLog;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.ReadScope;
import eu.synergie.core.policy.Role;
import eu.synergie.gateway.audit.ConsultationAudit;
import eu.synergie.infra.LocalStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Search throughput with and without audit (issue 6: "auditing must not become the bottleneck"), in one run
 * on the same servers. It starts Kafka and Elasticsearch (fresh data under {@code --home}) and the gateway
 * in this JVM, indexes N synthetic notices, then alternates timed rounds of the same closed-loop search
 * load: <b>without</b> audit, each thread runs what the search endpoint runs minus the audit (the access
 * scope, then {@link NoticeIndex#search}); <b>with</b> audit, the same plus {@link ConsultationAudit#searched}
 * (chain link, canonical JSON, SHA-256, the Kafka producer) — and a with-audit round only ends once the
 * auditors' indexer has put every event of the round into Elasticsearch (its consumer group has committed
 * the topic's end), because that indexing runs on the same cores and is part of what auditing costs. A third
 * kind of round, <b>appending only</b>, pauses the auditors' indexer, to tell the two costs apart.
 * <p>
 * HTTP and token checks are left out of both sides on purpose: they cost the same with and without audit, so
 * leaving them out makes the measured ratio the worst case. Not a test: nothing here asserts a figure.
 */
public final class AuditBenchmark implements BenchMain.Run {

    private static final String USAGE = """
            Usage: AuditBenchmark [--notices N] [--threads T] [--round SECONDS] [--rounds R] [--warmup W] [--home DIR]
              --notices N   notices indexed before the rounds (default 5000)
              --threads T   concurrent searchers (default 8)
              --round S     seconds of searching per round (default 10)
              --rounds R    measured rounds of each kind (without audit, appending only, with audit; the
                            order alternates) (default 5)
              --warmup W    at most W warm-up rounds of each kind before them; the warm-up ends earlier
                            once neither the rate without audit nor the rate with it rises (default 12)
              --home DIR    stack data and logs, emptied at start (default target/audit-bench-stack)
            """;

    private final int notices;
    private final int threads;
    private final Duration round;
    private final int rounds;
    private final int warmupRounds;
    private final Path home;
    private LocalStack stack;
    private ConfigurableApplicationContext gateway;
    private Admin admin;

    private AuditBenchmark(int notices, int threads, Duration round, int rounds, int warmupRounds, Path home) {
        this.notices = notices;
        this.threads = threads;
        this.round = round;
        this.rounds = rounds;
        this.warmupRounds = warmupRounds;
        this.home = home;
    }

    public static void main(String[] args) {
        BenchMain.quietStartup();
        int notices = 5000;
        int threads = 8;
        int seconds = 10;
        int rounds = 5;
        int warmup = 12;
        Path home = Path.of("target/audit-bench-stack");
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--notices" -> notices = Integer.parseInt(args[++i]);
                    case "--threads" -> threads = Integer.parseInt(args[++i]);
                    case "--round" -> seconds = Integer.parseInt(args[++i]);
                    case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    case "--home" -> home = Path.of(args[++i]);
                    case "--help" -> {
                        System.out.print(USAGE);
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
        }
        AuditBenchmark benchmark = new AuditBenchmark(notices, threads, Duration.ofSeconds(seconds), rounds, warmup,
                home.toAbsolutePath().normalize());
        BenchMain.runAndExit("audit benchmark", benchmark);
    }

    @Override
    public void run() throws Exception {
        String loadBefore = CpuAccounting.loadAverage();
        progress("stack: starting Kafka, Elasticsearch and Keycloak under " + home + " (data emptied)");
        // The whole stack: the gateway needs Keycloak even though this benchmark sends no HTTP (its login client).
        stack = BenchStack.start(home, false);
        progress("gateway: starting in this JVM");
        gateway = BenchStack.startGateway(stack, home, List.of()).context();
        admin = Admin.create(stack.kafka().operator().config());
        NoticeIndex index = gateway.getBean(NoticeIndex.class);
        NoticeIndexWriter writer = gateway.getBean(NoticeIndexWriter.class);
        ConsultationAudit audit = gateway.getBean(ConsultationAudit.class);
        KafkaAuditLog log = gateway.getBean(KafkaAuditLog.class);
        Caller analyst = new Caller("bench.analyst", "FR-DGPN", Set.of("EU-WEST", "MED", "EU-CENTRAL"), Classification.SECRET,
                Set.of(Role.ANALYST));
        AccessPolicy policy = gateway.getBean(AccessPolicy.class);

        progress("indexing " + notices + " synthetic notices");
        NoticeGenerator generator = new NoticeGenerator(42, Instant.now(), BenchAgency.DEMO);
        List<IndexedNotice> batch = new ArrayList<>();
        for (int i = 0; i < notices; i++) {
            NoticeGenerator.Generated g = generator.generate(i);
            // Signer facts are not searched; the searches run against the notices as the indexer writes them.
            batch.add(new IndexedNotice(new OpenedNotice(g.notice(), g.agency().code(), "bench", "bench", g.notice().issuedAt(),
                    Instant.now()), NoticeLog.topicOf(g.notice().region()), 0, i));
            if (batch.size() == 1000 || i == notices - 1) {
                writer.index(batch);
                batch.clear();
            }
        }
        waitUntilSearchable(index, policy.scopeOf(analyst));

        List<String> report = new ArrayList<>();
        report.add(String.format(Locale.ROOT, "audit benchmark: %d notices, %d searchers, rounds of %d s, %d rounds of each kind after a warm-up",
                notices, threads, round.toSeconds(), rounds));
        report.add("searches: alternately one notice's unique token (1 hit) and an empty query (the 20 newest in scope)");
        report.add("CPU per search: this JVM (gateway, searchers, audit producer and indexer) + Elasticsearch + Kafka, less their "
                + "idle CPU measured for 3 s after each round");
        CpuAccounting cpu = new CpuAccounting();
        // The rates kept rising for minutes (without audit 171 to 661 searches/s over eight rounds: JIT, Elasticsearch's
        // too, and the index's merges): rounds measured before both settle compare a colder side with a warmer one.
        double bestWithout = 0;
        double bestWith = 0;
        int notRising = 0;
        int warmups = 0;
        while (warmups < warmupRounds && notRising < 2) {
            Comparison c = compare(warmups, index, policy, analyst, audit, log, cpu);
            warmups++;
            progress("warm-up " + warmups + ": " + c.describe());
            boolean settled = warmups > 1 && c.without().perSecond() <= bestWithout * 1.05
                    && c.with().perSecond() <= bestWith * 1.05;
            notRising = settled ? notRising + 1 : 0;
            bestWithout = Math.max(bestWithout, c.without().perSecond());
            bestWith = Math.max(bestWith, c.with().perSecond());
        }
        report.add(String.format(Locale.ROOT, "warm-up: %d rounds of each kind; %s", warmups, notRising >= 2
                ? "in the last two, neither the rate without audit nor the rate with it rose more than 5 % above its best before"
                : "the rates were STILL RISING at the end (raise --warmup)"));
        List<Double> throughputRatios = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        List<Double> appendRatios = new ArrayList<>();
        long searches = 0;
        long audited = 0;
        ElasticsearchWork.Snapshot workFrom = ElasticsearchWork.read(stack.elasticsearch());
        for (int r = 1; r <= rounds; r++) {
            // Numbered on from the warm-up, so that the order keeps alternating across the two.
            Comparison c = compare(warmups + r - 1, index, policy, analyst, audit, log, cpu);
            searches += c.without().searches() + c.appendOnly().searches() + c.with().searches();
            audited += c.appendOnly().searches() + c.with().searches();
            String line = "round " + r + ": " + c.describe();
            progress(line);
            report.add(line);
            throughputRatios.add(c.with().perSecond() / c.without().perSecond());
            appendRatios.add(c.appendOnly().perSecond() / c.without().perSecond());
            cpuRatios.add(c.with().cpuMillisPerSearch() / c.without().cpuMillisPerSearch());
        }
        double throughput = median(throughputRatios);
        double cpuRatio = median(cpuRatios);
        report.add(String.format(Locale.ROOT, "median throughput ratio with/without: %.3f (%.3f to %.3f), i.e. audit costs %.1f %% "
                + "of search throughput (target: at most 10 %%)", throughput, throughputRatios.stream().min(Double::compare).orElseThrow(),
                throughputRatios.stream().max(Double::compare).orElseThrow(), (1 - throughput) * 100));
        report.add(String.format(Locale.ROOT, "median CPU per search with/without: %.3f (%.3f to %.3f), i.e. on a machine of its own "
                + "audit would cost %.1f %% of throughput", cpuRatio, cpuRatios.stream().min(Double::compare).orElseThrow(),
                cpuRatios.stream().max(Double::compare).orElseThrow(), (1 - 1 / cpuRatio) * 100));
        report.add(String.format(Locale.ROOT, "median throughput ratio appending only (the auditors' indexer paused) / without: "
                + "%.3f: the rest of the cost is indexing the audit records in Elasticsearch", median(appendRatios)));
        ElasticsearchWork.Snapshot workTo = ElasticsearchWork.read(stack.elasticsearch());
        report.add(String.format(Locale.ROOT, "Elasticsearch's own counters over the measured rounds (time summed over its "
                + "threads, not CPU): the audit index per audited search (%,d, with audit and appending only), the others per "
                + "search (%,d of all kinds)", audited, searches));
        ElasticsearchWork.report(workFrom, workTo, audited, "audited search").stream()
                .filter(line -> line.strip().startsWith("audit")).forEach(report::add);
        ElasticsearchWork.report(workFrom, workTo, searches, "search").stream()
                .filter(line -> !line.strip().startsWith("audit")).forEach(report::add);
        report.add("load average before: " + loadBefore + ", after: " + CpuAccounting.loadAverage() + " (other work on the machine "
                + "shows here)");
        System.out.println();
        report.forEach(System.out::println);
        Path file = Path.of("target/audit-benchmark-report.txt");
        Files.createDirectories(file.getParent());
        Files.write(file, report);
        System.out.println("report written to " + file.toAbsolutePath());
    }

    /** One round of each kind; ABBA: the order alternates, so that a drift of the machine's load does not favour one side. */
    private Comparison compare(int r, NoticeIndex index, AccessPolicy policy, Caller analyst, ConsultationAudit audit,
                               KafkaAuditLog log, CpuAccounting cpu) throws Exception {
        if (r % 2 == 0) {
            Round without = searchRound(index, policy, analyst, null, log, cpu, false);
            Round appendOnly = searchRound(index, policy, analyst, audit, log, cpu, false);
            return new Comparison(without, appendOnly, searchRound(index, policy, analyst, audit, log, cpu, true));
        }
        Round with = searchRound(index, policy, analyst, audit, log, cpu, true);
        Round appendOnly = searchRound(index, policy, analyst, audit, log, cpu, false);
        return new Comparison(searchRound(index, policy, analyst, null, log, cpu, false), appendOnly, with);
    }

    private record Comparison(Round without, Round appendOnly, Round with) {
        String describe() {
            return String.format(Locale.ROOT, "without audit %.0f searches/s, %s; with audit %.0f searches/s (the last "
                            + "%.2f s catching up), %s; throughput ratio %.3f, CPU ratio %.3f; appending only (auditors' indexer "
                            + "paused) %.0f searches/s, ratio %.3f", without.perSecond(), without.cpu(), with.perSecond(),
                    with.catchUpSeconds(), with.cpu(),
                    with.perSecond() / without.perSecond(), with.cpuMillisPerSearch() / without.cpuMillisPerSearch(),
                    appendOnly.perSecond(), appendOnly.perSecond() / without.perSecond());
        }
    }

    /**
     * One timed round: {@code threads} searchers in a closed loop for {@link #round}; with {@code audit}, each
     * search is audited and the round lasts until the auditors' index has caught up.
     */
    private Round searchRound(NoticeIndex index, AccessPolicy policy, Caller analyst, ConsultationAudit audit,
                              KafkaAuditLog log, CpuAccounting cpu, boolean indexing) throws Exception {
        MessageListenerContainer auditIndexer = gateway.getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer(AuditTopicListener.LISTENER_ID);
        if (audit != null && !indexing) {
            auditIndexer.pause();
        }
        CpuAccounting.Snapshot before = cpu.snapshot();
        LongAdder done = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> searchers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            SplittableRandom random = new SplittableRandom(t * 31L + System.nanoTime());
            searchers.add(Thread.ofPlatform().name("searcher-" + t).start(() -> {
                long n = 0;
                while (running.get()) {
                    NoticeQuery query = new NoticeQuery(n++ % 2 == 0 ? NoticeGenerator.token(random.nextInt(notices)) : "", 20);
                    ReadScope scope = policy.scopeOf(analyst);
                    SearchResult result = index.search(query, scope);
                    if (audit != null) {
                        audit.searched(analyst, "BENCH-2026-0001", query, result);
                    }
                    done.increment();
                }
            }));
        }
        Thread.sleep(round.toMillis());
        running.set(false);
        for (Thread searcher : searchers) {
            searcher.join();
        }
        long stopped = System.nanoTime();
        if (audit != null && indexing) {
            awaitAuditIndexed(log);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double catchUp = (System.nanoTime() - stopped) / 1e9;
        CpuAccounting.Snapshot after = cpu.snapshot();
        if (audit != null && !indexing) {
            // The backlog is indexed outside any timed round, so that it does not weigh on the next one.
            auditIndexer.resume();
            awaitAuditIndexed(log);
        }
        double n = done.sum();
        // Less what the processes burn when nobody searches (pollers, merges, GC, timers), measured right after:
        // at the low rates of a busy machine that background would otherwise outweigh the searches themselves.
        Round idle = idle(cpu);
        return new Round(n / seconds, net(after.jvmTotal() - before.jvmTotal(), idle.jvmMillis(), seconds, n),
                net(server(after, "Elasticsearch") - server(before, "Elasticsearch"), idle.elasticsearchMillis(), seconds, n),
                net(server(after, "Kafka") - server(before, "Kafka"), idle.kafkaMillis(), seconds, n), catchUp, done.sum());
    }

    private static double net(long nanos, double idleMillisPerSecond, double seconds, double searches) {
        return Math.max(0, nanos / 1e6 - idleMillisPerSecond * seconds) / searches;
    }

    /** CPU milliseconds per second of each process while nothing is searched, over 3 s. */
    private Round idle(CpuAccounting cpu) throws InterruptedException {
        CpuAccounting.Snapshot before = cpu.snapshot();
        Thread.sleep(3000);
        CpuAccounting.Snapshot after = cpu.snapshot();
        double seconds = (after.atNanos() - before.atNanos()) / 1e9;
        return new Round(0, (after.jvmTotal() - before.jvmTotal()) / 1e6 / seconds,
                (server(after, "Elasticsearch") - server(before, "Elasticsearch")) / 1e6 / seconds,
                (server(after, "Kafka") - server(before, "Kafka")) / 1e6 / seconds, 0, 0);
    }

    /**
     * Searches per second, and CPU milliseconds per search of this JVM, Elasticsearch and Kafka; with audit, the seconds
     * the round went on after the searchers stopped, until the auditors' index had every event (part of its time).
     */
    private record Round(double perSecond, double jvmMillis, double elasticsearchMillis, double kafkaMillis,
                         double catchUpSeconds, long searches) {
        double cpuMillisPerSearch() {
            return jvmMillis + elasticsearchMillis + kafkaMillis;
        }

        String cpu() {
            return String.format(Locale.ROOT, "%.2f ms CPU each (JVM %.2f, Elasticsearch %.2f, Kafka %.2f)", cpuMillisPerSearch(),
                    jvmMillis, elasticsearchMillis, kafkaMillis);
        }
    }

    private static long server(CpuAccounting.Snapshot snapshot, String name) {
        return snapshot.processes().entrySet().stream().filter(e -> e.getKey().startsWith(name)).mapToLong(Map.Entry::getValue).sum();
    }

    /** The middle value; of an even count, the mean of the two middle ones (the upper alone flattered the audit). */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** Until every audit entry is acknowledged by Kafka and the auditors' indexer has committed past it (after Elasticsearch took it). */
    private void awaitAuditIndexed(KafkaAuditLog log) throws Exception {
        TopicPartition partition = new TopicPartition(KafkaAuditLog.TOPIC, 0);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (log.pending() == 0) {
                long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get().get(partition).offset();
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("synergie-audit-indexer")
                        .partitionsToOffsetAndMetadata().get().get(partition);
                if (committed != null && committed.offset() >= end) {
                    return;
                }
            }
            Thread.sleep(100); // coarse on purpose: this polling is counted in the round
        }
        throw new IllegalStateException("the auditors' indexer did not catch up within 5 minutes");
    }

    private static void waitUntilSearchable(NoticeIndex index, ReadScope scope) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (index.search(new NoticeQuery(NoticeGenerator.token(0), 1), scope).total() > 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the notices did not become searchable");
    }

    @Override
    public void stop() {
        if (admin != null) {
            admin.close();
        }
        if (gateway != null) {
            try {
                gateway.close();
            } catch (RuntimeException e) {
                System.err.println("gateway did not stop cleanly: " + e);
            }
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static void progress(String message) {
        System.out.println("[" + Instant.now().toString().substring(11, 19) + "] " + message);
    }
}
