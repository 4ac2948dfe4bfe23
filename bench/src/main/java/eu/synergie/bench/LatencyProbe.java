package eu.synergie.bench;

import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.Role;
import eu.synergie.infra.KeycloakServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Publish → searchable latency of sampled notices, seen as an analyst sees it: from the arrival of the
 * notice's {@code 202} status line to the first search through the gateway ({@code GET /api/v1/notices},
 * access filter and all) that finds it by its unique token. Each round asks, per analyst, for the
 * longest-waiting samples at once ({@code tokA | tokB | …}); rounds follow each other every
 * {@value #ROUND_MILLIS} ms, which bounds the resolution.
 */
final class LatencyProbe implements Runnable {

    /** A demo analyst of the realm (README, "Run"), as the policy sees them. */
    record Analyst(String username, Caller caller) {
    }

    static final List<Analyst> ANALYSTS = List.of(
            analyst("claire.martin", "FR-DGPN", Set.of("EU-WEST", "MED"), Classification.CONFIDENTIAL),
            analyst("jonas.weber", "DE-BKA", Set.of("EU-CENTRAL"), Classification.SECRET),
            analyst("lucia.garcia", "ES-CNP", Set.of("EU-WEST", "MED"), Classification.CONFIDENTIAL),
            analyst("luc.peeters", "BE-PJF", Set.of("EU-WEST"), Classification.RESTRICTED),
            analyst("youssef.benali", "MA-DGSN", Set.of("MED"), Classification.RESTRICTED));

    private static final long ROUND_MILLIS = 100;
    private static final int TOKENS_PER_QUERY = 30;
    private static final long TOKEN_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(200);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One sampled notice; times are {@link System#nanoTime()}, 0 until known. */
    static final class Sample {
        final int notice;
        final UUID noticeId;
        final String token;
        final Analyst analyst;
        volatile long acceptedAt;
        volatile long foundAt;

        Sample(int notice, UUID noticeId, String token, Analyst analyst) {
            this.notice = notice;
            this.noticeId = noticeId;
            this.token = token;
            this.analyst = analyst;
        }
    }

    private final URI gateway;
    private final KeycloakServer keycloak;
    private final Map<Integer, Sample> byNotice = new HashMap<>();
    private final ConcurrentLinkedQueue<Sample> accepted = new ConcurrentLinkedQueue<>();
    private final Map<Analyst, ArrayDeque<Sample>> waiting = new LinkedHashMap<>();
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, Long> tokenTimes = new HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private volatile boolean stopped;
    private volatile int searches;
    private volatile int failedSearches;

    LatencyProbe(URI gateway, KeycloakServer keycloak, List<Sample> samples) {
        this.gateway = gateway;
        this.keycloak = keycloak;
        samples.forEach(s -> byNotice.put(s.notice, s));
    }

    /** The first demo analyst who may read a notice with these markings. */
    static Optional<Analyst> readerOf(Markings markings) {
        AccessPolicy policy = new AccessPolicy();
        return ANALYSTS.stream().filter(a -> policy.decide(a.caller(), markings).permitted()).findFirst();
    }

    /** One notice in {@code sampleEvery} from {@code from} on, each with an analyst who may read it. */
    static List<Sample> samples(NoticeGenerator.Generated[] notices, int from, int sampleEvery) {
        return samples(notices, from, notices.length, sampleEvery);
    }

    /** One notice in {@code sampleEvery} of notices {@code from..to}, each with an analyst who may read it. */
    static List<Sample> samples(NoticeGenerator.Generated[] notices, int from, int to, int sampleEvery) {
        List<Sample> samples = new ArrayList<>();
        boolean wanted = false;
        for (int i = from; i < to; i++) {
            wanted |= (i - from) % sampleEvery == 0;
            if (wanted) {
                var reader = readerOf(notices[i].notice().markings());
                if (reader.isPresent()) {
                    samples.add(new Sample(i, notices[i].notice().noticeId(), notices[i].token(), reader.get()));
                    wanted = false;
                }
            }
        }
        return samples;
    }

    boolean isSampled(int notice) {
        return byNotice.containsKey(notice);
    }

    /** Called by the pushers as the {@code 202} line of a sampled notice arrives. */
    void accepted(int notice, long atNanos) {
        Sample sample = byNotice.get(notice);
        if (sample != null) {
            sample.acceptedAt = atNanos;
            accepted.add(sample);
        }
    }

    void stop() {
        stopped = true;
    }

    int searches() {
        return searches;
    }

    int failedSearches() {
        return failedSearches;
    }

    /** Latencies in milliseconds of the samples found, sorted. */
    double[] latenciesMillis() {
        return byNotice.values().stream().filter(s -> s.foundAt != 0 && s.acceptedAt != 0)
                .mapToDouble(s -> Math.max(0, s.foundAt - s.acceptedAt) / 1e6).sorted().toArray();
    }

    int sampleCount() {
        return byNotice.size();
    }

    int pending() {
        return (int) byNotice.values().stream().filter(s -> s.foundAt == 0).count();
    }

    @Override
    public void run() {
        while (!stopped) {
            long round = System.nanoTime();
            for (Sample s = accepted.poll(); s != null; s = accepted.poll()) {
                waiting.computeIfAbsent(s.analyst, a -> new ArrayDeque<>()).addLast(s);
            }
            for (var entry : waiting.entrySet()) {
                if (!entry.getValue().isEmpty()) {
                    searchFor(entry.getKey(), entry.getValue());
                }
            }
            if (waiting.values().stream().allMatch(ArrayDeque::isEmpty) && pending() == 0) {
                return;
            }
            long sleep = ROUND_MILLIS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - round);
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void searchFor(Analyst analyst, ArrayDeque<Sample> queue) {
        List<Sample> asked = new ArrayList<>();
        Iterator<Sample> oldest = queue.iterator();
        while (oldest.hasNext() && asked.size() < TOKENS_PER_QUERY) {
            asked.add(oldest.next());
        }
        String q = String.join(" | ", asked.stream().map(s -> s.token).toList());
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/notices?size=100&purpose=BENCH-LATENCY&q="
                            + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                    .header("Authorization", "Bearer " + tokenOf(analyst.username())).build(), HttpResponse.BodyHandlers.ofString());
            long now = System.nanoTime();
            searches++;
            if (response.statusCode() != 200) {
                failedSearches++;
                return;
            }
            JsonNode hits = JSON.readTree(response.body()).path("hits");
            Set<String> found = new HashSet<>();
            for (JsonNode hit : hits) {
                found.add(hit.path("noticeId").asString());
            }
            for (Sample s : asked) {
                if (found.contains(s.noticeId.toString())) {
                    s.foundAt = now;
                    queue.remove(s);
                }
            }
        } catch (IOException | RuntimeException e) {
            failedSearches++;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    private String tokenOf(String username) {
        Long fetched = tokenTimes.get(username);
        if (fetched == null || System.nanoTime() - fetched > TOKEN_REFRESH_NANOS) {
            tokens.put(username, keycloak.passwordGrant(username, "demo"));
            tokenTimes.put(username, System.nanoTime());
        }
        return tokens.get(username);
    }

    /** The value at quantile {@code q} (0..1) of sorted values, nearest rank. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static Analyst analyst(String username, String agency, Set<String> regions, Classification clearance) {
        return new Analyst(username, new Caller(username, agency, regions, clearance, Set.of(Role.ANALYST)));
    }
}
