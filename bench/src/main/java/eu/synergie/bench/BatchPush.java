package eu.synergie.bench;

import eu.synergie.infra.KeycloakServer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agencies' feeds of a load benchmark: sealed envelopes cut into batch requests (one agency per request,
 * agencies interleaved), pushed {@code concurrency} at a time to {@code POST /api/v1/notices/batch} of one address
 * (a gateway, or the reverse proxy in front of several) with each agency's feed token, optionally paced; and the
 * wait until the pushed notices are searchable.
 */
final class BatchPush {

    /** What the gateway answered for all the batches; {@code doneAt} is when the last status line was in. */
    record Result(long accepted, long refused, List<String> refusals, long doneAt) {
    }

    /** How many notices are searchable now. */
    interface Count {
        long get() throws Exception;
    }

    private static final Duration NO_PROGRESS_LIMIT = Duration.ofMinutes(3);
    private static final Duration TOKEN_REFRESH = Duration.ofSeconds(200);

    private final int port;
    private final KeycloakServer keycloak;
    private final int concurrency;
    private final Map<String, String> feedTokens = new ConcurrentHashMap<>();
    private final Map<String, Long> feedTokenTimes = new ConcurrentHashMap<>();
    private final AtomicLong acceptedSoFar = new AtomicLong();

    /** @param port where the batches go on 127.0.0.1: a gateway's port or the reverse proxy's */
    BatchPush(int port, KeycloakServer keycloak, int concurrency) {
        this.port = port;
        this.keycloak = keycloak;
        this.concurrency = concurrency;
    }

    /** Notices {@code from..to} as batch requests of at most {@code size}: one agency per request, agencies interleaved. */
    /** The gateway's default {@code synergie.limits.batch-bytes}: a larger body is refused (the connection closed). */
    static final int MAX_BODY_BYTES = 64 << 20;

    static List<FeedPusher.Batch> batches(NoticeGenerator.Generated[] notices, byte[][] envelopes, int from, int to, int size) {
        Map<BenchAgency, List<Integer>> byAgency = new LinkedHashMap<>();
        for (int i = from; i < to; i++) {
            byAgency.computeIfAbsent(notices[i].agency(), a -> new ArrayList<>()).add(i);
        }
        record Placed(double position, FeedPusher.Batch batch) {
        }
        List<Placed> placed = new ArrayList<>();
        Base64.Encoder base64 = Base64.getEncoder();
        for (var entry : byAgency.entrySet()) {
            List<Integer> indices = entry.getValue();
            int count = (indices.size() + size - 1) / size;
            for (int b = 0; b < count; b++) {
                List<Integer> slice = indices.subList(b * size, Math.min(indices.size(), (b + 1) * size));
                StringBuilder body = new StringBuilder(slice.size() * 5000);
                for (int i : slice) {
                    body.append("{\"envelope\":\"").append(base64.encodeToString(envelopes[i])).append("\"}\n");
                }
                if (body.length() > MAX_BODY_BYTES) {
                    throw new IllegalArgumentException(String.format("a batch of %,d envelopes makes a body of %,d bytes, over "
                            + "the gateway's synergie.limits.batch-bytes (%,d): give a smaller --batch (hybrid envelopes are "
                            + "about 7 times classical ones)", slice.size(), body.length(), MAX_BODY_BYTES));
                }
                placed.add(new Placed((b + 0.5) / count, new FeedPusher.Batch(entry.getKey(),
                        slice.stream().mapToInt(Integer::intValue).toArray(), body.toString().getBytes(StandardCharsets.US_ASCII))));
            }
        }
        placed.sort(Comparator.comparingDouble(Placed::position));
        return placed.stream().map(Placed::batch).toList();
    }

    /** Notices accepted ({@code 202}) since the last push started. */
    long acceptedSoFar() {
        return acceptedSoFar.get();
    }

