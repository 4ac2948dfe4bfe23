package eu.synergie.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.sun.management.OperatingSystemMXBean;
import eu.synergie.core.trust.TrustService;
import eu.synergie.crypto.envelope.EnvelopeProfile;
import eu.synergie.gateway.keys.ExchangeKeys;
import eu.synergie.gateway.wiring.SynergieProperties;
import eu.synergie.infra.ElasticsearchNode;
import eu.synergie.infra.LocalStack;
import eu.synergie.search.NoticeDocument;
import org.apache.kafka.common.utils.AppInfoParser;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The ingestion load benchmark (issue 4): N synthetic notices from the five demo agencies, sealed as the
 * agencies would, pushed through the real gateway ({@code POST /api/v1/notices/batch}), Kafka and the
 * indexer into Elasticsearch, timed until every one is searchable; beside it, in the same run and on the
 * same servers, the same documents bulk-indexed straight into Elasticsearch. It starts its own stack
 * (fresh data under {@code --home}) and the gateway in this JVM, prints one report, and stops all.
 * With {@code --envelopes hybrid} the notices are sealed in the hybrid profile (issue 20); with {@code both}, a second
 * end-to-end phase of N new notices sealed hybrid follows the classical one on the same stack, and the report puts
 * the two side by side ({@link EndToEndPhase}).
 *
 * <p>Not a test: nothing here asserts a figure. Run it as the README says ("Load benchmark").
 */
public final class LoadBenchmark implements BenchMain.Run {

    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");
    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");
    /** Distinct envelopes the opening cost cycles through: more than fit a CPU cache, fewer than cost memory. */
    private static final int OPENED_FOR_THE_FLOOR = 2_000;

    private final BenchOptions options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> report = new ArrayList<>();
    private LocalStack stack;
    private ConfigurableApplicationContext gateway;
    private int gatewayPort;
    private BatchPush feeds;
    private final Map<EnvelopeProfile, Double> sealings = new EnumMap<>(EnvelopeProfile.class);
    private final Map<EnvelopeProfile, Long> envelopeBytes = new EnumMap<>(EnvelopeProfile.class);
    private final Map<EnvelopeProfile, OpeningCost> openings = new EnumMap<>(EnvelopeProfile.class);
    private RawBulk.Result rawResult;
    private CpuAccounting.Snapshot rawFrom;
    private CpuAccounting.Snapshot rawTo;

    private LoadBenchmark(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        BenchMain.quietStartup();
        LoadBenchmark benchmark = new LoadBenchmark(BenchMain.optionsOrExit(args, BenchOptions::parse, BenchOptions.USAGE));
        BenchMain.runAndExit("load benchmark", benchmark);
    }

    @Override
    public void run() throws Exception {
        String loadBefore = CpuAccounting.loadAverage();
        progress("stack: starting Kafka, Elasticsearch and Keycloak under " + options.home() + " (data emptied)");
        startStack();
        progress("gateway: starting in this JVM");
        startGateway();
        List<EnvelopeProfile> profiles = options.envelopes();
        AgencyKeys agencies = AgencyKeys.register(gateway.getBean(TrustService.class), gateway.getBean(ExchangeKeys.class),
                BenchAgency.DEMO, profiles.contains(EnvelopeProfile.HYBRID));
        progress("trust: registered " + agencies.classical().keySet() + " and issued each a certificate"
                + (profiles.contains(EnvelopeProfile.HYBRID) ? " (ECDSA and ML-DSA-65; own ML-KEM-768 certificates self-issued)" : ""));
        feeds = new BatchPush(gatewayPort, stack.keycloak(), options.concurrency());

        // Each phase has notices of its own: warm-up then measured, at generator indices [k * perPhase, (k + 1) * perPhase).
        // A notice's id and token derive from the seed and its index alone, so no two phases share a notice.
        int perPhase = options.warmup() + options.notices();
        int total = perPhase * profiles.size();
        NoticeGenerator generator = new NoticeGenerator(options.seed(), Instant.now(), BenchAgency.DEMO);
        progress("generating " + total + " notices");
        NoticeGenerator.Generated[] notices = new NoticeGenerator.Generated[total];
        IntStream.range(0, total).parallel().forEach(i -> notices[i] = generator.generate(i));
        List<NoticeDocument> documents = BenchDocuments.of(notices, options.warmup(), perPhase, agencies.classical());
        long documentBytes = CorpusSummary.averageDocumentBytes(documents);

        CpuAccounting cpu = new CpuAccounting();
        List<EndToEndPhase> phases = new ArrayList<>();
        for (int k = 0; k < profiles.size(); k++) {
            int from = k * perPhase;
            EnvelopeProfile profile = profiles.get(k);
            AgencyKeys.Sealed sealed = seal(agencies, notices, from, from + perPhase, profile);
            int measuredFrom = from + options.warmup();
            List<FeedPusher.Batch> warmupBatches = BatchPush.batches(notices, sealed.envelopes(), from, measuredFrom, options.batch());
            List<FeedPusher.Batch> measuredBatches = BatchPush.batches(notices, sealed.envelopes(), measuredFrom, from + perPhase,
                    options.batch());
            List<byte[]> toOpen = List.of(java.util.Arrays.copyOfRange(sealed.envelopes(), from,
                    from + Math.min(OPENED_FOR_THE_FLOOR, perPhase)));
            sealed = null; // the batches hold the bodies: only one phase's envelopes are kept, not both phases'
            // Each profile warms up on its own kind: the hybrid phase's ML-KEM and ML-DSA code is compiled by the JIT in
            // its own warm-up, not in the measured phase (the classical warm-up compiles none of it).
            warmUp(warmupBatches, profile, measuredFrom);
            openings.put(profile, measureOpening(toOpen, profile));
            if (k == 0) {
                rawBulk(cpu, documents);
                documents = null;
            }
            Thread.sleep(2000);
            phases.add(measure(profile, measuredBatches, LatencyProbe.samples(notices, measuredFrom, from + perPhase,
                    options.sampleEvery()), measuredFrom, cpu));
        }
        String loadAfter = CpuAccounting.loadAverage();
        report(notices, phases, documentBytes, loadBefore, loadAfter);
        printReport();
    }

