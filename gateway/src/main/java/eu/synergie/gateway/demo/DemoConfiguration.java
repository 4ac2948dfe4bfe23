package eu.synergie.gateway.demo;

import eu.synergie.core.index.NoticeIndex;
import eu.synergie.core.intake.NoticeIntake;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.trust.TrustService;
import eu.synergie.gateway.keys.ExchangeKeys;
import eu.synergie.gateway.wiring.SynergieProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The demo loader, which loads only with {@code synergie.demo.enabled=true} (read from {@link SynergieProperties}). */
@Configuration(proxyBeanMethods = false)
class DemoConfiguration {

    @Bean
    DemoData demoData(ExchangeKeys keys, TrustService trust, NoticeIntake intake, NoticeIndex index, AccessPolicy policy,
                      SynergieProperties properties, eu.synergie.gateway.api.ReportDesk reports) {
        return new DemoData(keys, trust, intake, index, policy, properties, reports);
    }
}
