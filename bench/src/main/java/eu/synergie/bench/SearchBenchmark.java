package eu.synergie.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.sun.management.OperatingSystemMXBean;
import eu.synergie.core.audit.kafka.AuditTopicListener;
import eu.synergie.core.index.NoticeQuery;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.ReadScope;
import eu.synergie.core.policy.Role;
import eu.synergie.gateway.security.Callers;
import eu.synergie.infra.LocalStack;
import eu.synergie.core.index.IndexGenerations;
import eu.synergie.core.vocabulary.Vocabulary;
import eu.synergie.search.NoticeQueries;
import eu.synergie.search.SearchCounting;
import org.HdrHistogram.Histogram;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The search load benchmark (issue 5): N synthetic notices loaded straight into the real notice index,
 * then, for 1, 8 and 32 analysts searching at once (the five demo analysts of the realm, each with their
 * own regions, clearance and agency, so their access filters differ), a realistic query mix sent through
 * the gateway ({@code GET /api/v1/notices}, Bearer token, purpose, access filter, audit) and, in the same
 * run, the same queries sent straight to Elasticsearch: the very request the gateway's index would send
 * for that analyst ({@link NoticeQueries#search}), access filter included. Prints p50,
 * p99 and throughput of both and the ratio of their p99.
 *
 * <p>Not a test: nothing here asserts a figure. Run it as the README says ("Search benchmark").
 */
public final class SearchBenchmark implements BenchMain.Run {

    private static final String PURPOSE = "BENCH-2026-0001";
    private static final long TOKEN_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(200);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    enum Target { GATEWAY, DIRECT }

    /** A demo analyst account, with the scope the gateway derives from their token. */
    private final class Account {
        final String username;
        final BenchAgency agency;
        final ReadScope scope;
        final List<QueryMix.BenchQuery> secondPages = new ArrayList<>();
        private String token;
        private long tokenAt;

        Account(String username, BenchAgency agency, ReadScope scope) {
            this.username = username;
            this.agency = agency;
            this.scope = scope;
        }

        synchronized String token() {
            if (token == null || System.nanoTime() - tokenAt > TOKEN_REFRESH_NANOS) {
                token = stack.keycloak().passwordGrant(username, "demo");
                tokenAt = System.nanoTime();
            }
            return token;
        }

        List<String> regions() {
            return scope.regions().stream().sorted().toList();
        }
    }

    private final SearchOptions options;
    private final List<String> report = new ArrayList<>();
    private final List<String> loadCpu = new ArrayList<>();
    private final HttpClient gatewayHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Made once the stack runs. */
    private DirectElasticsearch direct;
    private LocalStack stack;
    private BenchStack.Gateway gateway;
    private IndexGenerations index;
    private ElasticsearchClient client;
    private QueryMix mix;
    private List<Account> accounts;

    private SearchBenchmark(SearchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        BenchMain.quietStartup();
        SearchBenchmark benchmark = new SearchBenchmark(BenchMain.optionsOrExit(args, SearchOptions::parse, SearchOptions.USAGE));
        BenchMain.runAndExit("search benchmark", benchmark);
    }

    @Override
    public void run() throws Exception {
        String loadBefore = CpuAccounting.loadAverage();
        progress("stack: starting Kafka, Elasticsearch and Keycloak under " + options.home()
                + (options.reuse() ? " (Elasticsearch data kept)" : " (data emptied)"));
        stack = BenchStack.start(options.home(), options.reuse());
        progress("gateway: starting in this JVM");
        gateway = BenchStack.startGateway(stack, options.home(), List.of());
        index = gateway.context().getBean(IndexGenerations.class);
        client = gateway.context().getBean(ElasticsearchClient.class);
        direct = new DirectElasticsearch(stack.elasticsearch(), client._jsonpMapper());

        Instant generatedAt = Instant.now();
        NoticeGenerator generator = new NoticeGenerator(options.seed(), generatedAt, BenchAgency.DEMO);
        long indexed = direct.countNotices();
        if (options.reuse() && indexed == options.notices()) {
            progress(String.format("index: reusing the %,d notices already loaded", indexed));
            report.add(String.format("load: reused the %,d notices of an earlier run (--reuse)", indexed));
        } else {
            if (indexed > 0) {
                throw new IllegalStateException("the index holds " + indexed + " notices, not " + options.notices()
                        + ": run without --reuse to start from empty data");
            }
            progress(String.format("load: %,d notices straight into new index generations (setup, not measured)", options.notices()));
            CpuAccounting cpu = new CpuAccounting();
            CpuAccounting.Snapshot from = cpu.snapshot();
            double seconds = new SearchLoader(client, index, generator)
                    .load(options.notices(), options.loadBatch(), options.loadConcurrency(), SearchBenchmark::progress);
            loadCpu.addAll(CpuAccounting.report(from, cpu.snapshot()));
            report.add(String.format("load: %,d notices in %.0f s (%,.0f docs/s, %d per bulk, %d in flight, refresh off while loading)",
                    options.notices(), seconds, options.notices() / seconds, options.loadBatch(), options.loadConcurrency()));
        }
        long held = direct.countNotices();
        if (held != options.notices()) {
            throw new IllegalStateException("the notices alias holds " + held + " documents, not " + options.notices());
        }
        progress("index: waiting for background merges to finish, so that they do not run during the searches");
        direct.awaitMerges();
        report.add("index: " + direct.indexStats());

        accounts = accounts();
        mix = new QueryMix(QueryMix.entityValues(generator, options.notices(), 400, options.seed()), generatedAt,
                options.expand());
        progress("checking that the gateway and the direct requests give the same answers");
        prepareSecondPages();
        report.add("");
        report.add("== Same queries, same answers ==");
        report.addAll(verify());

        // A gateway in service has long since compiled its request path; one just started runs it interpreted or
        // half-compiled for thousands of requests (with think time, for minutes). So each target first serves a
        // count of searches back to back, unrecorded, whatever the think time of the measured steps.
        progress(String.format("warm-up: %,d searches back to back through each target (not recorded)", options.warmupSearches()));
        for (Target target : Target.values()) {
            warmUp(target, options.concurrencies().getLast(), options.warmupSearches());
        }

        SearchResults results = new SearchResults();
        List<String> cpu = new ArrayList<>();
        MessageListenerContainer auditIndexer = gateway.context().getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer(AuditTopicListener.LISTENER_ID);
        if (options.auditIndexerPaused()) {
            progress("the auditors' indexer paused for the measured windows (--audit-indexer-paused)");
            auditIndexer.pause();
        }
        for (int concurrency : options.concurrencies()) {
            progress(concurrency + " analysts: " + options.rounds() + " rounds of gateway and direct");
            for (int round = 0; round < options.rounds(); round++) {
                List<Target> order = round % 2 == 0 ? List.of(Target.GATEWAY, Target.DIRECT) : List.of(Target.DIRECT, Target.GATEWAY);
                for (Target target : order) {
                    SearchResults.Recorded recorded = results.of(target, concurrency);
                    List<String> cpuLines = phase(target, concurrency, round, recorded,
                            TimeUnit.SECONDS.toNanos(options.warmupSeconds()));
                    if (concurrency == options.concurrencies().getLast() && round == options.rounds() - 1) {
                        cpu.add("");
                        cpu.add("== CPU while " + concurrency + " analysts searched " + (target == Target.GATEWAY
                                ? "through the gateway" : "Elasticsearch directly") + " (last round; cores busy on average) ==");
                        cpu.addAll(cpuLines);
                    }
                }
            }
            progress(results.summary(concurrency));
        }
        if (options.auditIndexerPaused()) {
            auditIndexer.resume();
        }
        List<String> stages = List.of();
        if (options.profile()) {
            progress("profile: one more gateway window at " + options.concurrencies().getLast() + " analysts under JFR (not recorded)");
            StageProfile profile = new StageProfile(options.home().resolveSibling("search-benchmark-gateway.jfr"));
            profile.start();
            phase(Target.GATEWAY, options.concurrencies().getLast(), options.rounds(), new SearchResults.Recorded(),
                    TimeUnit.SECONDS.toNanos(options.warmupSeconds()));
            stages = profile.stop();
        }
        String loadAfter = CpuAccounting.loadAverage();

        report.add("");
        report.add("== Results ==");
        report.addAll(results.table(options));
        report.add("load average (1, 5, 15 min): before " + loadBefore + "; after " + loadAfter);
        report.add("");
        int top = options.concurrencies().getLast();
        report.add("== By kind of query, " + top + " analysts: p50 / p99 ms (share of the searches) ==");
        report.addAll(results.byKind(top));
        report.addAll(cpu);
        if (!stages.isEmpty()) {
            report.add("");
            report.add("== Benchmark JVM by stage, one more gateway window at " + top + " analysts (JFR) ==");
            report.addAll(stages);
        }
        if (!loadCpu.isEmpty()) {
            report.add("");
            report.add("== CPU while loading (setup; cores busy on average) ==");
            report.addAll(loadCpu);
        }
        printReport();
    }

    /** The five demo analysts, each with the caller and scope the gateway itself derives from their token. */
    private List<Account> accounts() {
        JwtDecoder decoder = gateway.context().getBean(JwtDecoder.class);
        AccessPolicy policy = gateway.context().getBean(AccessPolicy.class);
        List<Account> list = new ArrayList<>();
        for (LatencyProbe.Analyst analyst : LatencyProbe.ANALYSTS) {
            String token = stack.keycloak().passwordGrant(analyst.username(), "demo");
            Caller caller = Callers.of(decoder.decode(token));
            if (!caller.has(Role.ANALYST)) {
                throw new IllegalStateException(analyst.username() + " has no analyst role in the realm");
            }
            BenchAgency agency = BenchAgency.DEMO.stream().filter(a -> a.code().equals(caller.agency())).findFirst()
                    .orElseThrow(() -> new IllegalStateException(analyst.username() + " acts for an agency the benchmark does not know"));
            list.add(new Account(analyst.username(), agency, policy.scopeOf(caller)));
        }
        report.add("analysts (virtual analyst i uses account i mod " + list.size() + "): " + list.stream()
                .map(a -> a.username + " " + a.scope.agency() + " " + a.regions() + " up to "
                        + a.scope.classifications().stream().max(Enum::compareTo).orElseThrow())
                .toList());
        return list;
    }

    /** Second pages need a cursor: each account asks the gateway once for a few first pages. */
    private void prepareSecondPages() throws Exception {
        for (int a = 0; a < accounts.size(); a++) {
            Account account = accounts.get(a);
            SplittableRandom random = new SplittableRandom(options.seed() * 31 + a);
            for (int i = 0; i < 12 && account.secondPages.size() < 6; i++) {
                QueryMix.BenchQuery first = mix.firstPage(random, account.agency);
                HttpResponse<byte[]> response = gatewayHttp.send(request(Target.GATEWAY, account, first),
                        HttpResponse.BodyHandlers.ofByteArray());
                JsonNode next = JSON.readTree(response.body()).path("nextCursor");
                if (response.statusCode() == 200 && next.isString()) {
                    account.secondPages.add(first.withCursor(next.asString()));
                }
            }
        }
    }

    /**
     * Sends a sample of the mix both ways and compares the answers (total and the ids of the page, in order),
     * so that the direct figures are those of the same searches; and says what the mix finds.
     */
    private List<String> verify() throws Exception {
        int compared = 0;
        int same = 0;
        List<String> differences = new ArrayList<>();
        Map<QueryMix.Kind, long[]> found = new EnumMap<>(QueryMix.Kind.class);
        for (int a = 0; a < accounts.size(); a++) {
            Account account = accounts.get(a);
            SplittableRandom random = new SplittableRandom(options.seed() * 17 + a);
            for (int i = 0; i < 40; i++) {
                QueryMix.BenchQuery query = mix.next(random, account.agency, account.regions(), account.secondPages);
                HttpResponse<byte[]> viaGateway = send(Target.GATEWAY, account, query, request(Target.GATEWAY, account, query));
                HttpResponse<byte[]> directly = send(Target.DIRECT, account, query, request(Target.DIRECT, account, query));
                compared++;
                if (viaGateway.statusCode() != 200 || directly.statusCode() != 200) {
                    differences.add(query.kind().label() + " \"" + query.q() + "\" for " + account.username + ": status "
                            + viaGateway.statusCode() + " via the gateway, " + directly.statusCode() + " direct");
                    continue;
                }
                JsonNode g = JSON.readTree(viaGateway.body());
                JsonNode d = JSON.readTree(directly.body()).path("hits");
                List<String> gatewayIds = new ArrayList<>();
                g.path("hits").forEach(h -> gatewayIds.add(h.path("noticeId").asString()));
                List<String> directIds = new ArrayList<>();
                d.path("hits").forEach(h -> directIds.add(h.path("_source").path("noticeId").asString()));
                long total = g.path("total").asLong();
                boolean sameCount = total == d.path("total").path("value").asLong()
                        && g.path("totalIsLowerBound").asBoolean() == "gte".equals(d.path("total").path("relation").asString());
                if (sameCount && gatewayIds.equals(directIds)) {
                    same++;
                } else {
                    differences.add(query.kind().label() + " \"" + query.q() + "\" for " + account.username + ": total "
                            + total + " via the gateway, " + d.path("total").path("value").asLong() + " direct");
                }
                long[] counts = found.computeIfAbsent(query.kind(), k -> new long[3]);
                counts[0]++;
                counts[1] += total;
                counts[2] += total == 0 ? 1 : 0;
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%d of %d sampled queries gave the same total and the same page (ids, in order) through the gateway and directly%s",
                same, compared, same == compared ? "" : ": DIRECT IS NOT THE SAME SEARCH, figures not comparable"));
        differences.stream().limit(5).forEach(d -> lines.add("  differs: " + d));
        StringJoiner kinds = new StringJoiner("; ");
        found.forEach((kind, c) -> kinds.add(String.format("%s %.0f on average (%d of %d found none)", kind.label(),
                (double) c[1] / c[0], c[2], c[0])));
        lines.add("matches per query in that sample, by kind: " + kinds);
        return lines;
    }

    /**
     * One measured window: {@code concurrency} analysts search back to back (or with the think time) for the
     * warm-up and then the window; only searches that start inside the window are recorded.
     */
    private List<String> phase(Target target, int concurrency, int round, SearchResults.Recorded into, long warmupNanos) throws Exception {
        long windowNanos = TimeUnit.SECONDS.toNanos(options.durationSeconds()) / options.rounds();
        long measureFrom = System.nanoTime() + warmupNanos;
        long measureTo = measureFrom + windowNanos;
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> analysts = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Account account = accounts.get(i % accounts.size());
            // The same seed for both targets: each analyst sends the same sequence of queries either way.
            SplittableRandom random = new SplittableRandom(Objects.hash(options.seed(), concurrency, round, i));
            analysts.add(Thread.ofPlatform().name("bench-analyst-" + i).start(() -> {
                try {
                    analyst(target, account, random, measureFrom, measureTo, into);
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        CpuAccounting cpu = new CpuAccounting();
        sleepUntil(measureFrom);
        CpuAccounting.Snapshot from = cpu.snapshot();
        sleepUntil(measureTo);
        CpuAccounting.Snapshot to = cpu.snapshot();
        for (Thread analyst : analysts) {
            analyst.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        synchronized (into) {
            into.seconds += windowNanos / 1e9;
            into.elsewhereCoreSeconds += CpuAccounting.elsewhere(from, to) * windowNanos / 1e9;
        }
        return CpuAccounting.report(from, to);
    }

    /** {@code searches} searches from {@code concurrency} analysts back to back, nothing recorded; any failure stops the run. */
    private void warmUp(Target target, int concurrency, int searches) throws Exception {
        AtomicInteger left = new AtomicInteger(searches);
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> analysts = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Account account = accounts.get(i % accounts.size());
            SplittableRandom random = new SplittableRandom(Objects.hash(options.seed(), -concurrency, i));
            analysts.add(Thread.ofPlatform().name("bench-analyst-" + i).start(() -> {
                try {
                    while (left.getAndDecrement() > 0) {
                        QueryMix.BenchQuery query = mix.next(random, account.agency, account.regions(), account.secondPages);
                        int status = send(target, account, query, request(target, account, query)).statusCode();
                        if (status != 200) {
                            throw new IllegalStateException("warm-up search through " + target + " answered HTTP " + status);
                        }
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                    left.set(0);
                }
            }));
        }
        for (Thread analyst : analysts) {
            analyst.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private void analyst(Target target, Account account, SplittableRandom random, long measureFrom, long measureTo,
                         SearchResults.Recorded into) throws Exception {
        Histogram latencies = SearchResults.histogram();
        Map<QueryMix.Kind, Histogram> byKind = new EnumMap<>(QueryMix.Kind.class);
        long errors = 0;
        String firstError = null;
        while (System.nanoTime() < measureTo) {
            QueryMix.BenchQuery query = mix.next(random, account.agency, account.regions(), account.secondPages);
            // Built before the clock starts: the gateway's own building of the request is part of its time, ours is not.
            HttpRequest request = request(target, account, query);
            long start = System.nanoTime();
            int status;
            try {
                status = send(target, account, query, request).statusCode();
            } catch (IOException e) {
                status = -1;
                firstError = firstError == null ? e.toString() : firstError;
            }
            long micros = (System.nanoTime() - start) / 1000;
            if (start >= measureFrom && start < measureTo) {
                if (status == 200) {
                    latencies.recordValue(Math.min(micros, SearchResults.HIGHEST_MICROS));
                    byKind.computeIfAbsent(query.kind(), k -> SearchResults.histogram())
                            .recordValue(Math.min(micros, SearchResults.HIGHEST_MICROS));
                } else {
                    errors++;
                    firstError = firstError == null ? "HTTP " + status + " for " + query.kind().label() : firstError;
                }
            }
            if (options.thinkMillis() > 0) {
                // Exponential pauses, so that analysts do not fall into step; drawn the same way for both targets.
                Thread.sleep(Math.round(random.nextExponential() * options.thinkMillis()));
            }
        }
        into.add(latencies, byKind, errors, firstError);
    }

    /** The HTTP request of one search: the gateway's API call, or the index's own request sent to Elasticsearch. */
    private HttpRequest request(Target target, Account account, QueryMix.BenchQuery query) {
        return switch (target) {
            case GATEWAY -> HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port() + "/api/v1/notices?"
                            + query.queryString(PURPOSE)))
                    .header("Authorization", "Bearer " + account.token()).header("Accept", "application/json").GET().build();
            case DIRECT -> {
                NoticeQuery notice = query.toNoticeQuery();
                yield direct.search(NoticeQueries.search(notice, searched(notice), account.scope, Instant.now(), SearchCounting.DEFAULT));
            }
        };
    }

    /** Widened across languages as the gateway widens it (its built-in vocabulary), so both sides search alike. */
    private static String searched(NoticeQuery notice) {
        return notice.expand() ? Vocabulary.builtIn().expand(notice.text()).text() : notice.text();
    }

    /**
     * Sends one search, {@code first} being its {@link #request}. Directly, a search with facets is then followed by
     * the facet request that the index sends after its page when the page found any (its sampling depends on the
     * page's count), as the gateway's index does: both sides send the same requests.
     *
     * @return the page's answer, or the facet request's when that one failed
     */
    private HttpResponse<byte[]> send(Target target, Account account, QueryMix.BenchQuery query, HttpRequest first)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> page = target == Target.GATEWAY ? gatewayHttp.send(first, HttpResponse.BodyHandlers.ofByteArray())
                : direct.send(first);
        if (target == Target.GATEWAY || !query.facets() || page.statusCode() != 200) {
            return page;
        }
        JsonNode total = JSON.readTree(page.body()).path("hits").path("total");
        if (total.path("value").asLong() == 0) {
            return page;
        }
        double sampling = SearchCounting.DEFAULT.facetSampling(total.path("value").asLong(),
                "gte".equals(total.path("relation").asString()));
        NoticeQuery notice = query.toNoticeQuery();
        HttpResponse<byte[]> facets = direct.send(direct.search(NoticeQueries.facets(notice, searched(notice), account.scope,
                Instant.now(), sampling)));
        return facets.statusCode() == 200 ? page : facets;
    }

    private void printReport() throws IOException, InterruptedException {
        List<String> head = new ArrayList<>();
        head.add("");
        head.add("==== Synergie search benchmark: N = " + String.format("%,d", options.notices()) + " ====");
        head.add(String.format("machine: %d cores, %.1f GiB; JVM %s %s, max heap %d MiB; gateway and the analysts' HTTP clients in this JVM",
                Runtime.getRuntime().availableProcessors(),
                ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() / 1073741824.0,
                System.getProperty("java.vendor"), System.getProperty("java.runtime.version"),
                Runtime.getRuntime().maxMemory() / 1048576));
        head.add("stack: Elasticsearch " + direct.version()
                + " (1 node, 512 MiB heap, 0 replicas; primary shards per region's generation in the index line),"
                + " Keycloak, Kafka (idle)");
        head.add("options: " + options);
        report.addAll(0, head);
        report.forEach(System.out::println);
        Path file = options.home().resolveSibling("search-benchmark-report-" + options.notices() + ".txt");
        Files.write(file, report);
        System.out.println("(report written to " + file + ")");
    }

    @Override
    public void stop() {
        if (gateway != null) {
            try {
                gateway.context().close();
            } catch (RuntimeException e) {
                System.err.println("gateway did not stop cleanly: " + e);
            }
        }
        if (stack != null) {
            stack.close();
        }
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