    private AgencyKeys.Sealed seal(AgencyKeys agencies, NoticeGenerator.Generated[] notices, int from, int to,
                                   EnvelopeProfile profile) {
        String kind = profile.name().toLowerCase(Locale.ROOT);
        progress("sealing " + (to - from) + " notices " + kind + " (the agencies' work; before any clock)");
        AgencyKeys.Sealed sealed = agencies.sealAll(notices, from, to, profile);
        progress(String.format("sealed %,d %s envelopes in %.1f s (%,.0f/s on %d threads), %,d bytes on average",
                sealed.count(), kind, sealed.seconds(), sealed.perSecond(), Runtime.getRuntime().availableProcessors(),
                sealed.averageBytes()));
        sealings.put(profile, sealed.perSecond());
        envelopeBytes.put(profile, sealed.averageBytes());
        return sealed;
    }

    /** The JIT, the gateway's pools, the topics and the live indices, Elasticsearch itself: until {@code target} are searchable. */
    private void warmUp(List<FeedPusher.Batch> batches, EnvelopeProfile profile, long target) throws Exception {
        if (options.warmup() == 0) {
            return;
        }
        progress("warm-up: " + options.warmup() + " " + profile.name().toLowerCase(Locale.ROOT)
                + " notices end to end (not measured)");
        var warm = feeds.start(batches, 0, (notice, at) -> {
        });
        feeds.awaitSearchable(this::countNotices, target, null, 0, warm);
        warm.join();
    }

    /** The floor's opening term, with the pipeline drained after the warm-up (before the raw bulk and the clock). */
    private OpeningCost measureOpening(List<byte[]> envelopes, EnvelopeProfile profile) {
        progress("floor: opening " + profile.name().toLowerCase(Locale.ROOT) + " envelopes on one thread (5 s warm-up, 10 s measured)");
        OpeningCost cost = OpeningCost.measure(gateway.getBean(ExchangeKeys.class),
                gateway.getBean(SynergieProperties.class).maxEnvelopeBytes(), envelopes, Duration.ofSeconds(5),
                Duration.ofSeconds(10));
        progress(String.format("floor: %,d opened, %.3f ms of CPU each", cost.opens(), cost.millisPerOpen()));
        return cost;
    }

    /** The floor of a phase: its opening cost, and the raw bulk's CPU per document over all our processes. */
    private IngestionFloor floorOf(EnvelopeProfile profile) {
        double rawSeconds = (rawTo.atNanos() - rawFrom.atNanos()) / 1e9;
        double rawCores = CpuAccounting.byProcess(rawFrom, rawTo, EndToEndPhase.JVM).values().stream()
                .mapToDouble(Double::doubleValue).sum();
        double indexMillis = rawCores * rawSeconds * 1000 / rawResult.documents();
        return new IngestionFloor(openings.get(profile).millisPerOpen(), indexMillis, Runtime.getRuntime().availableProcessors());
    }

