package eu.synergie.gateway.wiring;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import eu.synergie.core.audit.AuditIndex;
import eu.synergie.core.audit.AuditVerifier;
import eu.synergie.core.audit.kafka.AuditTopicListener;
import eu.synergie.core.audit.kafka.KafkaAuditChain;
import eu.synergie.core.audit.kafka.KafkaAuditLog;
import eu.synergie.core.integrity.LogAlarm;
import eu.synergie.crypto.stamp.ExchangeSignatures;
import eu.synergie.crypto.stamp.ExchangeSigner;
import eu.synergie.gateway.audit.ConsultationAudit;
import eu.synergie.search.ElasticsearchAuditIndex;
import eu.synergie.search.IndexSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/** The audit log: its Kafka appender and topic, the verification walk, and the auditors' index. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    /**
     * Its own producer, not the shared template's: it retries for as long as the broker is away (entries
     * are delayed, never dropped or reordered; {@code max-pending} bounds the wait) and gives up on taking
     * a new entry after {@code max-block}, so that the caller can refuse its operation quickly.
     */
    @Bean(destroyMethod = "close")
    KafkaAuditLog auditLog(ProducerFactory<String, byte[]> producers, AuditProperties properties, ExchangeSigner signer) {
        Map<String, Object> config = new HashMap<>(producers.getConfigurationProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) properties.maxBlock().toMillis());
        // Nobody waits for the acknowledgement, so batching longer is free for callers and spares the broker.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "synergie-audit");
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        String instance = properties.instance() != null && !properties.instance().isBlank() ? properties.instance()
                : System.getenv().getOrDefault("HOSTNAME", "gateway");
        String writer = instance + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new KafkaAuditLog(new KafkaProducer<>(config), properties.topic(), writer, properties.maxPending(),
                new KafkaAuditLog.Checkpoints(signer::signDetached, properties.checkpointEvery(), properties.checkpointInterval()));
    }

    @Bean
    ConsultationAudit consultationAudit(KafkaAuditLog log, Clock clock) {
        return new ConsultationAudit(log, clock);
    }

    @Bean
    AuditVerifier auditVerifier(KafkaAuditChain chain, AuditProperties properties) {
        return () -> chain.verify(properties.topic());
    }

    /** Walks any audit topic: the endpoint walks the configured one; tests walk altered copies of it. */
    @Bean
    KafkaAuditChain auditChain(ConsumerFactory<String, byte[]> consumers, AuditProperties properties, ExchangeSignatures signatures,
                               Clock clock, LogAlarm alarm) {
        Properties reader = new Properties();
        reader.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        reader.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return new KafkaAuditChain(() -> consumers.createConsumer(null, null, null, reader), properties.verifyTimeout(),
                (content, signature) -> {
                    signatures.verifyDetached(content, signature);
                    return true;
                }, properties.unsignedGrace(), clock, alarm);
    }

    @Bean
    ElasticsearchAuditIndex auditIndex(ElasticsearchClient client, SynergieProperties synergie, AuditProperties properties) {
        return new ElasticsearchAuditIndex(client, new IndexSettings(synergie.search().replicas()), properties.index());
    }

    @Bean
    AuditTopicListener auditTopicListener(AuditIndex index, AuditProperties properties, LogAlarm alarm) {
        return new AuditTopicListener(index, properties.topic(), properties.groupId(), alarm);
    }

    /**
     * One partition, so that each writer's chain keeps its order; kept forever (the law sets the retention, not the
     * broker); the broker's append time, which no producer can set, tells how long an entry has waited for its
     * writer's signed checkpoint.
     */
    @Bean
    KafkaAdmin.NewTopics auditTopic(SynergieProperties synergie, AuditProperties properties) {
        return new KafkaAdmin.NewTopics(TopicBuilder.name(properties.topic()).partitions(1)
                .replicas(synergie.topics().replication()).config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .config(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime").build());
    }
}
