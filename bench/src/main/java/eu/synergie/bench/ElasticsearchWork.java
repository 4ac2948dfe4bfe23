package eu.synergie.bench;

import eu.synergie.infra.ElasticsearchNode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Elasticsearch worked at during a phase, by index family, from its own counters ({@code _stats}): time spent
 * indexing, refreshing, merging, answering queries and fetching, and how many of each. With the CPU per process this
 * says where the node's share of a notice goes (the notice itself, the audit, the matcher's and the version lookups'
 * searches, the refreshes they force, the merges of the small segments those leave).
 */
final class ElasticsearchWork {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[][] COUNTERS = {
            {"indexing", "index_total", "index_time_in_millis"},
            {"refresh", "total", "total_time_in_millis"},
            {"merges", "total", "total_time_in_millis"},
            {"search", "query_total", "query_time_in_millis"},
            {"search", "fetch_total", "fetch_time_in_millis"},
    };
    private static final String[] NAMES = {"index", "refresh", "merge", "query", "fetch"};

    /** Counts and milliseconds per family and counter. */
    record Snapshot(Map<String, long[][]> byFamily) {
    }

    /** The node's counters now, read as its operator. */
    static Snapshot read(ElasticsearchNode node) throws IOException, InterruptedException {
        HttpResponse<String> response = node.httpClient().send(node.request(
                "/_stats/indexing,refresh,merge,search?level=indices&expand_wildcards=all", node.operatorUser()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Elasticsearch's _stats answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    /** Parses {@code GET /_stats/indexing,refresh,merge,search?level=indices}. */
    static Snapshot parse(String statsJson) {
        Map<String, long[][]> families = new TreeMap<>();
        JsonNode indices = JSON.readTree(statsJson).path("indices");
        for (var entry : indices.properties()) {
            JsonNode totals = entry.getValue().path("total");
            long[][] counters = families.computeIfAbsent(familyOf(entry.getKey()), f -> new long[COUNTERS.length][2]);
            for (int i = 0; i < COUNTERS.length; i++) {
                JsonNode section = totals.path(COUNTERS[i][0]);
                counters[i][0] += section.path(COUNTERS[i][1]).asLong();
                counters[i][1] += section.path(COUNTERS[i][2]).asLong();
            }
        }
        return new Snapshot(families);
    }

    /** {@code notices-eu-west-2026.12} → {@code notices-*}; system and hidden indices under their own name's head. */
    static String familyOf(String index) {
        int dash = index.indexOf('-');
        return dash > 0 ? index.substring(0, dash) + "-*" : index;
    }

    /** One line per family that did something: per notice, how many operations and milliseconds of each kind. */
    static List<String> report(Snapshot from, Snapshot to, int notices) {
        return report(from, to, notices, "notice");
    }

    /** The same per {@code unit} (a notice, a search): {@code count} of them were handled between the snapshots. */
    static List<String> report(Snapshot from, Snapshot to, long count, String unit) {
        List<String> lines = new ArrayList<>();
        Map<String, long[][]> families = new LinkedHashMap<>(to.byFamily());
        families.forEach((family, after) -> {
            long[][] before = from.byFamily().getOrDefault(family, new long[COUNTERS.length][2]);
            StringBuilder line = new StringBuilder(String.format("  %-22s", family));
            boolean any = false;
            for (int i = 0; i < COUNTERS.length; i++) {
                long ops = after[i][0] - before[i][0];
                long millis = after[i][1] - before[i][1];
                any |= ops > 0;
                line.append(String.format("  %s %,d (%.3f ms/%s)", NAMES[i], ops, (double) millis / count, unit));
            }
            if (any) {
                lines.add(line.toString());
            }
        });
        return lines;
    }
}
