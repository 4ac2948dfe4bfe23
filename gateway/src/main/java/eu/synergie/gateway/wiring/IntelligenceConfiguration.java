package eu.synergie.gateway.wiring;

import eu.synergie.core.graph.EntityNetwork;
import eu.synergie.core.index.NoticeIndex;
import eu.synergie.core.matching.AlertInbox;
import eu.synergie.core.matching.HolderLookup;
import eu.synergie.core.matching.RiseAlerts;
import eu.synergie.core.matching.Watchlists;
import eu.synergie.core.matching.kafka.KafkaMatchingLogs;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.trends.RiseTest;
import eu.synergie.core.trends.TrendCounts;
import eu.synergie.core.trends.Trends;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Data intelligence over what the caller may read: the network behind the notices, and trends with their rises. */
@Configuration(proxyBeanMethods = false)
class IntelligenceConfiguration {

    @Bean
    EntityNetwork entityNetwork(NoticeIndex index, AccessPolicy policy, HolderLookup holders) {
        return new EntityNetwork(index, policy, holders);
    }

    @Bean
    Trends trends(TrendCounts counts, AccessPolicy policy, TrendProperties properties, Clock clock) {
        return new Trends(counts, policy, new RiseTest(properties.alpha(), properties.minimumCount(), 0), clock);
    }

    @Bean
    RiseAlerts riseAlerts(Watchlists watchlists, Trends trends, KafkaMatchingLogs logs, AlertInbox inbox,
                          TrendProperties properties, Clock clock) {
        return new RiseAlerts(watchlists, trends, logs, inbox, properties.alertPeriod(), clock);
    }

    @Bean
    RiseCheck riseCheck(RiseAlerts rises, TrendProperties properties) {
        return new RiseCheck(rises, properties.checkInterval());
    }
}
