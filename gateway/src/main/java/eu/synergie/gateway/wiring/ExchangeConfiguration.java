package eu.synergie.gateway.wiring;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import eu.synergie.core.envelope.NoticeOpener;
import eu.synergie.core.index.NoticeIndex;
import eu.synergie.core.ingestion.KafkaDeadLetters;
import eu.synergie.core.ingestion.NoticeIngestion;
import eu.synergie.core.ingestion.NoticeTopicListener;
import eu.synergie.core.intake.KafkaNoticeLog;
import eu.synergie.core.intake.NoticeIntake;
import eu.synergie.core.intake.NoticeLog;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.gateway.keys.ExchangeKeys;
import eu.synergie.search.ElasticsearchNoticeIndex;
import eu.synergie.search.IndexSettings;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Puts the exchange together: keys, policy, publish path, indexer, index. */
@Configuration(proxyBeanMethods = false)
class ExchangeConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ExchangeKeys exchangeKeys(SynergieProperties properties) {
        return ExchangeKeys.loadOrCreate(properties.home(), properties.regions(), properties.keysPassword().toCharArray());
    }

    @Bean
    AccessPolicy accessPolicy() {
        return new AccessPolicy();
    }

    @Bean
    NoticeOpener noticeOpener(ExchangeKeys keys, SynergieProperties properties, Clock clock) {
        return new NoticeOpener(keys.ca().certificate(), keys.regions(), properties.maxEnvelopeBytes(), clock);
    }

    @Bean
    NoticeLog noticeLog(KafkaTemplate<String, byte[]> template, SynergieProperties properties) {
        return new KafkaNoticeLog(template, properties.topics().appendTimeout());
    }

    @Bean
    NoticeIntake noticeIntake(NoticeOpener opener, AccessPolicy policy, NoticeLog log) {
        return new NoticeIntake(opener, policy, log);
    }

    @Bean
    NoticeIndex noticeIndex(ElasticsearchClient client, SynergieProperties properties) {
        return new ElasticsearchNoticeIndex(client, new IndexSettings(properties.search().replicas()));
    }

    @Bean
    NoticeIngestion noticeIngestion(NoticeOpener opener, NoticeIndex index, KafkaTemplate<String, byte[]> template,
                                    SynergieProperties properties, Clock clock) {
        return new NoticeIngestion(opener, index, new KafkaDeadLetters(template, properties.topics().appendTimeout()), clock);
    }

    @Bean
    NoticeTopicListener noticeTopicListener(NoticeIngestion ingestion) {
        return new NoticeTopicListener(ingestion);
    }

    /** One topic per region and the dead-letter topic, created at start if missing. */
    @Bean
    KafkaAdmin.NewTopics synergieTopics(SynergieProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        for (String region : properties.regions()) {
            topics.add(TopicBuilder.name(NoticeLog.topicOf(region)).partitions(properties.topics().partitions())
                    .replicas(properties.topics().replication()).build());
        }
        topics.add(TopicBuilder.name(KafkaDeadLetters.TOPIC).partitions(1).replicas(properties.topics().replication()).build());
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }
}
