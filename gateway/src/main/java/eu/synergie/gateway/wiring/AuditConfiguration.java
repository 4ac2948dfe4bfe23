package eu.synergie.gateway.wiring;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import eu.synergie.core.audit.AuditIndex;
import eu.synergie.core.audit.AuditIndexer;
import eu.synergie.core.audit.AuditVerifier;
import eu.synergie.core.audit.kafka.AuditTopicListener;
import eu.synergie.core.audit.kafka.KafkaAuditChain;
import eu.synergie.core.audit.kafka.KafkaAuditLog;
import eu.synergie.core.integrity.LogAlarm;
import eu.synergie.crypto.audit.ChainVerifier;
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

    /** Heads of writers' chains the auditors' indexer keeps in memory; others are looked up in the index. */
    private static final int HELD_HEADS = 10_000;

    /** Records of the audit log remembered as alarmed, so that the indexer and every walk count each once. */
    private static final int REMEMBERED_ALARMS = 100_000;

    /**
     * The indexer and the verification walk both judge the audit log: one alarm for both, raised once per record and
     * reason (a forged entry the indexer left out is the same defect a later {@code verify} finds).
     */
    private final LogAlarm auditAlarm;

    AuditConfiguration(LogAlarm alarm) {
        this.auditAlarm = LogAlarm.oncePerRecord(alarm, REMEMBERED_ALARMS);
    }

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
        // Writer names are bounded (HashChain.MAX_WRITER_LENGTH); a host name may be up to 253 characters.
        instance = instance.substring(0, Math.min(instance.length(), AuditProperties.MAX_INSTANCE_LENGTH));
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
                               Clock clock) {
        Properties reader = new Properties();
        reader.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        reader.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return new KafkaAuditChain(() -> consumers.createConsumer(null, null, null, reader), properties.verifyTimeout(),
                checkpoints(signatures), properties.unsignedGrace(), clock, auditAlarm);
    }

    @Bean
    ElasticsearchAuditIndex auditIndex(ElasticsearchClient client, SynergieProperties synergie, AuditProperties properties) {
        return new ElasticsearchAuditIndex(client, new IndexSettings(synergie.search().replicas()), properties.index());
    }

    /** Indexes only entries that continue their writer's chain; checks each checkpoint's signature once. */
    @Bean
    AuditTopicListener auditTopicListener(AuditIndex index, AuditProperties properties, ExchangeSignatures signatures) {
        return new AuditTopicListener(new AuditIndexer(index, checkpoints(signatures), auditAlarm, properties.topic(), HELD_HEADS),
                properties.topic(), properties.groupId(), auditAlarm);
    }

    /** The exchange's signature on a checkpoint: the log signer's, chaining to the exchange root. */
    private static ChainVerifier.SignatureCheck checkpoints(ExchangeSignatures signatures) {
        return (content, signature) -> {
            signatures.verifyDetached(content, signature);
            return true;
        };
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
