package eu.synergie.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.json.JsonpUtils;
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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern MERGES = Pattern.compile("\"current\"\\s*:\\s*(\\d+)");
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");
    private static final long TOKEN_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(200);
    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);
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

    /** What one target recorded at one concurrency, summed over the rounds. */
    private static final class Recorded {
        final Histogram all = histogram();
        final Map<QueryMix.Kind, Histogram> byKind = new EnumMap<>(QueryMix.Kind.class);
        long errors;
        double seconds;
        double elsewhereCoreSeconds;
        String firstError;

        synchronized void add(Histogram latencies, Map<QueryMix.Kind, Histogram> kinds, long failed, String error) {
            all.add(latencies);
            kinds.forEach((kind, h) -> byKind.computeIfAbsent(kind, k -> histogram()).add(h));
            errors += failed;
            if (firstError == null) {
                firstError = error;
            }
        }

        double qps() {
            return all.getTotalCount() / seconds;
        }
    }

    private final SearchOptions options;
    private final List<String> report = new ArrayList<>();
    private final List<String> loadCpu = new ArrayList<>();
    private final HttpClient gatewayHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** To the node over HTTPS, trusting its CA: made once the stack runs. */
    private HttpClient directHttp;
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
        directHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(stack.elasticsearch().sslContext()).build();
        progress("gateway: starting in this JVM");
        gateway = BenchStack.startGateway(stack, options.home(), List.of());
        index = gateway.context().getBean(IndexGenerations.class);
        client = gateway.context().getBean(ElasticsearchClient.class);

        Instant generatedAt = Instant.now();
        NoticeGenerator generator = new NoticeGenerator(options.seed(), generatedAt, BenchAgency.DEMO);
        long indexed = countNotices();
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
        if (countNotices() != options.notices()) {
            throw new IllegalStateException("the notices alias holds " + countNotices() + " documents, not " + options.notices());
        }
        progress("index: waiting for background merges to finish, so that they do not run during the searches");
        awaitMerges();
        report.add("index: " + indexStats());

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

        Map<Target, Map<Integer, Recorded>> results = new EnumMap<>(Target.class);
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
                    Recorded recorded = results.computeIfAbsent(target, t -> new TreeMap<>())
                            .computeIfAbsent(concurrency, c -> new Recorded());
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
            Recorded g = results.get(Target.GATEWAY).get(concurrency);
            Recorded d = results.get(Target.DIRECT).get(concurrency);
            progress(String.format("  %2d analysts: gateway p50 %.1f ms p99 %.1f ms %.0f/s; direct p50 %.1f ms p99 %.1f ms %.0f/s",
                    concurrency, ms(g.all, 50), ms(g.all, 99), g.qps(), ms(d.all, 50), ms(d.all, 99), d.qps()));
        }
        if (options.auditIndexerPaused()) {
            auditIndexer.resume();
        }
        List<String> stages = List.of();
        if (options.profile()) {
            progress("profile: one more gateway window at " + options.concurrencies().getLast() + " analysts under JFR (not recorded)");
            StageProfile profile = new StageProfile(options.home().resolveSibling("search-benchmark-gateway.jfr"));
            profile.start();
            phase(Target.GATEWAY, options.concurrencies().getLast(), options.rounds(), new Recorded(),
                    TimeUnit.SECONDS.toNanos(options.warmupSeconds()));
            stages = profile.stop();
        }
        String loadAfter = CpuAccounting.loadAverage();

        report.add("");
        report.add("== Results ==");
        report.addAll(table(results));
        report.add("load average (1, 5, 15 min): before " + loadBefore + "; after " + loadAfter);
        report.add("");
        int top = options.concurrencies().getLast();
        report.add("== By kind of query, " + top + " analysts: p50 / p99 ms (share of the searches) ==");
        report.addAll(byKind(results.get(Target.GATEWAY).get(top), results.get(Target.DIRECT).get(top)));
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
                HttpResponse<byte[]> direct = send(Target.DIRECT, account, query, request(Target.DIRECT, account, query));
                compared++;
                if (viaGateway.statusCode() != 200 || direct.statusCode() != 200) {
                    differences.add(query.kind().label() + " \"" + query.q() + "\" for " + account.username + ": status "
                            + viaGateway.statusCode() + " via the gateway, " + direct.statusCode() + " direct");
                    continue;
                }
                JsonNode g = JSON.readTree(viaGateway.body());
                JsonNode d = JSON.readTree(direct.body()).path("hits");
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
    private List<String> phase(Target target, int concurrency, int round, Recorded into, long warmupNanos) throws Exception {
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
                         Recorded into) throws Exception {
        Histogram latencies = histogram();
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
                    latencies.recordValue(Math.min(micros, HIGHEST_MICROS));
                    byKind.computeIfAbsent(query.kind(), k -> histogram()).recordValue(Math.min(micros, HIGHEST_MICROS));
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
                yield direct(NoticeQueries.search(notice, searched(notice), account.scope, Instant.now(), SearchCounting.DEFAULT));
            }
        };
    }

    /** Widened across languages as the gateway widens it (its built-in vocabulary), so both sides search alike. */
    private static String searched(NoticeQuery notice) {
        return notice.expand() ? Vocabulary.builtIn().expand(notice.text()).text() : notice.text();
    }

    /** One of the index's requests, sent to Elasticsearch. */
    private HttpRequest direct(SearchRequest search) {
        StringJoiner parameters = new StringJoiner("&");
        SearchRequest._ENDPOINT.queryParameters(search).forEach((k, v) ->
                parameters.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        // As the gateway's user, over TLS, like the gateway's own client: the same cost on both sides.
        return stack.elasticsearch().request(SearchRequest._ENDPOINT.requestUrl(search) + "?" + parameters,
                        stack.elasticsearch().gatewayUser())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonpUtils.toJsonString(search, client._jsonpMapper()))).build();
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
        HttpClient http = target == Target.GATEWAY ? gatewayHttp : directHttp;
        HttpResponse<byte[]> page = http.send(first, HttpResponse.BodyHandlers.ofByteArray());
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
        HttpResponse<byte[]> facets = http.send(direct(NoticeQueries.facets(notice, searched(notice), account.scope,
                Instant.now(), sampling)), HttpResponse.BodyHandlers.ofByteArray());
        return facets.statusCode() == 200 ? page : facets;
    }

    private List<String> table(Map<Target, Map<Integer, Recorded>> results) {
        List<String> lines = new ArrayList<>();
        lines.add("| analysts | gateway p50 ms | gateway p99 ms | gateway q/s | direct p50 ms | direct p99 ms | direct q/s | p99 gateway/direct | errors (gw/direct) | other work on the machine (cores) |");
        lines.add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int concurrency : options.concurrencies()) {
            Recorded g = results.get(Target.GATEWAY).get(concurrency);
            Recorded d = results.get(Target.DIRECT).get(concurrency);
            lines.add(String.format("| %d | %.1f | %.1f | %.0f | %.1f | %.1f | %.0f | %.2f | %d / %d | %.2f / %.2f |", concurrency,
                    ms(g.all, 50), ms(g.all, 99), g.qps(), ms(d.all, 50), ms(d.all, 99), d.qps(),
                    ms(g.all, 99) / ms(d.all, 99), g.errors, d.errors, g.elsewhereCoreSeconds / g.seconds,
                    d.elsewhereCoreSeconds / d.seconds));
        }
        Recorded g = results.get(Target.GATEWAY).get(options.concurrencies().getLast());
        Recorded d = results.get(Target.DIRECT).get(options.concurrencies().getLast());
        double ratio = ms(g.all, 99) / ms(d.all, 99);
        lines.add(String.format("targets at %d analysts: gateway p99 <= 100 ms: %s (%.1f ms); p99 gateway/direct <= 1.3: %s (%.2f)",
                options.concurrencies().getLast(), ms(g.all, 99) <= 100 ? "met" : "NOT met", ms(g.all, 99),
                ratio <= 1.3 ? "met" : "NOT met", ratio));
        lines.add("searches widened across languages: " + (options.expand() ? "yes (the gateway's default)" : "no (--no-expand)"));
        lines.add("the auditors' indexer during the measured windows: " + (options.auditIndexerPaused()
                ? "paused (--audit-indexer-paused): every search appended to the audit log, none indexed meanwhile"
                : "running, as in service"));
        lines.add(String.format("searches recorded: %s gateway, %s direct; window %d s per target and step (%d rounds), warm-up %d s before each (and %,d searches back to back per target before the first); think time %d ms on average",
                results.get(Target.GATEWAY).values().stream().map(r -> String.valueOf(r.all.getTotalCount())).toList(),
                results.get(Target.DIRECT).values().stream().map(r -> String.valueOf(r.all.getTotalCount())).toList(),
                options.durationSeconds(), options.rounds(), options.warmupSeconds(), options.warmupSearches(), options.thinkMillis()));
        results.forEach((target, byConcurrency) -> byConcurrency.forEach((c, r) -> {
            if (r.firstError != null) {
                lines.add("first error, " + target + " at " + c + ": " + r.firstError);
            }
        }));
        return lines;
    }

    private static List<String> byKind(Recorded gateway, Recorded direct) {
        List<String> lines = new ArrayList<>();
        long total = gateway.all.getTotalCount();
        for (QueryMix.Kind kind : QueryMix.Kind.values()) {
            Histogram g = gateway.byKind.get(kind);
            Histogram d = direct.byKind.get(kind);
            if (g == null || d == null) {
                continue;
            }
            lines.add(String.format("  %-14s gateway %6.1f / %6.1f   direct %6.1f / %6.1f   (%2.0f %%)", kind.label(),
                    ms(g, 50), ms(g, 99), ms(d, 50), ms(d, 99), 100.0 * g.getTotalCount() / total));
        }
        return lines;
    }

    /** Lets the load's background merges finish, so that they do not run during the measured searches. */
    private void awaitMerges() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        int quiet = 0;
        while (quiet < 3 && System.nanoTime() < deadline) {
            String body = get("/_nodes/stats/indices/merge?filter_path=nodes.*.indices.merges.current");
            Matcher m = MERGES.matcher(body);
            // No figure (an older node answering otherwise) counts as quiet rather than waiting for nothing.
            quiet = !m.find() || Long.parseLong(m.group(1)) == 0 ? quiet + 1 : 0;
            Thread.sleep(1000);
        }
    }

    /** Per generation: notices, primary shards, store size and segments (the {@code _cat} document count would include nested entities). */
    private String indexStats() throws Exception {
        List<String> parts = new ArrayList<>();
        for (String line : get("/_cat/indices/notices-*?h=index,pri,store.size,segments.count&s=index").strip().lines().toList()) {
            String[] fields = line.strip().split("\\s+");
            Matcher m = COUNT.matcher(get("/" + fields[0] + "/_count"));
            parts.add(String.format("%s %,d notices, %s shard(s), %s, %s segments", fields[0],
                    m.find() ? Long.parseLong(m.group(1)) : -1, fields[1], fields[2], fields[3]));
        }
        return String.join("; ", parts);
    }

    private long countNotices() throws Exception {
        Matcher m = COUNT.matcher(get("/notices/_count"));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = directHttp.send(stack.elasticsearch().request(path, stack.elasticsearch().operatorUser())
                .build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body() : "";
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
        head.add("stack: Elasticsearch " + get("/_cat/nodes?h=version").strip()
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

    private static Histogram histogram() {
        return new Histogram(HIGHEST_MICROS, 3);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
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