    private void rawBulk(CpuAccounting cpu, List<NoticeDocument> documents) throws Exception {
        // As the operator: the gateway's Elasticsearch user may manage only notices* and audit* (infra's
        // ElasticsearchSecurity), not the baseline's index; same JSON mapper as the gateway's, so the same documents.
        ElasticsearchNode node = stack.elasticsearch();
        ElasticsearchClient gatewayClient = gateway.getBean(ElasticsearchClient.class);
        try (ElasticsearchClient operator = ElasticsearchClient.of(b -> b.host(node.url())
                .usernameAndPassword(node.operatorUser().username(), node.operatorUser().password())
                .sslContext(node.sslContext()).jsonMapper(gatewayClient._jsonpMapper()))) {
            RawBulk raw = new RawBulk(operator);
            progress("raw bulk: " + documents.size() + " documents straight into Elasticsearch");
            rawFrom = cpu.snapshot();
            rawResult = raw.run(documents, options.rawBatch(), options.rawConcurrency());
            rawTo = cpu.snapshot();
            raw.deleteIndex();
        }
        if (rawResult.count() != options.notices()) {
            throw new IllegalStateException("raw bulk: " + rawResult.count() + " documents searchable, not " + options.notices());
        }
        progress(String.format("raw bulk: %,.0f docs/s", rawResult.docsPerSecond()));
    }

    /** One measured end-to-end phase: {@code batches} pushed until the {@code before} already searchable and they are. */
    private EndToEndPhase measure(EnvelopeProfile profile, List<FeedPusher.Batch> batches, List<LatencyProbe.Sample> samples,
                                  int before, CpuAccounting cpu) throws Exception {
        String kind = profile.name().toLowerCase(Locale.ROOT);
        progress("end to end: " + options.notices() + " " + kind + " notices through POST /api/v1/notices/batch");
        long deadBefore = deadLetterTotal();
        LatencyProbe probe = new LatencyProbe(URI.create("http://localhost:" + gatewayPort), stack.keycloak(), samples);
        StageProfile profiler = options.profile() ? new StageProfile(options.home().resolveSibling(
                profile == EnvelopeProfile.CLASSICAL ? "load-benchmark-e2e.jfr" : "load-benchmark-e2e-" + kind + ".jfr")) : null;
        Thread prober = Thread.ofPlatform().name("bench-latency-probe").start(probe);
        CpuAccounting.Snapshot from = cpu.snapshot();
        ElasticsearchWork.Snapshot workFrom = ElasticsearchWork.read(stack.elasticsearch());
        if (profiler != null) {
            profiler.start();
        }
        long start = System.nanoTime();
        var pushing = feeds.start(batches, options.rate(), probe::accepted);
        long searchable = feeds.awaitSearchable(this::countNotices, before + options.notices(), start, before, pushing) - start;
        BatchPush.Result pushed = pushing.join();
        CpuAccounting.Snapshot to = cpu.snapshot();
        List<String> work = ElasticsearchWork.report(workFrom, ElasticsearchWork.read(stack.elasticsearch()), options.notices());
        List<String> stages = profiler != null ? profiler.stop() : List.of();
        prober.join(Duration.ofSeconds(60));
        probe.stop();
        prober.join(Duration.ofSeconds(5));
        long deadAfter = deadLetterTotal();
        progress(String.format("end to end, %s: %,.0f notices/s", kind, options.notices() / (searchable / 1e9)));
        return new EndToEndPhase(profile, options.notices(), sealings.get(profile), envelopeBytes.get(profile),
                pushed.doneAt() - start, searchable, probe.latenciesMillis(), probe.sampleCount(), probe.searches(),
                probe.failedSearches(), pushed, deadBefore < 0 || deadAfter < 0 ? -1 : deadAfter - deadBefore,
                countNotices(), from, to, stages, work);
    }

    private void report(NoticeGenerator.Generated[] notices, List<EndToEndPhase> phases, long documentBytes,
                        String loadBefore, String loadAfter) {
        report.addAll(CorpusSummary.lines(notices, envelopeBytes, documentBytes));
        report.add("");
        report.add("== Results ==");
        report.add(String.format("raw Elasticsearch bulk : %,9.0f docs/s     (%,d docs, %d per bulk, %d in flight; acked in %.1f s = %,.0f docs/s, searchable after refresh at %.1f s)",
                rawResult.docsPerSecond(), rawResult.documents(), options.rawBatch(), options.rawConcurrency(),
                rawResult.ackedNanos() / 1e9, rawResult.ackedDocsPerSecond(), rawResult.searchableNanos() / 1e9));
        for (int k = 0; k < phases.size(); k++) {
            if (phases.size() > 1) {
                report.add(EndToEndPhase.name(phases.get(k)) + " envelopes (after " + options.warmup() + " of their own warm-up):");
            }
            report.addAll(phases.get(k).lines(rawResult, floorOf(phases.get(k).profile()), openings.get(phases.get(k).profile()),
                    options, (k + 1) * options.warmup(), k * options.notices()));
        }
        report.add("load average (1, 5, 15 min): before " + loadBefore + "; after " + loadAfter);
        if (phases.size() > 1) {
            report.add("");
            report.add("== " + EndToEndPhase.name(phases.get(0)) + " vs " + EndToEndPhase.name(phases.get(1))
                    + ": same stack, same gateway, one run ==");
            report.addAll(EndToEndPhase.comparison(phases.get(0), phases.get(1), rawResult));
        }
        report.add("");
        report.add("== CPU during the raw bulk (cores busy on average) ==");
        report.addAll(CpuAccounting.report(rawFrom, rawTo));
        for (EndToEndPhase phase : phases) {
            report.add("");
            report.add("== CPU during end to end" + (phases.size() > 1 ? ", " + EndToEndPhase.name(phase) + " envelopes" : "")
                    + " (cores busy on average) ==");
            report.addAll(CpuAccounting.report(phase.cpuFrom(), phase.cpuTo()));
            report.add("");
            report.add("== Elasticsearch's own counters during end to end" + (phases.size() > 1 ? ", "
                    + EndToEndPhase.name(phase) + " envelopes" : "") + " (_stats: operations, and their time per notice) ==");
            report.addAll(phase.elasticsearchWork());
            if (!phase.stages().isEmpty()) {
                report.add("");
                report.add("== Benchmark JVM by pipeline stage, end to end"
                        + (phases.size() > 1 ? ", " + EndToEndPhase.name(phase) + " envelopes" : "") + " ==");
                report.addAll(phase.stages());
            }
        }
    }

