package eu.synergie.gateway.wiring;

import eu.synergie.core.ingestion.NoticeIngestion;
import eu.synergie.core.matching.Alert;
import eu.synergie.core.matching.AlertInbox;
import eu.synergie.core.matching.AlertLog;
import eu.synergie.core.matching.Matcher;
import eu.synergie.core.matching.MatchingJson;
import eu.synergie.core.matching.NoticeHolders;
import eu.synergie.core.matching.WatchlistLog;
import eu.synergie.core.matching.Watchlists;
import eu.synergie.core.matching.kafka.KafkaMatchingLogs;
import eu.synergie.core.matching.kafka.TopicFollower;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.gateway.audit.ConsultationAudit;
import eu.synergie.search.ElasticsearchNotices;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.SmartLifecycle;
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

    @Bean
    KafkaMatchingLogs matchingLogs(KafkaTemplate<String, byte[]> template, SynergieProperties properties) {
        return new KafkaMatchingLogs(template, properties.topics().appendTimeout());
    }

    /** The matcher alone gets the unscoped lookup ({@link NoticeHolders}); nothing else is wired with it. */
    @Bean
    Matcher matcher(ElasticsearchNotices notices, Watchlists watchlists, AccessPolicy policy, Clock clock,
                    SynergieProperties properties) {
        return new Matcher(notices.holders(), watchlists, policy, properties.matching().overCorrelationThreshold(), clock);
    }

    /** Hits and watchlist alerts of each indexed batch; a hit told to another agency is a disclosure, audited. */
    @Bean
    NoticeIngestion.AfterIndexing matching(Matcher matcher, KafkaMatchingLogs logs, ConsultationAudit audit) {
        return notices -> {
            List<Alert> alerts = matcher.match(notices);
            if (!alerts.isEmpty()) {
                logs.append(alerts);
                alerts.stream().filter(a -> a.kind() == Alert.Kind.HIT).forEach(audit::disclosed);
            }
        };
    }

    @Bean
    KafkaAdmin.NewTopics matchingTopics(SynergieProperties properties) {
        short replication = properties.topics().replication();
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(AlertLog.TOPIC).partitions(1).replicas(replication).build(),
                TopicBuilder.name(WatchlistLog.TOPIC).partitions(1).replicas(replication).compact().build());
    }

    @Bean
    Following matchingFollowers(ConsumerFactory<String, byte[]> consumers, Watchlists watchlists, AlertInbox inbox) {
        return new Following(List.of(
                new TopicFollower(consumer(consumers), WatchlistLog.TOPIC,
                        (id, json) -> watchlists.apply(id, json == null ? null : MatchingJson.readWatchlist(json))),
                new TopicFollower(consumer(consumers), AlertLog.TOPIC,
                        (agency, json) -> inbox.add(MatchingJson.readAlert(json)))));
    }

    private static org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer(ConsumerFactory<String, byte[]> consumers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return consumers.createConsumer(null, null, null, properties);
    }

    /** Starts the followers with the trust follower, before the indexer: watchlists must be loaded first. */
    static final class Following implements SmartLifecycle {

        private final List<TopicFollower> followers;
        private volatile boolean running;

        Following(List<TopicFollower> followers) {
            this.followers = followers;
        }

        @Override
        public void start() {
            followers.forEach(f -> f.start(Duration.ofSeconds(60)));
            running = true;
        }

        @Override
        public void stop() {
            followers.forEach(TopicFollower::close);
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return 0;
        }
    }
}
