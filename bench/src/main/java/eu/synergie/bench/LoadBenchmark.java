package eu.synergie.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.sun.management.OperatingSystemMXBean;
import eu.synergie.core.envelope.NoticeSealer;
import eu.synergie.core.trust.TrustService;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.gateway.keys.ExchangeKeys;
import eu.synergie.gateway.wiring.SynergieProperties;
import eu.synergie.infra.ElasticsearchNode;
import eu.synergie.infra.LocalStack;
import eu.synergie.search.NoticeDocument;
import org.apache.kafka.common.utils.AppInfoParser;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The ingestion load benchmark (issue 4): N synthetic notices from the five demo agencies, sealed as the
 * agencies would, pushed through the real gateway ({@code POST /api/v1/notices/batch}), Kafka and the
 * indexer into Elasticsearch, timed until every one is searchable; beside it, in the same run and on the
 * same servers, the same documents bulk-indexed straight into Elasticsearch. It starts its own stack
 * (fresh data under {@code --home}) and the gateway in this JVM, prints one report, and stops all.
 *
 * <p>Not a test: nothing here asserts a figure. Run it as the README says ("Load benchmark").
 */
public final class LoadBenchmark implements BenchMain.Run {

    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");
    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

    private final BenchOptions options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> report = new ArrayList<>();
    private LocalStack stack;
    private ConfigurableApplicationContext gateway;
    private int gatewayPort;
    private BatchPush feeds;

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
        Map<String, KeyCredential> credentials = registerAgencies();
        feeds = new BatchPush(gatewayPort, stack.keycloak(), options.concurrency());

        int total = options.warmup() + options.notices();
        NoticeGenerator generator = new NoticeGenerator(options.seed(), Instant.now(), BenchAgency.DEMO);
        progress("generating and sealing " + total + " notices (the agencies' work; before any clock)");
        ExchangeKeys keys = gateway.getBean(ExchangeKeys.class);
        Map<String, X509Certificate> regionCertificates = new HashMap<>();
        for (String region : keys.regions().regions()) {
            regionCertificates.put(region, keys.regions().recipientCertificate(region).orElseThrow());
        }
        long sealStart = System.nanoTime();
        NoticeGenerator.Generated[] notices = new NoticeGenerator.Generated[total];
        byte[][] envelopes = new byte[total][];
        IntStream.range(0, total).parallel().forEach(i -> {
            NoticeGenerator.Generated generated = generator.generate(i);
            notices[i] = generated;
            envelopes[i] = NoticeSealer.seal(generated.notice(), credentials.get(generated.agency().code()),
                    regionCertificates.get(generated.notice().region()));
        });
        double sealSeconds = (System.nanoTime() - sealStart) / 1e9;
        long envelopeBytes = 0;
        for (byte[] envelope : envelopes) {
            envelopeBytes += envelope.length;
        }
        Instant sealedAt = Instant.now();
        progress(String.format("sealed %,d envelopes in %.1f s (%,.0f/s on %d threads), %,d bytes on average",
                total, sealSeconds, total / sealSeconds, Runtime.getRuntime().availableProcessors(), envelopeBytes / total));

        List<FeedPusher.Batch> warmupBatches = BatchPush.batches(notices, envelopes, 0, options.warmup(), options.batch());
        List<FeedPusher.Batch> measuredBatches = BatchPush.batches(notices, envelopes, options.warmup(), total, options.batch());
        List<NoticeDocument> documents = documents(notices, credentials, sealedAt);
        List<LatencyProbe.Sample> samples = LatencyProbe.samples(notices, options.warmup(), options.sampleEvery());
        describeCorpus(notices, envelopeBytes / total, documents);
        Arrays.fill(envelopes, null);

        // Warm-up: the JIT, the gateway's pools, the topics and the live indices, Elasticsearch itself.
        if (options.warmup() > 0) {
            progress("warm-up: " + options.warmup() + " notices end to end (not measured)");
            var warm = feeds.start(warmupBatches, 0, (notice, at) -> {
            });
            feeds.awaitSearchable(this::countNotices, options.warmup(), null, 0, warm);
            warm.join();
        }

        CpuAccounting cpu = new CpuAccounting();
        RawBulk raw = new RawBulk(gateway.getBean(ElasticsearchClient.class));
        progress("raw bulk: " + documents.size() + " documents straight into Elasticsearch");
        CpuAccounting.Snapshot rawFrom = cpu.snapshot();
        RawBulk.Result rawResult = raw.run(documents, options.rawBatch(), options.rawConcurrency());
        CpuAccounting.Snapshot rawTo = cpu.snapshot();
        raw.deleteIndex();
        documents = null;
        if (rawResult.count() != options.notices()) {
            throw new IllegalStateException("raw bulk: " + rawResult.count() + " documents searchable, not " + options.notices());
        }
        progress(String.format("raw bulk: %,.0f docs/s", rawResult.docsPerSecond()));
        Thread.sleep(2000);

