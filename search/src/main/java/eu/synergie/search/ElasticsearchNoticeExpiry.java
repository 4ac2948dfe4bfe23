package eu.synergie.search;

import static eu.synergie.search.ElasticsearchCalls.call;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import eu.synergie.core.index.ExpiredNotice;
import eu.synergie.core.index.NoticeExpiry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The retention sweep: deletes, a thousand at a time, the documents past their {@code validUntil}. */
final class ElasticsearchNoticeExpiry implements NoticeExpiry {

    private final ElasticsearchClient client;

    ElasticsearchNoticeExpiry(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public List<ExpiredNotice> removeExpired(Instant now) {
        List<ExpiredNotice> removed = new ArrayList<>();
        while (true) {
            SearchResponse<NoticeDocument> expired = call(() -> client.search(s -> s
                    .index(NoticeQueries.ALIAS).ignoreUnavailable(true).allowNoIndices(true)
                    .query(q -> q.range(r -> r.date(d -> d.field("validUntil").lte(now.toString()))))
                    .source(src -> src.filter(f -> f.includes("noticeId", "region", "originAgency")))
                    .size(1000), NoticeDocument.class));
            List<Hit<NoticeDocument>> hits = expired.hits().hits();
            if (hits.isEmpty()) {
                return removed;
            }
            BulkRequest.Builder bulk = new BulkRequest.Builder().refresh(Refresh.WaitFor);
            for (Hit<NoticeDocument> hit : hits) {
                bulk.operations(op -> op.delete(d -> d.index(hit.index()).id(hit.id())));
                NoticeDocument d = hit.source();
                removed.add(new ExpiredNotice(UUID.fromString(hit.id()), d == null ? null : d.region(),
                        d == null ? null : d.originAgency()));
            }
            ElasticsearchCalls.bulk(client, bulk.build(), "the deletion of expired notices");
        }
    }
}
