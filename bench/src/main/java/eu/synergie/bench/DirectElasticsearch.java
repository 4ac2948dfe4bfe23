package eu.synergie.bench;

import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.JsonpUtils;
import eu.synergie.infra.ElasticsearchNode;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The search benchmark's own line to the Elasticsearch node, beside the gateway: the index's search requests sent as
 * they are, over TLS as the gateway's user like the gateway's own client (the same cost on both sides), and what the
 * benchmark reads from the node as its operator (notices held, merges running, each generation's shards and segments).
 */
final class DirectElasticsearch {

    private static final Pattern MERGES = Pattern.compile("\"current\"\\s*:\\s*(\\d+)");
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

    private final ElasticsearchNode node;
    private final JsonpMapper mapper;
    private final HttpClient http;

    /** @param mapper the gateway's client's, so that a request is written as the gateway writes it */
    DirectElasticsearch(ElasticsearchNode node, JsonpMapper mapper) {
        this.node = node;
        this.mapper = mapper;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(node.sslContext()).build();
    }

    /** One of the index's requests, as the HTTP request the gateway's client would send. */
    HttpRequest search(SearchRequest search) {
        StringJoiner parameters = new StringJoiner("&");
        SearchRequest._ENDPOINT.queryParameters(search).forEach((k, v) ->
                parameters.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return node.request(SearchRequest._ENDPOINT.requestUrl(search) + "?" + parameters, node.gatewayUser())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonpUtils.toJsonString(search, mapper))).build();
    }

    HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The documents under the notices alias (0 when there is none yet). */
    long countNotices() throws IOException, InterruptedException {
        Matcher m = COUNT.matcher(get("/notices/_count"));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** Until no merge has run for three polls a second apart (at most 15 minutes), so that none runs during the searches. */
    void awaitMerges() throws IOException, InterruptedException {
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
    String indexStats() throws IOException, InterruptedException {
        List<String> parts = new ArrayList<>();
        for (String line : get("/_cat/indices/notices-*?h=index,pri,store.size,segments.count&s=index").strip().lines().toList()) {
            String[] fields = line.strip().split("\\s+");
            Matcher m = COUNT.matcher(get("/" + fields[0] + "/_count"));
            parts.add(String.format("%s %,d notices, %s shard(s), %s, %s segments", fields[0],
                    m.find() ? Long.parseLong(m.group(1)) : -1, fields[1], fields[2], fields[3]));
        }
        return String.join("; ", parts);
    }

    String version() throws IOException, InterruptedException {
        return get("/_cat/nodes?h=version").strip();
    }

    /** The body of a GET as the operator; empty when the node answers otherwise than 200. */
    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(node.request(path, node.operatorUser()).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body() : "";
    }
}