    private void startStack() throws IOException {
        stack = BenchStack.start(options.home(), false);
    }

    private void startGateway() throws IOException {
        BenchStack.Gateway started = BenchStack.startGateway(stack, options.home(), options.gatewayProperties());
        gateway = started.context();
        gatewayPort = started.port();
    }

    @Override
    public void stop() {
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

    /** Documents searchable through the {@code notices} alias (refreshed ones only, as a search sees them). */
    private long countNotices() throws Exception {
        HttpResponse<String> response = elasticsearch("/notices/_count");
        Matcher m = COUNT.matcher(response.body());
        return response.statusCode() == 200 && m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private long deadLetterTotal() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + gatewayPort
                            + "/api/v1/admin/deadletters?recent=1"))
                    .header("Authorization", "Bearer " + stack.keycloak().passwordGrant("amelie.roux", "demo")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = TOTAL.matcher(response.body());
            return response.statusCode() == 200 && m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }


    private void printReport() throws IOException {
        List<String> head = new ArrayList<>();
        head.add("");
        head.add("==== Synergie load benchmark: N = " + String.format("%,d", options.notices())
                + (options.envelopes().equals(List.of(EnvelopeProfile.CLASSICAL)) ? ""
                : ", " + options.envelopes().stream().map(p -> p.name().toLowerCase(Locale.ROOT) + " envelopes")
                .collect(Collectors.joining(" then "))) + " ====");
        head.add(String.format("machine: %d cores, %.1f GiB; %s %s; JVM %s %s, max heap %d MiB, %s",
                Runtime.getRuntime().availableProcessors(),
                ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() / 1073741824.0,
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.vendor"),
                System.getProperty("java.runtime.version"), Runtime.getRuntime().maxMemory() / 1048576,
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList()));
        SynergieProperties settings = gateway.getBean(SynergieProperties.class);
        head.add(String.format("stack: Kafka %s (1 broker, 3 partitions per region topic, acks=all), Elasticsearch %s (1 node, 512 MiB heap, %d shard(s) per region, %d replicas), Keycloak; gateway in this JVM, %s indexer consumers",
                AppInfoParser.getVersion(), elasticsearchVersion(), settings.search().shards(), settings.search().replicas(),
                settings.ingestion().consumers()));
        if (!options.gatewayProperties().isEmpty()) {
            head.add("gateway properties set by this run: " + options.gatewayProperties());
        }
        head.add("options: " + options);
        report.addAll(0, head);
        report.forEach(System.out::println);
        String envelopes = options.envelopes().size() > 1 ? "-both"
                : options.envelopes().getFirst() == EnvelopeProfile.HYBRID ? "-hybrid" : "";
        Path file = options.home().resolveSibling("load-benchmark-report-" + options.notices() + envelopes + ".txt");
        Files.write(file, report);
        System.out.println("(report written to " + file + ")");
    }

    /** From {@code _cat/nodes}: the integ-test distribution we run has no {@code GET /}. */
    private String elasticsearchVersion() {
        try {
            HttpResponse<String> response = elasticsearch("/_cat/nodes?h=version");
            return response.statusCode() == 200 ? response.body().strip() : "?";
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    /** A GET on the node as the operator (the node's version is none of the gateway's business). */
    private HttpResponse<String> elasticsearch(String path) throws IOException, InterruptedException {
        ElasticsearchNode node = stack.elasticsearch();
        return node.httpClient().send(node.request(path, node.operatorUser()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void progress(String line) {
        System.out.println("[" + LocalTime.now().withNano(0) + "] " + line);
    }
}
