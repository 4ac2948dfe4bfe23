package eu.synergie.bench;

import com.sun.management.OperatingSystemMXBean;
import eu.synergie.core.envelope.NoticeSealer;
import eu.synergie.crypto.pki.CertificateRequests;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.pki.Pem;
import eu.synergie.crypto.pki.Pkcs12;
import eu.synergie.infra.ClusterStack;
import eu.synergie.infra.ElasticsearchNode;
import eu.synergie.infra.GatewayProcess;
import eu.synergie.infra.KeycloakServer;
import eu.synergie.infra.LocalStack;
import org.apache.kafka.common.utils.AppInfoParser;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The load benchmark on the cluster profile beside the single-node one, in one run (issue 15, "Measure"): the same N
 * synthetic notices, sealed as the agencies would, pushed through {@code POST /api/v1/notices/batch} and timed until
 * searchable, then analysts searching back to back for a fixed time; first on infra's {@link LocalStack} (one broker,
 * one Elasticsearch node) with one gateway process, then on infra's {@link ClusterStack} (3 brokers, 3 Elasticsearch
 * nodes, gateways behind HAProxy). Both profiles run the gateway's executable jar in processes of their own, so that
 * each side's CPU is counted the same way; both load the demo (agencies, users, 14 notices) and get their agencies'
 * certificates through the trust API. Keycloak is the single-node stack's, kept running for the cluster.
 *
 * <p>The report puts both side by side with their ratio, and derives a sizing model from the CPU each process used
 * ({@link Sizing}). Not a test: nothing here asserts a figure. Run it as the README says ("Cluster load benchmark").
 */
public final class ClusterLoadBenchmark implements BenchMain.Run {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");
    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");
    private static final String CLIENT = "benchmark JVM (load client)";
    /** A benchmark measures the exchange, not the per-client rate limiter: limits far above what it sends. */
    private static final List<String> GATEWAY_ARGUMENTS = List.of(
            "--synergie.limits.rate.publish.capacity=1000000000",
            "--synergie.limits.rate.search.capacity=1000000000");

    /** Where one profile is reached: its one address, its key folder, and an Elasticsearch node to count on. */
    private record Target(ClusterBenchOptions.Profile profile, String url, List<String> instances, Path keyFolder, String keysPassword,
                          ElasticsearchNode node, ElasticsearchNode.Credentials operator, Map<Sizing.Role, Integer> processes,
                          String description) {

        int port() {
            return URI.create(url).getPort();
        }
    }

    /** What one profile measured. */
    private record Measured(Target target, double sealSeconds, long envelopeBytes, long baseline, double e2eSeconds,
                            double ackedSeconds, BatchPush.Result pushed, double[] latencies, int samples, int probeSearches,
                            int probeFailures, long deadLetters, long searchable, AnalystLoad.Result search,
                            Map<String, Double> e2eCores, Map<String, Double> searchCores, List<String> e2eCpu,
                            List<String> searchCpu, Map<String, Long> memory, Sizing.Profile sizing) {

        double e2eRate(int notices) {
            return notices / e2eSeconds;
        }
    }

    private final ClusterBenchOptions options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String keysPassword = UUID.randomUUID().toString();
    private LocalStack stack;
    private GatewayProcess single;
    private ClusterStack cluster;

    private ClusterLoadBenchmark(ClusterBenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        BenchMain.quietStartup();
        ClusterLoadBenchmark benchmark = new ClusterLoadBenchmark(
                BenchMain.optionsOrExit(args, ClusterBenchOptions::parse, ClusterBenchOptions.USAGE));
        BenchMain.runAndExit("cluster load benchmark", benchmark);
    }

