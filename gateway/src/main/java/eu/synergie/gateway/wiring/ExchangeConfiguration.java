package eu.synergie.gateway.wiring;

import eu.synergie.core.approval.ApprovalLog;
import eu.synergie.core.audit.AuditLog;
import eu.synergie.core.envelope.NoticeOpener;
import eu.synergie.core.index.IndexGenerations;
import eu.synergie.core.index.NoticeIndexWriter;
import eu.synergie.core.ingestion.DeadLetterReader;
import eu.synergie.core.ingestion.DeadLetters;
import eu.synergie.core.ingestion.IndexRebuild;
import eu.synergie.core.ingestion.NoticeIngestion;
import eu.synergie.core.ingestion.kafka.KafkaDeadLetterReader;
import eu.synergie.core.ingestion.kafka.KafkaDeadLetters;
import eu.synergie.core.ingestion.kafka.NoticeTopicListener;
import eu.synergie.core.intake.NoticeIntake;
import eu.synergie.core.intake.NoticeLog;
import eu.synergie.core.intake.PublishPacing;
import eu.synergie.core.matching.AlertLog;
import eu.synergie.core.matching.WatchlistLog;
import eu.synergie.core.intake.kafka.KafkaNoticeLog;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.PublishGate;
import eu.synergie.core.policy.ReleaseRule;
import eu.synergie.core.approval.ApprovalStatus;
import eu.synergie.core.index.IndexedNotice;
import eu.synergie.gateway.approval.NoticeReleases;
import eu.synergie.gateway.approval.ReleaseApprovals;
import eu.synergie.gateway.keys.ExchangeKeys;
import eu.synergie.gateway.keys.RevocationFile;
import eu.synergie.gateway.observability.CountedDeadLetters;
import eu.synergie.gateway.observability.KafkaObservation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import eu.synergie.core.trust.kafka.KafkaTrustLog;
import eu.synergie.core.trust.kafka.TrustFollower;
import eu.synergie.core.integrity.Freshness;
import eu.synergie.core.integrity.LogAlarm;
import eu.synergie.core.trust.TrustLog;
import eu.synergie.core.trust.RevocationArchive;
import eu.synergie.core.trust.TrustLogReader;
import eu.synergie.core.trust.TrustRecords;
import eu.synergie.crypto.stamp.ExchangeSignatures;
import eu.synergie.crypto.stamp.ExchangeSigner;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.core.trust.TrustService;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** Puts the exchange together: keys, policy, trust, publish path, indexer (the notice index: {@link NoticeIndexConfiguration}). */
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
    TrustRegistry trustRegistry() {
        return new TrustRegistry();
    }

    /**
     * Checks the exchange's signatures on trust events and audit checkpoints: against the exchange root, by one of the
     * log-signer certificates its key folder keeps.
     */
    @Bean
    ExchangeSignatures exchangeSignatures(ExchangeKeys keys) {
        return new ExchangeSignatures(keys.root(), keys::logSignerCertificates);
    }

    @Bean
    ExchangeSigner exchangeSigner(ExchangeKeys keys, Clock clock) {
        return ExchangeSigner.of(keys.logSigner(), clock);
    }

    @Bean
    TrustRecords trustRecords(ExchangeSigner signer, ExchangeSignatures signatures, SynergieProperties properties) {
        return TrustRecords.of(signer, signatures, new Freshness(properties.topics().stampMaxDelay()));
    }

    @Bean
    TrustFollowing trustFollowing(ConsumerFactory<String, byte[]> consumers, TrustRegistry registry, TrustRecords records,
                                  LogAlarm alarm, ExchangeKeys keys, Clock clock) {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new TrustFollowing(new TrustFollower(consumers.createConsumer(null, null, null, toProperties(overrides)),
                new TrustLogReader(registry, records, alarm, keys.logSignerNew()), clock));
    }

    /** Its own producer: a delivery time bounded by the append timeout (see {@link KafkaTrustLog#producerSettings}). */
    @Bean(destroyMethod = "close")
    KafkaTrustLog trustLog(ProducerFactory<String, byte[]> producers, TrustRecords records, TrustFollowing following,
                           SynergieProperties properties) {
        Duration timeout = properties.topics().appendTimeout();
        return new KafkaTrustLog(new KafkaProducer<>(KafkaTrustLog.producerSettings(producers.getConfigurationProperties(),
                timeout)), records, following.follower(), timeout);
    }

    /** Every revocation, in the key folder next to the CA key: the CRL never loses one deleted from the topic. */
    @Bean
    RevocationArchive revocationArchive(ExchangeKeys keys, SynergieProperties properties) {
        return new RevocationFile(ExchangeKeys.folderOf(properties.home()), keys.issuingCa());
    }

    @Bean
    TrustService trustService(TrustRegistry registry, TrustLog trustLog, RevocationArchive archive, ExchangeKeys keys,
                              SynergieProperties properties, Clock clock) {
        return new TrustService(registry, trustLog, keys.issuingCa(), keys.postQuantumIssuingCa(), archive,
                Set.copyOf(properties.regions()), properties.trust().certificateValidity(), properties.trust().profileLead(), clock);
    }

    @Bean
    TrustMaintenance trustMaintenance(TrustService trust) {
        return new TrustMaintenance(trust);
    }

    /**
     * Checks, before the followers start, that the topics declared with the broker's append time have it: the region
     * topics, trust, watchlists, alerts, approvals and audit (the dead-letter topic does not need it).
     */
    @Bean
    AppendTimeCheck appendTimeCheck(KafkaAdmin admin, SynergieProperties properties, AuditProperties audit) {
        List<String> topics = new ArrayList<>(properties.regions().stream().map(NoticeLog::topicOf).toList());
        topics.addAll(List.of(TrustLog.TOPIC, WatchlistLog.TOPIC, AlertLog.TOPIC, ApprovalLog.TOPIC,
                eu.synergie.core.rfi.RequestLog.TOPIC, audit.topic()));
        return new AppendTimeCheck(admin, topics);
    }

    @Bean
    NoticeOpener noticeOpener(ExchangeKeys keys, SynergieProperties properties, Clock clock) {
        return new NoticeOpener(keys.root(), keys.postQuantumRoot(), keys.regions(), properties.maxEnvelopeBytes(),
                properties.ingestion().openedCache().toBytes(), clock);
    }

    /** The publish rule with the registry's facts: the same object for the intake and the indexer. */
    @Bean
    PublishGate publishGate(AccessPolicy policy, TrustRegistry registry, TrustFollowing following, Clock clock,
                            SynergieProperties properties) {
        return new PublishGate(policy, registry, () -> following.follower().catchUp(Duration.ofSeconds(5)), clock,
                properties.trust().catchUpMargin());
    }

    @Bean
    NoticeLog noticeLog(KafkaTemplate<String, byte[]> template, ConsumerFactory<String, byte[]> consumers,
                        SynergieProperties properties) {
        Properties reader = new Properties();
        reader.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        reader.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        return new KafkaNoticeLog(template, () -> consumers.createConsumer(null, null, null, reader),
                properties.topics().appendTimeout());
    }

    @Bean
    NoticeIntake noticeIntake(NoticeOpener opener, PublishGate gate, NoticeLog log, KafkaObservation kafka,
                              SynergieProperties properties) {
        SynergieProperties.Ingestion ingestion = properties.ingestion();
        return new NoticeIntake(opener, gate, log,
                new PublishPacing(kafka::drainingBacklog, ingestion.maxBacklog(), ingestion.maxPublishWait()));
    }

    @Bean
    IndexRebuild indexRebuild(NoticeOpener opener, PublishGate gate, ReleaseRule release, IndexGenerations generations,
                              NoticeLog log, Clock clock, NoticeReleases releases) {
        return new IndexRebuild(opener, gate, release, generations, log, clock, releases::recheck);
    }

    /**
     * Four-eyes release: a notice its agency's policy names, appended while the policy was in force, is held until one
     * of its release approvers approves the request for that version; this instance's fold of the approvals says.
     */
    @Bean
    ReleaseRule releaseRule(TrustRegistry registry, ReleaseApprovals approvals) {
        return new ReleaseRule(registry, id -> approvals.state(id).filter(a -> a.status() == ApprovalStatus.APPROVED).isPresent());
    }

    /** What the region does with a notice it may see, on arrival or on release: the matcher, then the peers. */
    @Bean
    NoticeReleases noticeReleases(ReleaseApprovals approvals, NoticeIndexWriter index, NoticeLog log, NoticeOpener opener,
                                  Clock clock, NoticeIngestion.AfterIndexing matching,
                                  eu.synergie.core.federation.FederationOutbox federation,
                                  eu.synergie.core.federation.FederationHits hits) {
        // Peers after the matcher: a batch whose sending fails is retried whole, and the matcher takes it twice as once.
        return new NoticeReleases(approvals, index, log, opener, clock, notices -> {
            matching.indexed(notices);
            federation.indexed(notices);
            hits.indexed(notices);
        });
    }

    @Bean
    NoticeIngestion noticeIngestion(NoticeOpener opener, PublishGate gate, ReleaseRule release, NoticeIndexWriter index,
                                    KafkaTemplate<String, byte[]> template, SynergieProperties properties, Clock clock,
                                    MeterRegistry meters, AuditLog audit, NoticeReleases releases) {
        return new NoticeIngestion(NoticeIngestion.home(opener, gate, release), index, new CountedDeadLetters(
                new KafkaDeadLetters(template, properties.topics().appendTimeout()), meters), clock, audit, notices -> {
            List<IndexedNotice> seen = notices.stream().filter(n -> !n.held()).toList();
            List<IndexedNotice> held = notices.stream().filter(IndexedNotice::held).toList();
            if (!seen.isEmpty()) {
                releases.onRelease(seen);
            }
            if (!held.isEmpty()) {
                releases.held(held);
            }
        });
    }

    @Bean
    NoticeTopicListener noticeTopicListener(NoticeIngestion ingestion, SynergieProperties properties) {
        return new NoticeTopicListener(ingestion, properties.ingestion().groupId(), properties.ingestion().consumers(),
                properties.ingestion().batchRecords());
    }

    /**
     * The indexer never gives up on a batch: a failure that reaches here is retriable (Elasticsearch or the
     * trust registry unavailable; bad envelopes were dead-lettered inside the batch), so the batch is tried
     * again with back-off up to {@code synergie.ingestion.retry-max-interval} apart, and no offset moves until it
     * succeeds. Each failed try counts in {@code synergie.ingestion.retries}: a rising count is an indexer that
     * cannot work (and readiness names what is down).
     */
    @Bean
    DefaultErrorHandler indexerErrorHandler(SynergieProperties properties, MeterRegistry meters) {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(properties.ingestion().retryMaxInterval().toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        DefaultErrorHandler handler = new DefaultErrorHandler((record, e) -> {
            throw new IllegalStateException("the indexer gave up on a batch", e);
        }, backOff);
        Counter retries = Counter.builder("synergie.ingestion.retries")
                .description("Batches the indexer failed to index and will try again").register(meters);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
                retries.increment();
            }

            @Override
            public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
                retries.increment();
            }
        });
        return handler;
    }

    @Bean
    DeadLetterReader deadLetterReader(ConsumerFactory<String, byte[]> consumers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaDeadLetterReader(() -> consumers.createConsumer(null, null, null, properties));
    }

    /**
     * One topic per region (with broker append time, which a producer cannot forge: the indexer judges
     * signers as of it), the dead-letter topic and the compacted trust topic (broker append time too: a signed
     * event appended long after it was signed is a replay), created at start if missing.
     */
    @Bean
    KafkaAdmin.NewTopics synergieTopics(SynergieProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        short replication = properties.topics().replication();
        for (String region : properties.regions()) {
            topics.add(TopicBuilder.name(NoticeLog.topicOf(region)).partitions(properties.topics().partitions())
                    .replicas(replication).config(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime")
                    .config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(properties.topics().retention().toMillis())).build());
        }
        topics.add(TopicBuilder.name(DeadLetters.TOPIC).partitions(1).replicas(replication).build());
        topics.add(TopicBuilder.name(TrustLog.TOPIC).partitions(1).replicas(replication).compact()
                .config(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime").build());
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    private static Properties toProperties(Map<String, Object> map) {
        Properties properties = new Properties();
        properties.putAll(map);
        return properties;
    }
}
