package eu.synergie.bench;

import eu.synergie.infra.KeycloakServer;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Analysts searching through one address (a gateway, or the reverse proxy in front of several) back to back, each
 * with the search benchmark's {@link QueryMix} for the demo analyst account it plays (virtual analyst {@code i} is
 * account {@code i mod 5}), for a warm-up then a measured window: searches/s, latency percentiles, errors.
 */
final class AnalystLoad {

    /** What the measured window gave. */
    record Result(long searches, long errors, double seconds, double p50Millis, double p99Millis, double maxMillis,
                  String firstError) {

        double perSecond() {
            return searches / seconds;
        }
    }

    /** A running load: its measured window, in {@link System#nanoTime()}, and its end. */
    final class Running {
        final long measureFrom;
        final long measureTo;
        private final List<Thread> threads;

        private Running(long measureFrom, long measureTo, List<Thread> threads) {
            this.measureFrom = measureFrom;
            this.measureTo = measureTo;
            this.threads = threads;
        }

        /** Waits for every analyst to finish their last search. */
        Result join() throws InterruptedException {
            for (Thread thread : threads) {
                thread.join();
            }
            return new Result(latencies.getTotalCount(), errors.get(), (measureTo - measureFrom) / 1e9,
                    latencies.getValueAtPercentile(50) / 1000.0, latencies.getValueAtPercentile(99) / 1000.0,
                    latencies.getMaxValue() / 1000.0, firstError.get());
        }
    }

    private static final String PURPOSE = "BENCH-CLUSTER-LOAD";
    private static final long TOKEN_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(200);
    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);

    /** A demo analyst account and its token, shared by the virtual analysts who play it. */
    private final class Account {
        final LatencyProbe.Analyst analyst;
        final BenchAgency agency;
        final List<String> regions;
        private String token;
        private long tokenAt;

        Account(LatencyProbe.Analyst analyst) {
            this.analyst = analyst;
            this.agency = BenchAgency.DEMO.stream().filter(a -> a.code().equals(analyst.caller().agency())).findFirst()
                    .orElseThrow(() -> new IllegalStateException(analyst.username() + " acts for an agency the benchmark does not know"));
            this.regions = analyst.caller().regions().stream().sorted().toList();
        }

        synchronized String token() {
            if (token == null || System.nanoTime() - tokenAt > TOKEN_REFRESH_NANOS) {
                token = keycloak.passwordGrant(analyst.username(), "demo");
                tokenAt = System.nanoTime();
            }
            return token;
        }
    }

    private final URI gateway;
    private final KeycloakServer keycloak;
    private final QueryMix mix;
    private final long seed;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Histogram latencies = new Histogram(HIGHEST_MICROS, 3);
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    AnalystLoad(URI gateway, KeycloakServer keycloak, QueryMix mix, long seed) {
        this.gateway = gateway;
        this.keycloak = keycloak;
        this.mix = mix;
        this.seed = seed;
    }

    /** Starts {@code analysts} threads searching for {@code warmup}, then measured for {@code measured}; once per instance. */
    Running start(int analysts, Duration warmup, Duration measured) {
        List<Account> accounts = LatencyProbe.ANALYSTS.stream().map(Account::new).toList();
        accounts.forEach(Account::token);
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long measureTo = measureFrom + measured.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < analysts; i++) {
            Account account = accounts.get(i % accounts.size());
            SplittableRandom random = new SplittableRandom(seed * 1_000_003 + i);
            threads.add(Thread.ofPlatform().name("bench-analyst-" + i).start(() -> analyst(account, random, measureFrom, measureTo)));
        }
        return new Running(measureFrom, measureTo, threads);
    }

    private void analyst(Account account, SplittableRandom random, long measureFrom, long measureTo) {
        Histogram mine = new Histogram(HIGHEST_MICROS, 3);
        long failed = 0;
        while (System.nanoTime() < measureTo) {
            QueryMix.BenchQuery query = mix.next(random, account.agency, account.regions, List.of());
            HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/api/v1/notices?" + query.queryString(PURPOSE)))
                    .header("Authorization", "Bearer " + account.token()).header("Accept", "application/json")
                    .timeout(Duration.ofSeconds(60)).GET().build();
            long start = System.nanoTime();
            String error = null;
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
                if (status != 200) {
                    error = "HTTP " + status + " for " + query.kind().label();
                }
            } catch (IOException e) {
                error = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long micros = (System.nanoTime() - start) / 1000;
            if (start >= measureFrom && start < measureTo) {
                if (error == null) {
                    mine.recordValue(Math.min(micros, HIGHEST_MICROS));
                } else {
                    failed++;
                    firstError.compareAndSet(null, error);
                }
            }
        }
        errors.addAndGet(failed);
        synchronized (latencies) {
            latencies.add(mine);
        }
    }
}