    @Override
    public void run() throws Exception {
        if (!Files.isRegularFile(options.gatewayJar())) {
            throw new IllegalStateException("no gateway jar at " + options.gatewayJar()
                    + ": build it first (README, \"Cluster load benchmark\") or give --gateway-jar");
        }
        String loadBefore = CpuAccounting.loadAverage();
        Map<ClusterBenchOptions.Profile, Measured> results = new EnumMap<>(ClusterBenchOptions.Profile.class);
        Files.createDirectories(options.home());
        stack = BenchStack.prepare(options.home().resolve("single"), false, START_TIMEOUT);
        if (options.profiles().contains(ClusterBenchOptions.Profile.SINGLE)) {
            progress("single node: starting Kafka, Elasticsearch and Keycloak under " + options.home().resolve("single") + " (data emptied)");
            stack.startAll();
            Path folder = options.home().resolve("single/gateway");
            int port = URI.create(stack.gatewayUrl()).getPort();
            progress("single node: starting one gateway process (" + options.gatewayJar().getFileName() + ", demo on)");
            single = new GatewayProcess(GatewayProcess.Settings.against(stack, options.gatewayJar(), folder, port, keysPassword)
                    .withEnvironment("SYNERGIE_DEMO", "true").withArguments(GATEWAY_ARGUMENTS.toArray(String[]::new)));
            single.start(START_TIMEOUT);
            Map<Sizing.Role, Integer> processes = Map.of(Sizing.Role.GATEWAY, 1, Sizing.Role.ELASTICSEARCH, 1, Sizing.Role.KAFKA, 1);
            results.put(ClusterBenchOptions.Profile.SINGLE, measure(new Target(ClusterBenchOptions.Profile.SINGLE,
                    single.url(), List.of(single.url()), folder.resolve("keys"), keysPassword, stack.elasticsearch(),
                    stack.elasticsearch().operatorUser(), processes, "1 Kafka broker (3 partitions per region topic, replication 1), 1 Elasticsearch node (0 replicas), "
                    + "1 gateway process, no proxy")));
            progress("single node: stopping the gateway, Kafka and Elasticsearch (Keycloak stays for the cluster)");
            single.stop(STOP_GRACE);
            single = null;
            stack.kafka().stop(STOP_GRACE);
            stack.elasticsearch().stop(STOP_GRACE);
        } else {
            progress("starting Keycloak under " + options.home().resolve("single"));
            stack.keycloak().start(START_TIMEOUT);
        }
        if (options.profiles().contains(ClusterBenchOptions.Profile.CLUSTER)) {
            startCluster();
            Map<Sizing.Role, Integer> processes = Map.of(Sizing.Role.GATEWAY, options.gateways(),
                    Sizing.Role.ELASTICSEARCH, cluster.elasticsearch().size(), Sizing.Role.KAFKA, cluster.kafka().brokers().size(),
                    Sizing.Role.PROXY, 1);
            results.put(ClusterBenchOptions.Profile.CLUSTER, measure(new Target(ClusterBenchOptions.Profile.CLUSTER,
                    cluster.url(), cluster.gateways().stream().map(GatewayProcess::url).toList(), cluster.keyFolder(),
                    cluster.keysPassword(), cluster.elasticsearch().node(0), cluster.elasticsearch().operatorUser(), processes,
                    cluster.kafka().brokers().size() + " Kafka brokers (3 partitions per region topic, replication 3, min.insync.replicas 2), "
                    + cluster.elasticsearch().size() + " Elasticsearch nodes (1 replica), " + options.gateways()
                    + " gateway processes behind HAProxy (round robin)")));
        }
        printReport(results, loadBefore, CpuAccounting.loadAverage());
    }

    private void startCluster() throws IOException {
        Path home = options.home().resolve("cluster");
        BenchStack.deleteRecursively(home);
        Files.createDirectories(home);
        cluster = new ClusterStack(new ClusterStack.Settings(home, options.gatewayJar(), 0, options.gateways(), keysPassword, true,
                START_TIMEOUT), stack.keycloak(), GATEWAY_ARGUMENTS);
        // A node's folder may live elsewhere (under the temporary folder when ours is closed to its user).
        for (int i = 0; i < cluster.elasticsearch().size(); i++) {
            BenchStack.deleteRecursively(cluster.elasticsearch().node(i).folder().resolve("data"));
        }
        progress("cluster: starting 3 Kafka brokers, 3 Elasticsearch nodes, " + options.gateways()
                + " gateway processes (the first with the demo) and HAProxy under " + home);
        cluster.start();
    }

