package eu.synergie.search;

import static eu.synergie.search.ElasticsearchCalls.call;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.search.TotalHits;
import co.elastic.clients.elasticsearch.core.search.TotalHitsRelation;
import eu.synergie.core.index.FetchedNotice;
import eu.synergie.core.index.NoticeIndex;
import eu.synergie.core.index.NoticeQuery;
import eu.synergie.core.index.NoticeSummary;
import eu.synergie.core.index.SearchResult;
import eu.synergie.core.policy.ReadScope;
import eu.synergie.core.vocabulary.QueryExpansion;
import eu.synergie.core.vocabulary.Vocabulary;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The reading path's index: sends the requests {@link NoticeQueries} builds for a caller's scope, and turns
 * the answers into pages (hits, highlights, facets, the next cursor) or one notice. It has no other query.
 */
final class ElasticsearchNoticeIndex implements NoticeIndex {

    private static final List<String> FACETS = List.of("type", "agency", "region", "tlp");

    private final ElasticsearchClient client;
    private final Clock clock;
    private final Vocabulary vocabulary;
    private final SearchCounting counting;

    ElasticsearchNoticeIndex(ElasticsearchClient client, Clock clock, Vocabulary vocabulary) {
        this(client, clock, vocabulary, SearchCounting.DEFAULT);
    }

    ElasticsearchNoticeIndex(ElasticsearchClient client, Clock clock, Vocabulary vocabulary, SearchCounting counting) {
        this.client = client;
        this.clock = clock;
        this.vocabulary = vocabulary;
        this.counting = counting;
    }

    @Override
    public SearchResult search(NoticeQuery query, ReadScope scope) {
        if (scope.isEmpty()) {
            return SearchResult.empty();
        }
        QueryExpansion expansion = query.expand() ? vocabulary.expand(query.text()) : QueryExpansion.none(query.text());
        Instant now = clock.instant();
        SearchRequest request = NoticeQueries.search(query, expansion.text(), scope, now, counting);
        SearchResponse<NoticeDocument> response = call(() -> client.search(request, NoticeDocument.class));
        List<Hit<NoticeDocument>> hits = response.hits().hits().stream().filter(h -> h.source() != null).toList();
        TotalHits counted = response.hits().total();
        long total = counted == null ? hits.size() : counted.value();
        boolean lowerBound = counted != null && counted.relation() == TotalHitsRelation.Gte;
        Map<String, List<SearchResult.FacetCount>> facets = Map.of();
        double sampling = 1;
        if (query.facets() && total == 0) {
            facets = noFacets();
        } else if (query.facets()) {
            // A second request, because how to count the facets depends on how many matched.
            sampling = counting.facetSampling(total, lowerBound);
            SearchRequest counts = NoticeQueries.facets(query, expansion.text(), scope, now, sampling);
            facets = facets(call(() -> client.search(counts, Void.class)).aggregations(), sampling != 1);
        }
        Highlighter highlighter = Highlighter.of(query.text(), expansion.words());
        Map<UUID, SearchResult.Highlights> highlights = new HashMap<>();
        List<NoticeSummary> summaries = new ArrayList<>(hits.size());
        for (Hit<NoticeDocument> hit : hits) {
            NoticeSummary summary = hit.source().toSummary();
            summaries.add(summary);
            String title = highlighter.mark(summary.title());
            String fragment = highlighter.fragment(summary.summary());
            if (title != null || fragment != null) {
                highlights.put(summary.noticeId(), new SearchResult.Highlights(title, fragment));
            }
        }
        // A full page may have a successor; a short one is the last.
        String next = hits.size() == query.size() ? SearchCursor.encode(query, hits.getLast().sort()) : null;
        return new SearchResult(total, lowerBound, summaries, highlights, facets, sampling != 1, next, expansion.terms());
    }

    /** Every facet, with no value: what counting nothing gives, without asking Elasticsearch. */
    private static Map<String, List<SearchResult.FacetCount>> noFacets() {
        Map<String, List<SearchResult.FacetCount>> facets = new LinkedHashMap<>();
        FACETS.forEach(name -> facets.put(name, List.of()));
        facets.put("month", List.of());
        return facets;
    }

