package eu.synergie.gateway.wiring;

import eu.synergie.core.graph.EntityNetwork;
import eu.synergie.core.index.NoticeIndex;
import eu.synergie.core.matching.HolderLookup;
import eu.synergie.core.policy.AccessPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Data intelligence over what the caller may read: the network behind the notices. */
@Configuration(proxyBeanMethods = false)
class IntelligenceConfiguration {

    @Bean
    EntityNetwork entityNetwork(NoticeIndex index, AccessPolicy policy, HolderLookup holders) {
        return new EntityNetwork(index, policy, holders);
    }
}
