package eu.synergie.gateway.wiring;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import eu.synergie.core.index.ExportIds;
import eu.synergie.core.index.IndexGenerations;
import eu.synergie.core.index.NoticeFeed;
import eu.synergie.core.index.NoticeExpiry;
import eu.synergie.core.index.NoticeIndex;
import eu.synergie.core.index.NoticeIndexWriter;
import eu.synergie.core.vocabulary.Vocabulary;
import eu.synergie.search.ElasticsearchNotices;
import eu.synergie.search.IndexSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The notice index on Elasticsearch. The aggregate is built here and is not a bean: only its ports are, each for the
 * one who uses it, so that no component can be wired with more of the index than its job needs. (The matcher's
 * unscoped lookup is built by {@link MatchingConfiguration} alone.)
 */
@Configuration(proxyBeanMethods = false)
class NoticeIndexConfiguration {

    private final ElasticsearchNotices notices;

    /** @param exportIds the ids of each notice's STIX objects, recorded as it is indexed (the TAXII server's lookups) */
    NoticeIndexConfiguration(ElasticsearchClient client, SynergieProperties properties, Clock clock, ExportIds exportIds) {
        Path vocabulary = properties.search().vocabulary();
        this.notices = new ElasticsearchNotices(client, new IndexSettings(properties.search().replicas(),
                properties.search().shards()), clock, exportIds,
                vocabulary == null || vocabulary.toString().isBlank() ? Vocabulary.builtIn() : Vocabulary.of(vocabulary));
    }

    /** The reading path's port: scoped reads only. */
    @Bean
    NoticeIndex noticeIndex() {
        return notices.index();
    }

    /** The TAXII server's port: a region's notices in the order they were added, scoped like every read. */
    @Bean
    NoticeFeed noticeFeed() {
        return notices.feed();
    }

    /** The trends' counts: scoped like every read. */
    @Bean
    eu.synergie.core.trends.TrendCounts trendCounts() {
        return notices.trends();
    }

    @Bean
    NoticeIndexWriter noticeIndexWriter() {
        return notices.writer();
    }

    @Bean
    NoticeExpiry noticeExpiry() {
        return notices.expiry();
    }

    @Bean
    IndexGenerations indexGenerations() {
        return notices.generations();
    }

    /** Partners' reports (issue 18), kept sealed in their own index. */
    @Bean
    eu.synergie.core.reports.Reports reports(ElasticsearchClient client, SynergieProperties properties) {
        return new eu.synergie.search.ElasticsearchReports(client, new IndexSettings(properties.search().replicas()));
    }

    /** What the exchange seals itself for a region's desk: reports and the messages back, by its log signer. */
    @Bean
    eu.synergie.core.envelope.DeskEnvelopes deskEnvelopes(eu.synergie.gateway.keys.ExchangeKeys keys,
                                                          SynergieProperties properties) {
        return new eu.synergie.core.envelope.DeskEnvelopes(keys.regions(), keys.logSigner(), keys::logSignerCertificates,
                keys.root(), properties.maxEnvelopeBytes());
    }
}
