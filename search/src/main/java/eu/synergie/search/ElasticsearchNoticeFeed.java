package eu.synergie.search;

import static eu.synergie.search.ElasticsearchCalls.call;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import eu.synergie.core.index.AddedNotice;
import eu.synergie.core.index.FeedQuery;
import eu.synergie.core.index.NoticeFeed;
import eu.synergie.core.policy.ReadScope;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A region's feed: sends the request {@link NoticeQueries#feed} builds for a caller's scope and reads each notice with
 * its date added, taken from the sort value Elasticsearch ordered it by (so that the next position is exactly where
 * this page ended).
 */
final class ElasticsearchNoticeFeed implements NoticeFeed {

    private final ElasticsearchClient client;
    private final Clock clock;

    ElasticsearchNoticeFeed(ElasticsearchClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public List<AddedNotice> read(FeedQuery query, ReadScope scope) {
        if (scope.isEmpty()) {
            return List.of();
        }
        SearchRequest request = NoticeQueries.feed(query, scope, clock.instant());
        SearchResponse<NoticeDocument> response = call(() -> client.search(request, NoticeDocument.class));
        return response.hits().hits().stream().filter(h -> h.source() != null).map(ElasticsearchNoticeFeed::added).toList();
    }

    private static AddedNotice added(Hit<NoticeDocument> hit) {
        NoticeDocument document = hit.source();
        return new AddedNotice(document.toFetched(), Instant.ofEpochMilli(hit.sort().getFirst().longValue()),
                document.exportIds());
    }
}
