package eu.synergie.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import eu.synergie.core.policy.ReadScope;
import eu.synergie.core.trends.Period;
import eu.synergie.core.trends.Sighting;
import eu.synergie.core.trends.TrendCounts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static eu.synergie.search.ElasticsearchCalls.call;

/** The trends' counts as Elasticsearch aggregations over the scoped notices ({@link NoticeQueries#trends}). */
final class ElasticsearchTrends implements TrendCounts {

    private final ElasticsearchClient client;
    private final Clock clock;

    ElasticsearchTrends(ElasticsearchClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public List<Count> counts(ReadScope scope, Period period, Instant from) {
        if (scope.isEmpty()) {
            return List.of();
        }
        SearchResponse<Void> response = call(() -> client.search(NoticeQueries.trends(scope, clock.instant(), from,
                period == Period.WEEK), Void.class));
        List<Count> counts = new ArrayList<>();
        Aggregate regions = response.aggregations().get("region");
        if (regions == null) {
            return counts;
        }
        regions.sterms().buckets().array().forEach(region -> region.aggregations().get("type").sterms().buckets().array()
                .forEach(type -> type.aggregations().get("period").dateHistogram().buckets().array()
                        .forEach(bucket -> counts.add(new Count(region.key().stringValue(), type.key().stringValue(),
                                Instant.ofEpochMilli(bucket.key()), bucket.docCount())))));
        return counts;
    }

    @Override
    public List<Sighting> sightings(ReadScope scope, Instant from, int limit) {
        if (scope.isEmpty()) {
            return List.of();
        }
        SearchResponse<Void> response = call(() -> client.search(NoticeQueries.sightings(scope, clock.instant(), from, limit),
                Void.class));
        List<Sighting> sightings = new ArrayList<>();
        Aggregate entities = response.aggregations().get("entities");
        if (entities == null) {
            return sightings;
        }
        entities.nested().aggregations().get("key").sterms().buckets().array().forEach(key -> key.aggregations()
                .get("notices").reverseNested().aggregations().get("agency").sterms().buckets().array().forEach(agency ->
                        sightings.add(new Sighting(key.key().stringValue(), agency.key().stringValue(),
                                Instant.ofEpochMilli(agency.aggregations().get("first").min().value().longValue()),
                                Instant.ofEpochMilli(agency.aggregations().get("last").max().value().longValue()),
                                agency.docCount()))));
        return sightings;
    }
}
