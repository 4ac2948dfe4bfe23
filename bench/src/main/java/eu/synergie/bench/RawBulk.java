package eu.synergie.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import eu.synergie.search.ElasticsearchNotices;
import eu.synergie.search.NoticeDocument;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The baseline: the same documents bulk-indexed straight into Elasticsearch with the Java client, into
 * an index of their own made with the settings and mappings of the notice template, timed from the
 * first bulk until all are searchable (acknowledged, then refreshed).
 */
final class RawBulk {

    static final String INDEX = "bench-raw-notices";

    /** Timings in nanoseconds from the first bulk request. */
    record Result(int documents, long ackedNanos, long searchableNanos, long count) {

        double docsPerSecond() {
            return documents / (searchableNanos / 1e9);
        }

        double ackedDocsPerSecond() {
            return documents / (ackedNanos / 1e9);
        }
    }

    private final ElasticsearchClient client;

    RawBulk(ElasticsearchClient client) {
        this.client = client;
    }

    Result run(List<NoticeDocument> documents, int batchSize, int concurrency) throws IOException, InterruptedException {
        recreateIndex();
        List<List<NoticeDocument>> batches = new ArrayList<>();
        for (int from = 0; from < documents.size(); from += batchSize) {
            batches.add(documents.subList(from, Math.min(documents.size(), from + batchSize)));
        }
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency, Thread.ofPlatform().name("bench-raw-bulk-", 0).factory())) {
            List<Future<?>> sent = new ArrayList<>();
            for (List<NoticeDocument> batch : batches) {
                sent.add(pool.submit(() -> bulk(batch)));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("raw bulk failed", e.getCause());
        }
        long acked = System.nanoTime() - start;
        client.indices().refresh(r -> r.index(INDEX));
        long searchable = System.nanoTime() - start;
        long count = client.count(c -> c.index(INDEX)).count();
        return new Result(documents.size(), acked, searchable, count);
    }

    void deleteIndex() throws IOException {
        client.indices().delete(d -> d.index(INDEX).ignoreUnavailable(true));
    }

    private Void bulk(List<NoticeDocument> batch) throws IOException {
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        for (NoticeDocument document : batch) {
            bulk.operations(op -> op.index(i -> i.index(INDEX).id(document.noticeId()).document(document)));
        }
        BulkResponse response = client.bulk(bulk.build());
        if (response.errors()) {
            String first = response.items().stream().map(BulkResponseItem::error).filter(Objects::nonNull)
                    .map(e -> e.type() + ": " + e.reason()).findFirst().orElse("unknown");
            throw new IllegalStateException("Elasticsearch refused part of a raw bulk: " + first);
        }
        return null;
    }

    /** The index, with the notice template's settings and mappings (the template itself matches only notices-*). */
    private void recreateIndex() throws IOException {
        deleteIndex();
        String template;
        try (InputStream in = ElasticsearchNotices.class.getResourceAsStream("notices-template.json")) {
            template = new String(Objects.requireNonNull(in, "notices-template.json").readAllBytes(), StandardCharsets.UTF_8)
                    .replace("REPLICAS", "0");
        }
        JsonMapper json = JsonMapper.builder().build();
        JsonNode body = json.readTree(template).path("template");
        ObjectNode index = json.createObjectNode();
        index.set("settings", body.path("settings"));
        index.set("mappings", body.path("mappings"));
        try {
            client.indices().create(c -> c.index(INDEX).withJson(new StringReader(index.toString())));
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("cannot create " + INDEX + ": " + e.getMessage(), e));
        }
    }
}
