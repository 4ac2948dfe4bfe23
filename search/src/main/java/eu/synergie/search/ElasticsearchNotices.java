package eu.synergie.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import eu.synergie.core.index.IndexGenerations;
import eu.synergie.core.index.NoticeExpiry;
import eu.synergie.core.index.NoticeIndex;
import eu.synergie.core.index.NoticeIndexWriter;
import eu.synergie.core.matching.NoticeHolders;

import java.time.Clock;

/**
 * The notice index on Elasticsearch, one object per job, each behind the port of the one who uses it: the
 * reading path's scoped reads ({@link #index()}), the indexer's writes ({@link #writer()}), the matcher's
 * unscoped lookup ({@link #holders()}), the retention sweep ({@link #expiry()}) and the generations a rebuild
 * switches ({@link #generations()}). Wiring hands out the ports one by one, so that the reading path is
 * never given a way around the access filter.
 */
public final class ElasticsearchNotices {

    private final ElasticsearchNoticeIndex index;
    private final ElasticsearchGenerations generations;
    private final ElasticsearchNoticeWriter writer;
    private final ElasticsearchNoticeHolders holders;
    private final ElasticsearchNoticeExpiry expiry;

    public ElasticsearchNotices(ElasticsearchClient client, IndexSettings settings) {
        this(client, settings, Clock.systemUTC());
    }

    public ElasticsearchNotices(ElasticsearchClient client, IndexSettings settings, Clock clock) {
        this.index = new ElasticsearchNoticeIndex(client, clock);
        this.generations = new ElasticsearchGenerations(client, settings, clock);
        this.writer = new ElasticsearchNoticeWriter(client, generations, null);
        this.holders = new ElasticsearchNoticeHolders(client, clock);
        this.expiry = new ElasticsearchNoticeExpiry(client);
    }

    /** Searches and lookups by id within a caller's scope (the access filter inside every query). */
    public NoticeIndex index() {
        return index;
    }

    /** The live indexer's writes, into each region's current generation. */
    public NoticeIndexWriter writer() {
        return writer;
    }

    /** The matcher's lookup across all regions, without an access filter: for the matcher only. */
    public NoticeHolders holders() {
        return holders;
    }

    public NoticeExpiry expiry() {
        return expiry;
    }

    public IndexGenerations generations() {
        return generations;
    }
}
