package eu.synergie.gateway.wiring;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import eu.synergie.core.ingestion.NoticeIngestion;
import eu.synergie.core.matching.Alert;
import eu.synergie.core.matching.AlertInbox;
import eu.synergie.core.matching.AlertLog;
import eu.synergie.core.matching.HolderLookup;
import eu.synergie.core.matching.Matcher;
import eu.synergie.core.integrity.Freshness;
import eu.synergie.core.integrity.LogAlarm;
import eu.synergie.core.matching.MatchingLogReader;
import eu.synergie.core.matching.MatchingRecords;
import eu.synergie.core.matching.NoticeHolders;
import eu.synergie.core.matching.WatchlistLog;
import eu.synergie.core.matching.Watchlists;
import eu.synergie.core.matching.kafka.KafkaMatchingLogs;
import eu.synergie.core.matching.kafka.TopicFollower;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.crypto.stamp.ExchangeMac;
import eu.synergie.gateway.audit.ConsultationAudit;
import eu.synergie.gateway.keys.ExchangeKeys;
import eu.synergie.search.ElasticsearchNoticeHolders;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * The matcher after each indexed batch, the watchlists and alerts logs, and the followers that keep every
 * instance's watchlists and alert inbox current.
 */
@Configuration(proxyBeanMethods = false)
class MatchingConfiguration {

    @Bean
    Watchlists watchlists() {
        return new Watchlists();
    }

    @Bean
    AlertInbox alertInbox(AccessPolicy policy, SynergieProperties properties) {
        return new AlertInbox(policy, properties.matching().alertsKeptPerAgency());
    }

    /** Alerts and watchlists under the exchange's MAC: they are written on the indexing path and read back only by us. */
    @Bean
    MatchingRecords matchingRecords(ExchangeKeys keys, SynergieProperties properties, Clock clock) {
        return new MatchingRecords(new ExchangeMac(keys.logMacKey(), clock), new Freshness(properties.topics().stampMaxDelay()));
    }

    @Bean
    KafkaMatchingLogs matchingLogs(KafkaTemplate<String, byte[]> template, MatchingRecords records, SynergieProperties properties) {
        return new KafkaMatchingLogs(template, records, properties.topics().appendTimeout());
    }

    /**
     * The matcher alone gets the unscoped lookup ({@link NoticeHolders}), built here and never a bean: no other
     * component can be wired with it, and no other class may even name it ({@code ModuleBoundariesTest}).
     */
    @Bean
    Matcher matcher(ElasticsearchClient client, Watchlists watchlists, AccessPolicy policy, Clock clock,
                    SynergieProperties properties) {
        NoticeHolders holders = new ElasticsearchNoticeHolders(client, clock);
        return new Matcher(holders, watchlists, policy, properties.matching().overCorrelationThreshold(), clock);
    }

    /**
     * The federation's lookup of a standing notice's holder (for the pending disclosure a peer's hit opens, and the
     * pointer its approvers release): the same unscoped index, reduced to that one question. Only the federation's
     * classes may name it ({@code ModuleBoundariesTest}).
     */
    @Bean
    eu.synergie.core.federation.OwnNotices ownNotices(ElasticsearchClient client, Clock clock) {
        return new ElasticsearchNoticeHolders(client, clock);
    }

    /**
     * Pointers for the asset tracing view: the same unscoped lookup, reduced to what a hit would tell the caller's agency
     * (holder and case reference, never content).
     */
    @Bean
    HolderLookup holderLookup(ElasticsearchClient client, AccessPolicy policy, Clock clock, SynergieProperties properties) {
        return new HolderLookup(new ElasticsearchNoticeHolders(client, clock), policy,
                properties.matching().overCorrelationThreshold());
    }

    /** Hits and watchlist alerts of each indexed batch; a hit told to another agency is a disclosure, audited. */
    @Bean
    NoticeIngestion.AfterIndexing matching(Matcher matcher, KafkaMatchingLogs logs, ConsultationAudit audit) {
        return notices -> {
            List<Alert> alerts = matcher.match(notices);
            if (!alerts.isEmpty()) {
                logs.append(alerts);
                alerts.stream().filter(Alert.Hit.class::isInstance).map(Alert.Hit.class::cast).forEach(audit::disclosed);
            }
        };
    }

    /** With the broker's append time, which no producer can set: a record appended long after it was made is a replay. */
    @Bean
    KafkaAdmin.NewTopics matchingTopics(SynergieProperties properties) {
        short replication = properties.topics().replication();
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(AlertLog.TOPIC).partitions(1).replicas(replication)
                        .config(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime").build(),
                TopicBuilder.name(WatchlistLog.TOPIC).partitions(1).replicas(replication).compact()
                        .config(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime").build());
    }

    @Bean
    Following matchingFollowers(ConsumerFactory<String, byte[]> consumers, Watchlists watchlists, AlertInbox inbox,
                                MatchingRecords records, LogAlarm alarm) {
        MatchingLogReader reader = new MatchingLogReader(records, watchlists, inbox, alarm);
        return new Following(List.of(
                new TopicFollower(consumer(consumers), WatchlistLog.TOPIC, reader::acceptWatchlist, alarm),
                new TopicFollower(consumer(consumers), AlertLog.TOPIC, reader::acceptAlert, alarm)));
    }

    private static org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer(ConsumerFactory<String, byte[]> consumers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return consumers.createConsumer(null, null, null, properties);
    }

    /**
     * Starts the followers with the trust follower, before the indexer: watchlists must be loaded first, or the
     * indexer would match notices against none and their alerts would be missed for good. A follower that has not
     * read its topic to the end within the start timeout fails the start, as the trust follower does: the gateway
     * does not run without them (the quick start's launcher restarts it), rather than run with readiness down and an
     * indexer that must not start.
     */
    static final class Following extends StartStep {

        private final List<TopicFollower> followers;
        private final Duration timeout;

        Following(List<TopicFollower> followers) {
            this(followers, Duration.ofSeconds(60));
        }

        /** @param timeout how long each follower may take to read its topic to the end */
        Following(List<TopicFollower> followers, Duration timeout) {
            super(0);
            this.followers = followers;
            this.timeout = timeout;
        }

        @Override
        void begin() {
            for (TopicFollower follower : followers) {
                if (!follower.start(timeout)) {
                    followers.forEach(TopicFollower::close);
                    throw new IllegalStateException("the watchlists and alerts (" + WatchlistLog.TOPIC + ", " + AlertLog.TOPIC
                            + ") did not load within " + timeout.toMillis() + " ms: the gateway does not start without them");
                }
            }
        }

        @Override
        void end() {
            followers.forEach(TopicFollower::close);
        }
    }
}
