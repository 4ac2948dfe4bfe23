package eu.synergie.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import eu.synergie.core.index.IndexGenerations;
import eu.synergie.search.NoticeDocument;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Setup of the search benchmark, not measured as search: N synthetic notices bulk-indexed straight into
 * new generations of the real notice index (one per region, made from the index template by the search
 * module itself), with refresh off while loading, then refreshed and switched into the {@code notices}
 * alias exactly as a rebuild does. Documents are the indexer's own ({@link BenchDocuments}); the
 * cryptography and Kafka are skipped because the search figures do not depend on how documents arrived.
 */
final class SearchLoader {

    private final ElasticsearchClient client;
    private final IndexGenerations index;
    private final NoticeGenerator generator;

    SearchLoader(ElasticsearchClient client, IndexGenerations index, NoticeGenerator generator) {
        this.client = client;
        this.index = index;
        this.generator = generator;
    }

    /** Loads notices {@code 0..count-1}; returns the seconds it took from the first bulk to searchable. */
    double load(int count, int batchSize, int concurrency, Consumer<String> progress) throws Exception {
        Map<String, String> generations = new LinkedHashMap<>();
        for (BenchAgency agency : BenchAgency.DEMO) {
            for (String region : agency.regionNames()) {
                if (!generations.containsKey(region)) {
                    generations.put(region, index.newGeneration(region));
                }
            }
        }
        List<String> names = List.copyOf(generations.values());
        // Refresh off while loading: no search runs yet, and refreshing every second would only make segments to merge.
        client.indices().putSettings(p -> p.index(names).settings(s -> s.refreshInterval(Time.of(t -> t.time("-1")))));

        Map<String, BenchDocuments.Signer> signers = signers();
        Instant now = Instant.now();
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        long[] lastPrint = {start};
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency, Thread.ofPlatform().name("bench-load-", 0).factory())) {
            List<Future<?>> sent = new ArrayList<>();
            for (int from = 0; from < count; from += batchSize) {
                int first = from;
                int last = Math.min(count, from + batchSize);
                sent.add(pool.submit(() -> {
                    bulk(first, last, generations, signers, now);
                    long loaded = done.addAndGet(last - first);
                    synchronized (lastPrint) {
                        long at = System.nanoTime();
                        if (at - lastPrint[0] > 10_000_000_000L) {
                            lastPrint[0] = at;
                            progress.accept(String.format("  loaded %,d of %,d (%,.0f docs/s)", loaded, count,
                                    loaded / ((at - start) / 1e9)));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("loading failed", e.getCause());
        }
        // Back to the template's interval, then refreshed and aliased as a rebuild does it (promote refreshes first).
        client.indices().putSettings(p -> p.index(names).settings(s -> s.refreshInterval(Time.of(t -> t.time("1s")))));
        for (var entry : generations.entrySet()) {
            index.drop(index.promote(entry.getKey(), entry.getValue()));
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private void bulk(int first, int last, Map<String, String> generations, Map<String, BenchDocuments.Signer> signers,
                      Instant verifiedAt) throws IOException {
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        for (int i = first; i < last; i++) {
            NoticeGenerator.Generated generated = generator.generate(i);
            NoticeDocument document = BenchDocuments.of(generated.notice(), signers.get(generated.agency().code()),
                    generated.notice().issuedAt(), verifiedAt, i % 3, i);
            String target = generations.get(document.region());
            bulk.operations(op -> op.index(x -> x.index(target).id(document.noticeId()).document(document)));
        }
        BulkResponse response = client.bulk(bulk.build());
        if (response.errors()) {
            String firstError = response.items().stream().map(BulkResponseItem::error).filter(Objects::nonNull)
                    .map(e -> e.type() + ": " + e.reason()).findFirst().orElse("unknown");
            throw new IllegalStateException("Elasticsearch refused part of a bulk: " + firstError);
        }
    }

    /**
     * Provenance with the shape of a real certificate's (serial, SHA-256 fingerprint) but made up: no search
     * filters on it, and issuing certificates would only slow the setup down.
     */
    private static Map<String, BenchDocuments.Signer> signers() throws NoSuchAlgorithmException {
        Map<String, BenchDocuments.Signer> signers = new LinkedHashMap<>();
        for (BenchAgency agency : BenchAgency.DEMO) {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(agency.code().getBytes(StandardCharsets.UTF_8));
            signers.put(agency.code(), new BenchDocuments.Signer(agency.code(), HexFormat.of().formatHex(hash, 0, 8),
                    HexFormat.of().formatHex(hash)));
        }
        return signers;
    }
}