    /** Certificates, sealing, warm-up, end to end, search: one profile's measures. */
    private Measured measure(Target target) throws Exception {
        String name = target.profile().label;
        KeycloakServer keycloak = stack.keycloak();
        Map<String, KeyCredential> credentials = certificates(target);
        Map<String, X509Certificate> regionCertificates = new HashMap<>();
        for (BenchAgency agency : BenchAgency.DEMO) {
            for (String region : agency.regionNames()) {
                regionCertificates.computeIfAbsent(region, r -> Pkcs12.read(target.keyFolder().resolve("region-" + r + ".p12"),
                        target.keysPassword().toCharArray()).chain().getFirst());
            }
        }

        int total = options.warmup() + options.notices();
        NoticeGenerator generator = new NoticeGenerator(options.seed(), Instant.now(), BenchAgency.DEMO);
        progress(name + ": generating and sealing " + total + " notices for its region certificates (before any clock)");
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
        List<FeedPusher.Batch> warmupBatches = BatchPush.batches(notices, envelopes, 0, options.warmup(), options.batch());
        List<FeedPusher.Batch> measuredBatches = BatchPush.batches(notices, envelopes, options.warmup(), total, options.batch());
        List<LatencyProbe.Sample> samples = LatencyProbe.samples(notices, options.warmup(), options.sampleEvery());
        QueryMix mix = new QueryMix(QueryMix.entityValues(generator, total, 400, options.seed()), Instant.now());
        Arrays.fill(envelopes, null);

        BatchPush feeds = new BatchPush(target.port(), keycloak, options.concurrency());
        long baseline = countNotices(target);
        progress(String.format("%s: %,d notices searchable before (the demo's)", name, baseline));
        if (options.warmup() > 0) {
            progress(name + ": warm-up, " + options.warmup() + " notices end to end (not measured)");
            var warm = feeds.start(warmupBatches, 0, (notice, at) -> {
            });
            feeds.awaitSearchable(() -> countNotices(target), baseline + options.warmup(), null, 0, warm);
            warm.join();
        }
        Thread.sleep(2000);

        progress(name + ": end to end, " + options.notices() + " notices through POST /api/v1/notices/batch at " + target.url());
        CpuAccounting cpu = new CpuAccounting();
        LatencyProbe probe = new LatencyProbe(URI.create(target.url()), keycloak, samples);
        Thread prober = Thread.ofPlatform().name("bench-latency-probe").start(probe);
        CpuAccounting.Snapshot e2eFrom = cpu.snapshot();
        long start = System.nanoTime();
        var pushing = feeds.start(measuredBatches, 0, probe::accepted);
        long before = baseline + options.warmup();
        long searchableAt = feeds.awaitSearchable(() -> countNotices(target), before + options.notices(), start, before, pushing);
        BatchPush.Result pushed = pushing.join();
        CpuAccounting.Snapshot e2eTo = cpu.snapshot();
        Map<String, Long> memory = CpuAccounting.residentMemory(CLIENT);
        prober.join(Duration.ofSeconds(60));
        probe.stop();
        prober.join(Duration.ofSeconds(5));
        double e2eSeconds = (searchableAt - start) / 1e9;
        progress(String.format("%s: %,.0f notices/s end to end (all searchable after %.1f s)", name, options.notices() / e2eSeconds,
                e2eSeconds));

        progress(String.format("%s: search, %d analysts back to back for %d s (after %d s not recorded) at %s", name,
                options.analysts(), options.searchSeconds(), options.searchWarmup(), target.url()));
        AnalystLoad.Running searching = new AnalystLoad(URI.create(target.url()), keycloak, mix, options.seed())
                .start(options.analysts(), Duration.ofSeconds(options.searchWarmup()), Duration.ofSeconds(options.searchSeconds()));
        sleepUntil(searching.measureFrom);
        CpuAccounting.Snapshot searchFrom = cpu.snapshot();
        sleepUntil(searching.measureTo);
        CpuAccounting.Snapshot searchTo = cpu.snapshot();
        AnalystLoad.Result search = searching.join();
        progress(String.format("%s: %,.0f searches/s, p50 %.0f ms, p99 %.0f ms, %d errors", name, search.perSecond(),
                search.p50Millis(), search.p99Millis(), search.errors()));

        Map<String, Double> e2eCores = CpuAccounting.byProcess(e2eFrom, e2eTo, CLIENT);
        Map<String, Double> searchCores = CpuAccounting.byProcess(searchFrom, searchTo, CLIENT);
        Sizing.Profile sizing = new Sizing.Profile(name, target.processes(),
                Sizing.Phase.of(options.notices() / e2eSeconds, e2eCores),
                Sizing.Phase.of(Math.max(search.perSecond(), Double.MIN_VALUE), searchCores));
        return new Measured(target, sealSeconds, envelopeBytes / total, baseline, e2eSeconds, (pushed.doneAt() - start) / 1e9,
                pushed, probe.latenciesMillis(), probe.sampleCount(), probe.searches(), probe.failedSearches(),
                deadLetterTotal(target), countNotices(target), search, e2eCores, searchCores,
                CpuAccounting.report(e2eFrom, e2eTo, CLIENT), CpuAccounting.report(searchFrom, searchTo, CLIENT), memory, sizing);
    }

