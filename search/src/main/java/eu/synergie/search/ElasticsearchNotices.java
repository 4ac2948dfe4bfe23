package eu.synergie.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import eu.synergie.core.index.ExportIds;
import eu.synergie.core.index.IndexGenerations;
import eu.synergie.core.index.NoticeFeed;
import eu.synergie.core.index.NoticeExpiry;
import eu.synergie.core.index.NoticeIndex;
import eu.synergie.core.index.NoticeIndexWriter;
import eu.synergie.core.vocabulary.Vocabulary;

import java.time.Clock;

/**
 * The notice index on Elasticsearch, one object per job, each behind the port of the one who uses it: the
 * reading path's scoped reads ({@link #index()} and a region's feed, {@link #feed()}), the indexer's writes ({@link #writer()}), the retention sweep
 * ({@link #expiry()}) and the generations a rebuild switches ({@link #generations()}), which share what they know of
 * each region's generation. The wiring builds this aggregate and makes only its ports beans.
 * <p>
 * The matcher's unscoped lookup across all regions is not one of them: it is {@link ElasticsearchNoticeHolders}, built
 * by the matcher's wiring alone. That only the matcher's wiring, the matcher and this module may depend on it (and on
 * {@code NoticeHolders}) is checked by the build ({@code ModuleBoundariesTest}), not by this class.
 */
public final class ElasticsearchNotices {

    private final ElasticsearchNoticeIndex index;
    private final ElasticsearchNoticeFeed feed;
    private final ElasticsearchGenerations generations;
    private final ElasticsearchNoticeWriter writer;
    private final ElasticsearchNoticeExpiry expiry;
    private final ElasticsearchTrends trends;

    public ElasticsearchNotices(ElasticsearchClient client, IndexSettings settings) {
        this(client, settings, Clock.systemUTC());
    }

    public ElasticsearchNotices(ElasticsearchClient client, IndexSettings settings, Clock clock) {
        this(client, settings, clock, ExportIds.NONE);
    }

    /** @param exportIds the ids of the objects each notice is exported as, recorded as it is indexed */
    public ElasticsearchNotices(ElasticsearchClient client, IndexSettings settings, Clock clock, ExportIds exportIds) {
        this(client, settings, clock, exportIds, Vocabulary.builtIn());
    }

    /** @param vocabulary the crime concepts a search's words are expanded over, when the query asks for it */
    public ElasticsearchNotices(ElasticsearchClient client, IndexSettings settings, Clock clock, ExportIds exportIds,
                                Vocabulary vocabulary) {
        this.index = new ElasticsearchNoticeIndex(client, clock, vocabulary);
        this.feed = new ElasticsearchNoticeFeed(client, clock);
        this.generations = new ElasticsearchGenerations(client, settings, clock, exportIds);
        this.writer = new ElasticsearchNoticeWriter(client, generations, null, exportIds);
        this.expiry = new ElasticsearchNoticeExpiry(client);
        this.trends = new ElasticsearchTrends(client, clock);
    }

    /** Counts for trends within a caller's scope (the access filter inside every query). */
    public eu.synergie.core.trends.TrendCounts trends() {
        return trends;
    }

    /** Searches and lookups by id within a caller's scope (the access filter inside every query). */
    public NoticeIndex index() {
        return index;
    }

    /** A region's notices in the order they were added, within a caller's scope (the access filter inside every query). */
    public NoticeFeed feed() {
        return feed;
    }

    /** The live indexer's writes, into each region's current generation. */
    public NoticeIndexWriter writer() {
        return writer;
    }

    public NoticeExpiry expiry() {
        return expiry;
    }

    public IndexGenerations generations() {
        return generations;
    }
}
