package eu.synergie.gateway.wiring;

import eu.synergie.core.approval.ApprovalLog;
import eu.synergie.core.approval.ApprovalLogReader;
import eu.synergie.core.approval.ApprovalRecords;
import eu.synergie.core.approval.Approvals;
import eu.synergie.core.approval.kafka.KafkaApprovalLog;
import eu.synergie.core.audit.AuditLog;
import eu.synergie.core.integrity.Freshness;
import eu.synergie.core.integrity.LogAlarm;
import eu.synergie.core.matching.kafka.TopicFollower;
import eu.synergie.crypto.stamp.ExchangeMac;
import eu.synergie.gateway.approval.ReadBack;
import eu.synergie.gateway.approval.ReleaseApprovals;
import eu.synergie.gateway.keys.ExchangeKeys;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.Properties;

/**
 * Four-eyes approvals ({@code core.approval}): the {@code synergie.approvals} topic, its writer, the state every
 * instance folds from it (followed from its beginning before the gateway serves), the service the API and the
 * releasing code call, the consumer group whose holder tells of approvals, and the expiry sweep.
 */
@Configuration(proxyBeanMethods = false)
class ApprovalConfiguration {

    /**
     * One partition (a request's events in order, and one holder of the group); kept forever and never compacted (a
     * request's state is the fold of all its events: compaction would keep one per request); with the broker's append
     * time, which no producer can set: a record appended long after the exchange authenticated it is a replay.
     */
    @Bean
    KafkaAdmin.NewTopics approvalTopic(SynergieProperties properties) {
        return new KafkaAdmin.NewTopics(TopicBuilder.name(ApprovalLog.TOPIC).partitions(1)
                .replicas(properties.topics().replication())
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .config(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, AppendTimeCheck.APPEND_TIME).build());
    }

    @Bean
    Approvals approvals() {
        return new Approvals();
    }

    /** Under the exchange's log MAC key, as alerts and watchlists: written and read back by the exchange only. */
    @Bean
    ApprovalRecords approvalRecords(ExchangeKeys keys, SynergieProperties properties, Clock clock) {
        return new ApprovalRecords(new ExchangeMac(keys.logMacKey(), clock), new Freshness(properties.topics().stampMaxDelay()));
    }

    @Bean
    KafkaApprovalLog approvalLog(KafkaTemplate<String, byte[]> template, ApprovalRecords records, SynergieProperties properties) {
        return new KafkaApprovalLog(template, records, properties.topics().appendTimeout());
    }

    @Bean
    ReadBack approvalReadBack() {
        return new ReadBack();
    }

    /** Every instance reads the whole log (no group), and notes how far, for those waiting on it. */
    @Bean
    Following approvalFollowing(ConsumerFactory<String, byte[]> consumers, Approvals approvals, ApprovalRecords records,
                                ReadBack readBack, LogAlarm alarm) {
        ApprovalLogReader reader = new ApprovalLogReader(records, approvals, alarm);
        Properties settings = new Properties();
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new Following(new TopicFollower(consumers.createConsumer(null, null, null, settings), ApprovalLog.TOPIC,
                (key, value, offset, appendedAt) -> {
                    try {
                        reader.accept(key, value, offset, appendedAt);
                    } finally {
                        readBack.read(offset);
                    }
                }, alarm), Duration.ofSeconds(60));
    }

    @Bean
    ReleaseApprovals releaseApprovals(Approvals approvals, ApprovalLog log, AuditLog audit, ReadBack readBack, Clock clock,
                                      SynergieProperties properties) {
        return new ReleaseApprovals(approvals, log, audit, readBack, clock, properties.topics().appendTimeout());
    }

    @Bean
    ApprovalReleases approvalReleases(ApprovalRecords records, ReleaseApprovals approvals, ReadBack readBack,
                                      ApprovalProperties settings, SynergieProperties properties) {
        return new ApprovalReleases(records, approvals, readBack, settings.groupId(), properties.topics().appendTimeout());
    }

    @Bean
    ApprovalSweep approvalSweep(ReleaseApprovals approvals, ApprovalReleases releases, ApprovalProperties settings) {
        return new ApprovalSweep(approvals, releases::holding, settings.sweepInterval());
    }

    /**
     * Starts the follower with the others, before the API serves and the approvals group reads: a decision taken on a
     * state not yet loaded would be refused as about an unknown request, and a request asked again would be appended
     * again. Not read to its end within the timeout, the start fails, as for the watchlists and alerts.
     */
    static final class Following extends StartStep {

        private final TopicFollower follower;
        private final Duration timeout;

        Following(TopicFollower follower, Duration timeout) {
            super(0);
            this.follower = follower;
            this.timeout = timeout;
        }

        @Override
        void begin() {
            if (!follower.start(timeout)) {
                follower.close();
                throw new IllegalStateException("the approvals (" + ApprovalLog.TOPIC + ") did not load within "
                        + timeout.toMillis() + " ms: the gateway does not start without them");
            }
        }

        @Override
        void end() {
            follower.close();
        }
    }
}
