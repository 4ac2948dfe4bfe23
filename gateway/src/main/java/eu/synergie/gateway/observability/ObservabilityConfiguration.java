package eu.synergie.gateway.observability;

import eu.synergie.core.intake.NoticeLog;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.gateway.wiring.SynergieProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Duration;

/** The meters and the Kafka and trust health checks; Elasticsearch's health indicator is Spring Boot's own. */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

    @Bean
    ExchangeMetrics exchangeMetrics(MeterRegistry registry) {
        return new ExchangeMetrics(registry);
    }

    @Bean
    CountedLogAlarm logAlarm(MeterRegistry registry) {
        return new CountedLogAlarm(registry);
    }

    /** Its own admin client, so that a slow health check never waits behind topic creation. */
    @Bean(destroyMethod = "close")
    KafkaObservation kafkaObservation(KafkaAdmin kafkaAdmin, SynergieProperties properties) {
        return new KafkaObservation(Admin.create(kafkaAdmin.getConfigurationProperties()), properties.ingestion().groupId(),
                properties.regions().stream().map(NoticeLog::topicOf).toList(), Duration.ofSeconds(3));
    }

    @Bean
    HealthIndicator kafkaHealthIndicator(KafkaObservation kafka) {
        return kafka::health;
    }

    /** {@code trust}: down while the trust registry cannot read its log. */
    @Bean
    HealthIndicator trustHealthIndicator(TrustRegistry registry) {
        return new TrustHealth(registry);
    }
}
