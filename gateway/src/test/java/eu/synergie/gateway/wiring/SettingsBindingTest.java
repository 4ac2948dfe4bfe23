package eu.synergie.gateway.wiring;

import eu.synergie.gateway.access.AccessProperties;
import eu.synergie.gateway.taxii.TaxiiProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code synergie.*} settings as the gateway binds them at start-up, from its own {@code application.yml}:
 * the defaults the README lists, and a bad value refused before anything starts, naming its key.
 */
class SettingsBindingTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({SynergieProperties.class, AuditProperties.class, AccessProperties.class,
            ApprovalProperties.class, TaxiiProperties.class})
    static class Settings {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(Settings.class)
            .withPropertyValues("synergie.keys-password=test-only", "synergie.access.client-secret=test-only");

    @Test
    void bindWhenDefaultsThenTheValuesTheReadmeLists() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            SynergieProperties synergie = started.getBean(SynergieProperties.class);
            assertThat(synergie.matching().overCorrelationThreshold()).isEqualTo(25);
            assertThat(synergie.matching().alertsKeptPerAgency()).isEqualTo(1000);
            assertThat(synergie.retention().sweepInterval()).isEqualTo(Duration.ofMinutes(10));
            assertThat(synergie.ingestion().groupId()).isEqualTo("synergie-indexer");
            assertThat(synergie.ingestion().consumers()).isEqualTo(2);
            assertThat(synergie.search().replicas()).isEqualTo(0);
            assertThat(synergie.search().shards()).isEqualTo(1);
            assertThat(synergie.demo().enabled()).isFalse();
            assertThat(started.getBean(AuditProperties.class).groupId()).isEqualTo("synergie-audit-indexer");
            assertThat(started.getBean(ApprovalProperties.class).sweepInterval()).isEqualTo(Duration.ofMinutes(1));
            assertThat(started.getBean(ApprovalProperties.class).groupId()).isEqualTo("synergie-approvals");
            assertThat(started.getBean(AccessProperties.class).adminApi().toString())
                    .isEqualTo("http://localhost:8180/admin/realms/synergie");
            TaxiiProperties taxii = started.getBean(TaxiiProperties.class);
            assertThat(taxii.settleTime()).isEqualTo(Duration.ofSeconds(10));
            assertThat(taxii.defaultPageSize()).isEqualTo(100);
            assertThat(taxii.maxPageSize()).isEqualTo(1000);
        });
    }

    // Spring Boot's failure analysis prints each as "Property: synergie.matching.over-correlation-threshold".
    @Test
    void bindWhenOverCorrelationThresholdBelowTwoThenStartRefusedNamingTheKey() {
        context.withPropertyValues("synergie.matching.over-correlation-threshold=1").run(started ->
                assertThat(started).getFailure().rootCause().isInstanceOf(BindValidationException.class)
                        .hasMessageContaining("on synergie").hasMessageContaining("'matching.overCorrelationThreshold': rejected value [1]"));
    }

    /** Nested groups are validated too (they were not before they were marked {@code @Valid}). */
    @Test
    void bindWhenNestedSettingInvalidThenStartRefusedNamingTheKey() {
        context.withPropertyValues("synergie.ingestion.group-id=").run(started ->
                assertThat(started).getFailure().rootCause().isInstanceOf(BindValidationException.class)
                        .hasMessageContaining("'ingestion.groupId': rejected value []"));
        context.withPropertyValues("synergie.ingestion.consumers=0").run(started ->
                assertThat(started).getFailure().rootCause().hasMessageContaining("'ingestion.consumers': rejected value [0]"));
        context.withPropertyValues("synergie.topics.partitions=0").run(started ->
                assertThat(started).getFailure().rootCause().hasMessageContaining("'topics.partitions': rejected value [0]"));
        context.withPropertyValues("synergie.search.shards=0").run(started ->
                assertThat(started).getFailure().rootCause().hasMessageContaining("'search.shards': rejected value [0]"));
    }

    @Test
    void bindWhenApprovalsGroupIsBlankThenStartRefusedNamingTheKey() {
        context.withPropertyValues("synergie.approvals.group-id=").run(started ->
                assertThat(started).getFailure().rootCause().isInstanceOf(BindValidationException.class)
                        .hasMessageContaining("on synergie.approvals").hasMessageContaining("'groupId': rejected value []"));
    }

    @Test
    void bindWhenTaxiiPageSizesDisagreeThenStartRefusedNamingTheKeys() {
        context.withPropertyValues("synergie.taxii.max-page-size=2000").run(started ->
                assertThat(started).getFailure().rootCause().hasMessageContaining("'maxPageSize': rejected value [2000]"));
        context.withPropertyValues("synergie.taxii.default-page-size=500", "synergie.taxii.max-page-size=100").run(started ->
                assertThat(started).getFailure().rootCause().hasMessageContaining("synergie.taxii.default-page-size"));
    }

    @Test
    void bindWhenIssuerIsNoRealmThenStartRefusedNamingTheKey() {
        context.withPropertyValues("synergie.access.issuer=http://localhost:8180/synergie").run(started ->
                assertThat(started).getFailure().rootCause().hasMessageContaining("synergie.access.issuer"));
    }
}
