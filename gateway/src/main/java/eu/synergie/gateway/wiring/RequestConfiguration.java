package eu.synergie.gateway.wiring;

import eu.synergie.core.integrity.Freshness;
import eu.synergie.core.integrity.LogAlarm;
import eu.synergie.core.matching.HolderLookup;
import eu.synergie.core.matching.kafka.TopicFollower;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.rfi.RequestBook;
import eu.synergie.core.rfi.RequestLog;
import eu.synergie.core.rfi.RequestLogReader;
import eu.synergie.core.rfi.RequestRecords;
import eu.synergie.core.rfi.kafka.KafkaRequestLog;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.crypto.stamp.ExchangeMac;
import eu.synergie.gateway.api.NoticeReading;
import eu.synergie.gateway.approval.ReadBack;
import eu.synergie.gateway.audit.ConsultationAudit;
import eu.synergie.gateway.keys.ExchangeKeys;
import eu.synergie.gateway.rfi.InformationRequests;
import eu.synergie.gateway.rfi.RequestNotifications;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
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
import java.util.Optional;
import java.util.Properties;

/**
 * Requests for information ({@code core.rfi}): the {@code synergie.requests} topic, its writer, the book every
 * instance holds (followed from its beginning before the gateway serves), the service the API calls, and the expiry
 * sweep.
 */
@Configuration(proxyBeanMethods = false)
class RequestConfiguration {

    /**
     * One partition; kept forever and never compacted: of two steps written on the same version, the first in the log
     * counts, and compaction would keep the last one, so that an instance reading the log again would hold the step
     * that lost. With the broker's append time, which no producer can set: a record appended long after the exchange
     * authenticated it is a replay.
     */
    @Bean
    KafkaAdmin.NewTopics requestTopic(SynergieProperties properties) {
        return new KafkaAdmin.NewTopics(TopicBuilder.name(RequestLog.TOPIC).partitions(1)
                .replicas(properties.topics().replication())
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .config(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, AppendTimeCheck.APPEND_TIME).build());
    }

    @Bean
    RequestBook requestBook() {
        return new RequestBook();
    }

    /** Under the exchange's log MAC key, as approvals: written and read back by the exchange only. */
    @Bean
    RequestRecords requestRecords(ExchangeKeys keys, SynergieProperties properties, Clock clock) {
        return new RequestRecords(new ExchangeMac(keys.logMacKey(), clock), new Freshness(properties.topics().stampMaxDelay()));
    }

    @Bean
    KafkaRequestLog requestLog(KafkaTemplate<String, byte[]> template, RequestRecords records, SynergieProperties properties) {
        return new KafkaRequestLog(template, records, properties.topics().appendTimeout());
    }

    /** Every instance reads the whole log (no group), and notes how far, for those waiting on it. */
    @Bean
    RequestFollowing requestFollowing(ConsumerFactory<String, byte[]> consumers, RequestBook book, RequestRecords records,
                                      LogAlarm alarm) {
        // Not a bean: the approvals' read-back is one, and each waits on its own topic's offsets.
        ReadBack requestReadBack = new ReadBack();
        RequestLogReader reader = new RequestLogReader(records, book, alarm);
        Properties settings = new Properties();
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new RequestFollowing(new TopicFollower(consumers.createConsumer(null, null, null, settings), RequestLog.TOPIC,
                (key, value, offset, appendedAt) -> {
                    try {
                        reader.accept(key, value, offset, appendedAt);
                    } finally {
                        requestReadBack.read(offset);
                    }
                }, alarm), requestReadBack, reader, Duration.ofSeconds(60));
    }

    /** E-mail only where the operator configured an SMTP server ({@code spring.mail.host}) and agencies' mailboxes. */
    @Bean
    RequestNotifications requestNotifications(ObjectProvider<JavaMailSender> mail, RequestProperties settings) {
        return new RequestNotifications(Optional.ofNullable(mail.getIfAvailable()), settings.mail()::of,
                settings.mail().from(), settings.mail().link());
    }

    @Bean
    InformationRequests informationRequests(RequestBook book, RequestLog log, RequestFollowing following, AccessPolicy policy,
                                            TrustRegistry trust, NoticeReading notices, HolderLookup holders,
                                            ConsultationAudit audit, Clock clock, RequestProperties settings,
                                            SynergieProperties properties, RequestNotifications notifications) {
        return new InformationRequests(book, log, following.readBack, following.reader::took, policy, trust, notices::readable, holders, audit, clock,
                new InformationRequests.Limits(settings.expiry(), settings.maxMessageBytes(), settings.maxMessages(),
                        properties.topics().appendTimeout()), notifications);
    }

    @Bean
    RequestSweep requestSweep(InformationRequests requests, RequestProperties settings) {
        return new RequestSweep(requests, settings.sweepInterval());
    }

    /** Starts the follower with the others, before the API serves: a step on a request not yet loaded would be refused. */
    static final class RequestFollowing extends StartStep {

        private final TopicFollower follower;
        private final ReadBack readBack;
        private final RequestLogReader reader;
        private final Duration timeout;

        RequestFollowing(TopicFollower follower, ReadBack readBack, RequestLogReader reader, Duration timeout) {
            super(0);
            this.follower = follower;
            this.readBack = readBack;
            this.reader = reader;
            this.timeout = timeout;
        }

        @Override
        void begin() {
            if (!follower.start(timeout)) {
                follower.close();
                throw new IllegalStateException("the requests (" + RequestLog.TOPIC + ") did not load within "
                        + timeout.toMillis() + " ms: the gateway does not start without them");
            }
        }

        @Override
        void end() {
            follower.close();
        }
    }
}