        progress("end to end: " + options.notices() + " notices through POST /api/v1/notices/batch");
        LatencyProbe probe = new LatencyProbe(URI.create("http://localhost:" + gatewayPort), stack.keycloak(), samples);
        StageProfile profile = options.profile() ? new StageProfile(options.home().resolveSibling("load-benchmark-e2e.jfr")) : null;
        Thread prober = Thread.ofPlatform().name("bench-latency-probe").start(probe);
        CpuAccounting.Snapshot e2eFrom = cpu.snapshot();
        if (profile != null) {
            profile.start();
        }
        long start = System.nanoTime();
        var pushing = feeds.start(measuredBatches, options.rate(), probe::accepted);
        long searchable = feeds.awaitSearchable(this::countNotices, total, start, options.warmup(), pushing) - start;
        BatchPush.Result pushed = pushing.join();
        CpuAccounting.Snapshot e2eTo = cpu.snapshot();
        List<String> stages = profile != null ? profile.stop() : List.of();
        long acked = pushed.doneAt() - start;
        prober.join(Duration.ofSeconds(60));
        probe.stop();
        prober.join(Duration.ofSeconds(5));
        long deadLetters = deadLetterTotal();
        String loadAfter = CpuAccounting.loadAverage();

        double e2eRate = options.notices() / (searchable / 1e9);
        double ratio = e2eRate / rawResult.docsPerSecond();
        double[] latencies = probe.latenciesMillis();
        report.add("");
        report.add("== Results ==");
        report.add(String.format("raw Elasticsearch bulk : %,9.0f docs/s     (%,d docs, %d per bulk, %d in flight; acked in %.1f s = %,.0f docs/s, searchable after refresh at %.1f s)",
                rawResult.docsPerSecond(), rawResult.documents(), options.rawBatch(), options.rawConcurrency(),
                rawResult.ackedNanos() / 1e9, rawResult.ackedDocsPerSecond(), rawResult.searchableNanos() / 1e9));
        report.add(String.format("end to end             : %,9.0f notices/s  (%,d notices, %d per batch request, %d in flight; all 202 at %.1f s = %,.0f/s published, all searchable at %.1f s)",
                e2eRate, options.notices(), options.batch(), options.concurrency(), acked / 1e9,
                options.notices() / (acked / 1e9), searchable / 1e9));
        if (options.rate() > 0) {
            report.add(String.format("(paced at %,d notices/s offered: the end-to-end rate is the offered one unless the pipeline fell behind; read the latency)",
                    options.rate()));
        }
        report.add(String.format("ratio end to end / raw : %6.1f %%  (target >= 50 %%: %s)", 100 * ratio, ratio >= 0.5 ? "met" : "NOT met"));
        report.add(String.format("publish -> searchable  : p50 %,.0f ms, p99 %,.0f ms, max %,.0f ms  (%d of %d samples found, 1 in %d; %d searches through the gateway, %d failed; resolution ~%d ms)",
                LatencyProbe.quantile(latencies, 0.50), LatencyProbe.quantile(latencies, 0.99),
                latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1], latencies.length, probe.sampleCount(),
                options.sampleEvery(), probe.searches(), probe.failedSearches(), 100));
        report.add(String.format("accepted %,d, refused %d%s; dead letters %d; searchable in the notices alias %,d (incl. %,d warm-up)",
                pushed.accepted(), pushed.refused(), pushed.refusals().isEmpty() ? "" : " " + pushed.refusals(), deadLetters,
                countNotices(), options.warmup()));
        report.add("load average (1, 5, 15 min): before " + loadBefore + "; after " + loadAfter);
        report.add("");
        report.add("== CPU during the raw bulk (cores busy on average) ==");
        report.addAll(CpuAccounting.report(rawFrom, rawTo));
        report.add("");
        report.add("== CPU during end to end (cores busy on average) ==");
        report.addAll(CpuAccounting.report(e2eFrom, e2eTo));
        if (!stages.isEmpty()) {
            report.add("");
            report.add("== Benchmark JVM by pipeline stage, end to end ==");
            report.addAll(stages);
        }
        printReport();
    }


    private void startStack() throws IOException {
        stack = BenchStack.start(options.home(), false);
    }

    private void startGateway() throws IOException {
        BenchStack.Gateway started = BenchStack.startGateway(stack, options.home(), options.gatewayProperties());
        gateway = started.context();
        gatewayPort = started.port();
    }

    private Map<String, KeyCredential> registerAgencies() {
        TrustService trust = gateway.getBean(TrustService.class);
        Map<String, KeyCredential> credentials = new LinkedHashMap<>();
        for (BenchAgency agency : BenchAgency.DEMO) {
            if (trust.registry().agency(agency.code()).isEmpty()) {
                trust.register(agency.code(), agency.name(), Set.copyOf(agency.regionNames()), "load-benchmark");
            }
            KeyPair pair = Keys.generateEcP256();
            credentials.put(agency.code(), new KeyCredential(pair.getPrivate(),
                    trust.issueCertificate(agency.code(), pair.getPublic(), "load-benchmark")));
        }
        progress("trust: registered " + credentials.keySet() + " and issued each a certificate");
        return credentials;
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


    /** The documents of the measured notices, as the indexer would write them. */
    private List<NoticeDocument> documents(NoticeGenerator.Generated[] notices, Map<String, KeyCredential> credentials,
                                          Instant sealedAt) throws Exception {
        Map<String, BenchDocuments.Signer> signers = new HashMap<>();
        for (var entry : credentials.entrySet()) {
            X509Certificate certificate = entry.getValue().certificate();
            signers.put(entry.getKey(), new BenchDocuments.Signer(entry.getKey(), certificate.getSerialNumber().toString(16),
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()))));
        }
        Instant verifiedAt = Instant.now();
        List<NoticeDocument> documents = new ArrayList<>(options.notices());
        for (int i = options.warmup(); i < notices.length; i++) {
            NoticeGenerator.Generated n = notices[i];
            documents.add(BenchDocuments.of(n.notice(), signers.get(n.agency().code()), sealedAt, verifiedAt, i % 3, i));
        }
        return documents;
    }

    private void describeCorpus(NoticeGenerator.Generated[] notices, long averageEnvelope, List<NoticeDocument> documents) {
        Map<String, Integer> languages = new TreeMap<>();
        Map<String, Integer> agencies = new TreeMap<>();
        Map<String, Integer> regions = new TreeMap<>();
        Map<String, Integer> classifications = new TreeMap<>();
        long entities = 0;
        for (NoticeGenerator.Generated n : notices) {
            languages.merge(n.notice().language(), 1, Integer::sum);
            agencies.merge(n.agency().code(), 1, Integer::sum);
            regions.merge(n.notice().region(), 1, Integer::sum);
            classifications.merge(n.notice().markings().classification().name(), 1, Integer::sum);
            entities += n.notice().entities().size();
        }
        JsonMapper json = JsonMapper.builder().build();
        long documentBytes = 0;
        int measured = Math.min(1000, documents.size());
        for (int i = 0; i < measured; i++) {
            documentBytes += json.writeValueAsBytes(documents.get(i)).length;
        }
        report.add(String.format("notices: %s; by agency %s; by region %s; by classification %s; %.1f entities per notice",
                percentages(languages, notices.length), percentages(agencies, notices.length),
                percentages(regions, notices.length), percentages(classifications, notices.length),
                (double) entities / notices.length));
        report.add(String.format("sizes: envelope %,d bytes on average (CMS, ECDSA P-256, 2 ECDH recipients), index document %,d bytes of JSON",
                averageEnvelope, measured == 0 ? 0 : documentBytes / measured));
    }

    private static String percentages(Map<String, Integer> counts, int total) {
        List<String> parts = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> parts.add(e.getKey() + " " + Math.round(100.0 * e.getValue() / total) + "%"));
        return String.join(", ", parts);
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
        head.add("==== Synergie load benchmark: N = " + String.format("%,d", options.notices()) + " ====");
        head.add(String.format("machine: %d cores, %.1f GiB; %s %s; JVM %s %s, max heap %d MiB, %s",
                Runtime.getRuntime().availableProcessors(),
                ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() / 1073741824.0,
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.vendor"),
                System.getProperty("java.runtime.version"), Runtime.getRuntime().maxMemory() / 1048576,
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList()));
        head.add(String.format("stack: Kafka %s (1 broker, 3 partitions per region topic, acks=all), Elasticsearch %s (1 node, 512 MiB heap, 1 shard, 0 replicas), Keycloak; gateway in this JVM, %s indexer consumers",
                AppInfoParser.getVersion(), elasticsearchVersion(),
                gateway.getBean(SynergieProperties.class).ingestion().consumers()));
        if (!options.gatewayProperties().isEmpty()) {
            head.add("gateway properties set by this run: " + options.gatewayProperties());
        }
        head.add("options: " + options);
        report.addAll(0, head);
        report.forEach(System.out::println);
        Path file = options.home().resolveSibling("load-benchmark-report-" + options.notices() + ".txt");
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