    /**
     * A key pair and a certificate for each bench agency, through the trust API as a trust administrator: the agency
     * registered first if the demo did not (it does); the request repeated while the instance that answers does not
     * know the agency yet (behind HAProxy, the second gateway follows the trust log the first one wrote).
     */
    private Map<String, KeyCredential> certificates(Target target) throws Exception {
        String admin = stack.keycloak().passwordGrant("amelie.roux", "demo");
        Map<String, KeyCredential> credentials = new LinkedHashMap<>();
        for (BenchAgency agency : BenchAgency.DEMO) {
            HttpResponse<String> known = http.send(HttpRequest.newBuilder(URI.create(target.url() + "/api/v1/trust/agencies/" + agency.code()))
                    .header("Authorization", "Bearer " + admin).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (known.statusCode() == 404) {
                String body = String.format("{\"code\":\"%s\",\"name\":\"%s\",\"regions\":[%s]}", agency.code(), agency.name(),
                        agency.regionNames().stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(",")));
                HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create(target.url() + "/api/v1/trust/agencies"))
                        .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (registered.statusCode() != 201 && registered.statusCode() != 409) {
                    throw new IllegalStateException("registering " + agency.code() + ": HTTP " + registered.statusCode() + " " + registered.body());
                }
            }
            KeyPair keys = Keys.generateEcP256();
            byte[] request = CertificateRequests.create(keys, agency.code());
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (true) {
                HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create(target.url()
                                + "/api/v1/trust/agencies/" + agency.code() + "/certificates"))
                        .header("Authorization", "Bearer " + admin).header("Content-Type", "application/pkcs10")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofString());
                if (issued.statusCode() == 201) {
                    credentials.put(agency.code(), new KeyCredential(keys.getPrivate(), Pem.readCertificates(issued.body())));
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no certificate for " + agency.code() + ": HTTP " + issued.statusCode() + " " + issued.body());
                }
                Thread.sleep(2000);
            }
        }
        // Each gateway checks a publisher's certificate against its own copy of the trust registry: wait until every
        // one has read the new certificates from the trust log, so that no notice meets a gateway that lags.
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        for (String instance : target.instances()) {
            for (KeyCredential credential : credentials.values()) {
                String serial = credential.chain().getFirst().getSerialNumber().toString(16);
                while (http.send(HttpRequest.newBuilder(URI.create(instance + "/api/v1/trust/certificates/" + serial))
                        .header("Authorization", "Bearer " + admin).GET().build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() != 200) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(instance + " does not know certificate " + serial + " after 2 minutes");
                    }
                    Thread.sleep(200);
                }
            }
        }
        progress(target.profile().label + ": trust API issued certificates to " + credentials.keySet()
                + ", known to every gateway");
        return credentials;
    }

    @Override
    public void stop() {
        if (cluster != null) {
            progress("cluster: stopping HAProxy, the gateways, the brokers and the nodes");
            cluster.stop(STOP_GRACE);
        }
        if (single != null) {
            single.stop(STOP_GRACE);
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** Documents searchable through the {@code notices} alias (refreshed ones only, as a search sees them). */
    private long countNotices(Target target) throws IOException, InterruptedException {
        ElasticsearchNode node = target.node();
        HttpResponse<String> response = node.httpClient().send(node.request("/notices/_count", target.operator()).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = COUNT.matcher(response.body());
        return response.statusCode() == 200 && m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private long deadLetterTotal(Target target) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(target.url() + "/api/v1/admin/deadletters?recent=1"))
                    .header("Authorization", "Bearer " + stack.keycloak().passwordGrant("amelie.roux", "demo")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = TOTAL.matcher(response.body());
            return response.statusCode() == 200 && m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private void printReport(Map<ClusterBenchOptions.Profile, Measured> results, String loadBefore, String loadAfter)
            throws IOException {
        List<String> report = new ArrayList<>();
        int cores = Runtime.getRuntime().availableProcessors();
        report.add("");
        report.add("==== Synergie cluster load benchmark: N = " + String.format("%,d", options.notices()) + " on each profile ====");
        report.add(String.format("machine: %d cores, %.1f GiB; %s %s; JVM %s %s; Kafka %s", cores,
                ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() / 1073741824.0,
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.vendor"),
                System.getProperty("java.runtime.version"), AppInfoParser.getVersion()));
        report.add(String.format("NOTE: every process of a profile (gateways, brokers, Elasticsearch nodes, Keycloak, HAProxy and this "
                + "load client) shares the same %d cores. The rates say what %d cores give to a whole profile, not what the cluster "
                + "would give on machines of its own: read the sizing model below, made from the CPU each process used.", cores, cores));
        results.values().forEach(m -> report.add(m.target().profile().label + ": " + m.target().description()
                + "; Keycloak of the single-node stack; demo loaded; gateways' rate limits lifted"));
        report.add("options: " + options);
        report.add("load average (1, 5, 15 min): before " + loadBefore + "; after " + loadAfter);
        report.add("");
        report.add("== Side by side ==");
        report.addAll(sideBySide(results));
        for (Measured m : results.values()) {
            String name = m.target().profile().label;
            report.add("");
            report.add(String.format("== %s: CPU during end to end (cores busy on average, %.1f s) ==", name, m.e2eSeconds()));
            report.addAll(m.e2eCpu());
            report.addAll(perUnit(m.e2eCores(), m.e2eRate(options.notices()), "notice"));
            report.add("");
            report.add(String.format("== %s: CPU during the search phase (cores busy on average, %d s) ==", name, options.searchSeconds()));
            report.addAll(m.searchCpu());
            report.addAll(perUnit(m.searchCores(), m.search().perSecond(), "search"));
            report.add("");
            report.add("== " + name + ": resident memory after end to end ==");
            m.memory().forEach((process, bytes) -> report.add(String.format("  %-50s %,7d MiB", process, bytes / 1048576)));
        }
        report.add("");
        report.add("== Sizing model (from the CPU each process used; per core = rate / cores the role kept busy) ==");
        report.add(String.format("On this machine the %d cores are shared by every process: the per-core figures come from CPU time and "
                + "carry over to machines of their own better than the rates do (contention inflates them somewhat).", cores));
        report.addAll(Sizing.report(results.values().stream().map(Measured::sizing).toList()));
        report.forEach(System.out::println);
        Path file = options.home().resolveSibling("cluster-benchmark-report-" + options.notices() + ".txt");
        Files.write(file, report);
        System.out.println("(report written to " + file + ")");
    }

    /** One row per measure, a column per profile and the ratio cluster / single when both ran. */
    private List<String> sideBySide(Map<ClusterBenchOptions.Profile, Measured> results) {
        Measured s = results.get(ClusterBenchOptions.Profile.SINGLE);
        Measured c = results.get(ClusterBenchOptions.Profile.CLUSTER);
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-44s | %16s | %16s | %13s", "", "single node", "cluster", "cluster/single"));
        row(lines, "end to end, notices/s", s, c, m -> m.e2eRate(options.notices()), 0);
        row(lines, "published (all 202), notices/s", s, c, m -> options.notices() / m.ackedSeconds(), 0);
        row(lines, "all searchable after, s", s, c, Measured::e2eSeconds, 1);
        row(lines, "publish -> searchable p50, ms", s, c, m -> LatencyProbe.quantile(m.latencies(), 0.50), 0);
        row(lines, "publish -> searchable p99, ms", s, c, m -> LatencyProbe.quantile(m.latencies(), 0.99), 0);
        row(lines, "latency samples found", s, c, m -> m.latencies().length, 0);
        row(lines, "accepted", s, c, m -> m.pushed().accepted(), 0);
        row(lines, "refused", s, c, m -> m.pushed().refused(), 0);
        row(lines, "dead letters", s, c, Measured::deadLetters, 0);
        row(lines, "searchable at the end (demo + warm-up + N)", s, c, Measured::searchable, 0);
        row(lines, "searches/s, " + options.analysts() + " analysts", s, c, m -> m.search().perSecond(), 0);
        row(lines, "search p50, ms", s, c, m -> m.search().p50Millis(), 1);
        row(lines, "search p99, ms", s, c, m -> m.search().p99Millis(), 1);
        row(lines, "search errors", s, c, m -> m.search().errors(), 0);
        for (Sizing.Role role : Sizing.Role.values()) {
            if (results.values().stream().anyMatch(m -> m.sizing().ingestion().cores(role) > 0)) {
                row(lines, "CPU per notice, ms: " + role.label, s, c, m -> m.sizing().ingestion().cpuMillisEach(role), 2);
            }
        }
        row(lines, "CPU per notice, ms: all processes", s, c,
                m -> m.e2eCores().values().stream().mapToDouble(Double::doubleValue).sum() * 1000 / m.e2eRate(options.notices()), 2);
        for (Sizing.Role role : Sizing.Role.values()) {
            if (results.values().stream().anyMatch(m -> m.sizing().search().cores(role) > 0)) {
                row(lines, "CPU per search, ms: " + role.label, s, c, m -> m.sizing().search().cpuMillisEach(role), 2);
            }
        }
        row(lines, "CPU per search, ms: all processes", s, c,
                m -> m.searchCores().values().stream().mapToDouble(Double::doubleValue).sum() * 1000 / m.search().perSecond(), 2);
        row(lines, "resident memory, all processes, MiB", s, c,
                m -> m.memory().values().stream().mapToLong(Long::longValue).sum() / 1048576.0, 0);
        row(lines, "envelope, bytes on average", s, c, Measured::envelopeBytes, 0);
        results.values().forEach(m -> {
            if (m.search().firstError() != null) {
                lines.add(m.target().profile().label + ", first search error: " + m.search().firstError());
            }
            if (!m.pushed().refusals().isEmpty()) {
                lines.add(m.target().profile().label + ", first refusals: " + m.pushed().refusals());
            }
        });
        results.values().forEach(m -> lines.add(String.format(
                "%s: sealing %,d envelopes took %.1f s before the clock; latency probe %d searches, %d failed, %d samples",
                m.target().profile().label, options.warmup() + options.notices(), m.sealSeconds(), m.probeSearches(),
                m.probeFailures(), m.samples())));
        lines.add("processes counted: " + results.values().stream().flatMap(m -> m.e2eCores().keySet().stream())
                .collect(Collectors.toCollection(TreeSet::new)));
        return lines;
    }

    /** Each process's CPU per notice (or search): its cores over the rate. */
    private static List<String> perUnit(Map<String, Double> cores, double rate, String unit) {
        List<String> lines = new ArrayList<>();
        lines.add("  CPU per " + unit + ", by process:");
        cores.forEach((process, used) -> lines.add(String.format("    %-48s %6s ms", process,
                rate > 0 ? Sizing.number(used * 1000 / rate, 3) : "n/a")));
        return lines;
    }

    private static void row(List<String> lines, String label, Measured single, Measured cluster, Function<Measured, Number> value,
                            int decimals) {
        double s = single == null ? Double.NaN : value.apply(single).doubleValue();
        double c = cluster == null ? Double.NaN : value.apply(cluster).doubleValue();
        String ratio = Double.isNaN(s) || Double.isNaN(c) || s == 0 ? "" : String.format(Locale.ROOT, "%.2f", c / s);
        lines.add(String.format("%-44s | %16s | %16s | %13s", label, single == null ? "-" : Sizing.number(s, decimals),
                cluster == null ? "-" : Sizing.number(c, decimals), ratio));
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
    }

    private static void progress(String line) {
        System.out.println("[" + LocalTime.now().withNano(0) + "] " + line);
    }
}