    /** Pushes every batch in a thread of its own; the future completes when every status line is in. */
    CompletableFuture<Result> start(List<FeedPusher.Batch> batches, int rate, FeedPusher.AcceptedListener listener) {
        CompletableFuture<Result> result = new CompletableFuture<>();
        Thread.ofPlatform().name("bench-push-coordinator").start(() -> {
            try {
                result.complete(push(batches, rate, listener));
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * Pushes every batch, {@code concurrency} requests at a time (and, with a {@code rate} in notices/s, none
     * before it is due); returns when every status line is in.
     */
    private Result push(List<FeedPusher.Batch> batches, int rate, FeedPusher.AcceptedListener listener) throws Exception {
        FeedPusher pusher = new FeedPusher(port);
        AtomicInteger next = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        List<String> refusals = Collections.synchronizedList(new ArrayList<>());
        acceptedSoFar.set(0);
        // With a rate, batch b may start only once the notices before it are due.
        long[] due = new long[batches.size()];
        long start = System.nanoTime();
        long before = 0;
        for (int b = 0; b < batches.size(); b++) {
            due[b] = rate == 0 ? start : start + (long) (before * 1e9 / rate);
            before += batches.get(b).notices().length;
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency, Thread.ofPlatform().name("bench-push-", 0).factory())) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(pool.submit(() -> {
                    for (int b = next.getAndIncrement(); b < batches.size(); b = next.getAndIncrement()) {
                        long wait = due[b] - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        FeedPusher.Batch batch = batches.get(b);
                        FeedPusher.Outcome outcome = pusher.push(batch, feedToken(batch.agency()), (notice, at) -> {
                            acceptedSoFar.incrementAndGet();
                            listener.accepted(notice, at);
                        });
                        accepted.addAndGet(outcome.accepted());
                        refused.addAndGet(outcome.refused());
                        if (refusals.size() < 5) {
                            refusals.addAll(outcome.firstRefusals());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        return new Result(accepted.get(), refused.get(), List.copyOf(refusals), System.nanoTime());
    }

    private String feedToken(BenchAgency agency) {
        Long fetched = feedTokenTimes.get(agency.code());
        if (fetched == null || System.nanoTime() - fetched > TOKEN_REFRESH.toNanos()) {
            feedTokens.put(agency.code(), keycloak.clientCredentials(agency.feedClient(), agency.feedSecret()));
            feedTokenTimes.put(agency.code(), System.nanoTime());
        }
        return feedTokens.get(agency.code());
    }

    /**
     * Polls the number of searchable notices until it reaches {@code target}; prints progress every 10 s when
     * {@code start} is given (searchable counted above {@code before}). Gives up when nothing moves for
     * {@link #NO_PROGRESS_LIMIT}, or as soon as the push failed.
     *
     * @return the {@link System#nanoTime()} when the target was reached
     */
    long awaitSearchable(Count count, long target, Long start, long before, CompletableFuture<Result> pushing)
            throws Exception {
        long lastChange = System.nanoTime();
        long lastCount = -1;
        long lastPrint = System.nanoTime();
        while (true) {
            if (pushing.isCompletedExceptionally()) {
                pushing.join();
            }
            long searchable = count.get();
            long now = System.nanoTime();
            if (searchable >= target) {
                return now;
            }
            if (searchable != lastCount) {
                lastCount = searchable;
                lastChange = now;
            } else if (now - lastChange > NO_PROGRESS_LIMIT.toNanos()) {
                throw new IllegalStateException("searchable notices stuck at " + searchable + " of " + target);
            }
            if (start != null && now - lastPrint > Duration.ofSeconds(10).toNanos()) {
                lastPrint = now;
                System.out.printf("[%s]   t=%5.1f s  accepted %,d  searchable %,d%n", LocalTime.now().withNano(0),
                        (now - start) / 1e9, acceptedSoFar(), searchable - before);
            }
            Thread.sleep(100);
        }
    }
}