    private static Map<String, List<SearchResult.FacetCount>> facets(Map<String, Aggregate> aggregations, boolean sampled) {
        if (sampled) {
            return sampledFacets(aggregations.get(NoticeQueries.SAMPLE));
        }
        Map<String, List<SearchResult.FacetCount>> facets = new LinkedHashMap<>();
        for (String name : FACETS) {
            Aggregate aggregate = aggregations.get(name);
            facets.put(name, aggregate == null ? List.of() : aggregate.sterms().buckets().array().stream()
                    .map(b -> new SearchResult.FacetCount(b.key().stringValue(), b.docCount())).toList());
        }
        Aggregate month = aggregations.get("month");
        facets.put("month", month == null ? List.of() : month.dateHistogram().buckets().array().stream()
                .map(b -> new SearchResult.FacetCount(b.keyAsString(), b.docCount())).toList());
        return facets;
    }

    /**
     * The facets under the {@code random_sampler}, whose counts Elasticsearch has scaled back up. The client has no type
     * for that aggregation, so its answer comes as JSON, the sub-aggregations under their typed keys ({@code sterms#type}).
     */
    private static Map<String, List<SearchResult.FacetCount>> sampledFacets(Aggregate sample) {
        if (sample == null || !sample._isCustom()) {
            throw new SearchUnavailableException("Elasticsearch answered a sampled facet request without its sample", null);
        }
        JsonObject counts = sample._custom().toJson().asJsonObject();
        Map<String, JsonObject> byName = new HashMap<>();
        counts.forEach((typedKey, value) -> {
            if (typedKey.indexOf('#') > 0 && value.getValueType() == JsonValue.ValueType.OBJECT) {
                byName.put(typedKey.substring(typedKey.indexOf('#') + 1), value.asJsonObject());
            }
        });
        Map<String, List<SearchResult.FacetCount>> facets = new LinkedHashMap<>();
        for (String name : FACETS) {
            facets.put(name, buckets(byName.get(name), "key"));
        }
        facets.put("month", buckets(byName.get("month"), "key_as_string"));
        return facets;
    }

    private static List<SearchResult.FacetCount> buckets(JsonObject aggregate, String key) {
        if (aggregate == null) {
            return List.of();
        }
        return aggregate.getJsonArray("buckets").stream().map(JsonValue::asJsonObject)
                .filter(b -> b.getJsonNumber("doc_count").longValue() > 0)
                .map(b -> new SearchResult.FacetCount(b.getString(key), b.getJsonNumber("doc_count").longValue())).toList();
    }

    @Override
    public java.util.List<FetchedNotice> replies(UUID requestId, ReadScope scope, int limit) {
        if (scope.isEmpty()) {
            return java.util.List.of();
        }
        return fetchedBy(NoticeQueries.replies(requestId, scope, clock.instant(), limit));
    }

    @Override
    public java.util.List<FetchedNotice> holding(java.util.Set<String> matchKeys, ReadScope scope, int limit) {
        if (scope.isEmpty() || matchKeys.isEmpty()) {
            return java.util.List.of();
        }
        return fetchedBy(NoticeQueries.holding(matchKeys, scope, clock.instant(), limit));
    }

    private java.util.List<FetchedNotice> fetchedBy(SearchRequest request) {
        SearchResponse<NoticeDocument> response = call(() -> client.search(request, NoticeDocument.class));
        return response.hits().hits().stream().map(Hit::source).filter(Objects::nonNull).map(NoticeDocument::toFetched).toList();
    }

    @Override
    public Optional<FetchedNotice> fetch(UUID noticeId, ReadScope scope) {
        if (scope.isEmpty()) {
            return Optional.empty();
        }
        SearchRequest request = NoticeQueries.fetch(noticeId, scope, clock.instant());
        SearchResponse<NoticeDocument> response = call(() -> client.search(request, NoticeDocument.class));
        return response.hits().hits().stream().map(Hit::source).filter(Objects::nonNull).findFirst()
                .map(NoticeDocument::toFetched);
    }

    @Override
    public Optional<FetchedNotice> fetchHeld(UUID noticeId, String agency) {
        SearchRequest request = NoticeQueries.heldNotice(noticeId, agency, clock.instant());
        SearchResponse<NoticeDocument> response = call(() -> client.search(request, NoticeDocument.class));
        return response.hits().hits().stream().map(Hit::source).filter(Objects::nonNull).findFirst()
                .map(NoticeDocument::toFetched);
    }
}
