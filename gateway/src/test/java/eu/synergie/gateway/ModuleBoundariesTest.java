package eu.synergie.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module boundaries of DESIGN.md, checked on the compiled classes of every module. */
class ModuleBoundariesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("eu.synergie");
    }

    @Test
    void bouncyCastleOnlyInCrypto() {
        noClasses().that().resideOutsideOfPackage("eu.synergie.crypto..")
                .should().dependOnClassesThat().resideInAPackage("org.bouncycastle..")
                .check(classes);
    }

    @Test
    void elasticsearchClientOnlyInSearchAndWiring() {
        noClasses().that().resideOutsideOfPackages("eu.synergie.search..", "eu.synergie.gateway.wiring..")
                .should().dependOnClassesThat().resideInAPackage("co.elastic..")
                .check(classes);
    }

    /** In the core, Kafka lives only in the {@code kafka} package of each capability (and the shared reader's). */
    @Test
    void kafkaOnlyInKafkaPackagesAndWiring() {
        noClasses().that().resideOutsideOfPackages("eu.synergie.core.kafka", "eu.synergie.core.intake.kafka",
                        "eu.synergie.core.ingestion.kafka", "eu.synergie.core.trust.kafka", "eu.synergie.core.matching.kafka",
                        "eu.synergie.core.audit.kafka", "eu.synergie.core.approval.kafka", "eu.synergie.core.federation.kafka", "eu.synergie.core.rfi.kafka",
                        "eu.synergie.gateway.wiring..", "eu.synergie.gateway.observability..", "eu.synergie.infra..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
                .check(classes);
    }

    @Test
    void noSpringInCryptoOrDomain() {
        noClasses().that().resideInAnyPackage("eu.synergie.crypto..", "eu.synergie.core.notice..",
                        "eu.synergie.core.policy..", "eu.synergie.core.envelope..", "eu.synergie.core.index..")
                .or().resideInAnyPackage("eu.synergie.core.trust", "eu.synergie.core.matching", "eu.synergie.core.audit",
                        "eu.synergie.core.intake", "eu.synergie.core.ingestion", "eu.synergie.core.kafka",
                        "eu.synergie.core.integrity", "eu.synergie.core.approval", "eu.synergie.core.federation",
                        "eu.synergie.core.federation.hits")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(classes);
    }

    @Test
    void cryptoKnowsNothingOfTheRest() {
        noClasses().that().resideInAPackage("eu.synergie.crypto..")
                .should().dependOnClassesThat().resideInAnyPackage("eu.synergie.core..", "eu.synergie.search..",
                        "eu.synergie.gateway..", "eu.synergie.infra..", "tools.jackson..", "com.fasterxml..")
                .check(classes);
    }

    @Test
    void coreDoesNotDependOnSearchOrGateway() {
        noClasses().that().resideInAPackage("eu.synergie.core..")
                .should().dependOnClassesThat().resideInAnyPackage("eu.synergie.search..", "eu.synergie.gateway..")
                .check(classes);
    }

    /**
     * The unscoped lookup across all regions reaches the matcher only, through the matcher's own wiring (it is never a
     * bean): no other class, in the wiring or elsewhere, may even name it. The reading path gets scoped reads.
     */
    @Test
    void onlyTheMatchersWiringGetsTheUnscopedLookup() {
        noClasses().that().resideOutsideOfPackages("eu.synergie.core.matching..", "eu.synergie.search..")
                .and().doNotHaveFullyQualifiedName("eu.synergie.gateway.wiring.MatchingConfiguration")
                .should().dependOnClassesThat().haveFullyQualifiedName("eu.synergie.core.matching.NoticeHolders")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("eu.synergie.search.ElasticsearchNoticeHolders")
                .check(classes);
    }

    /** The federation's unscoped lookup of a notice's holder is for the federation's classes only. */
    @Test
    void onlyTheFederationGetsTheHolderLookup() {
        noClasses().that().resideOutsideOfPackages("eu.synergie.core.federation..", "eu.synergie.gateway.federation..",
                        "eu.synergie.search..")
                .and().doNotHaveFullyQualifiedName("eu.synergie.gateway.wiring.MatchingConfiguration")
                .and().doNotHaveFullyQualifiedName("eu.synergie.gateway.wiring.FederationConfiguration")
                .should().dependOnClassesThat().haveFullyQualifiedName("eu.synergie.core.federation.OwnNotices")
                .check(classes);
    }

    /** The notice index's aggregate is built by its configuration, which hands out only its ports as beans. */
    @Test
    void onlyTheNoticeIndexWiringBuildsTheIndexAggregate() {
        noClasses().that().resideOutsideOfPackage("eu.synergie.search..")
                .and().doNotHaveFullyQualifiedName("eu.synergie.gateway.wiring.NoticeIndexConfiguration")
                .should().dependOnClassesThat().haveFullyQualifiedName("eu.synergie.search.ElasticsearchNotices")
                .check(classes);
    }

    /**
     * The index records the ids of a notice's STIX objects through the core's {@code ExportIds} port, never the mapping
     * itself, and the core knows no STIX: only the TAXII server and the agency-side tools use the {@code stix} module.
     */
    @Test
    void stixMappingUsedByTheTaxiiServerAndTheClientsOnly() {
        noClasses().that().resideInAnyPackage("eu.synergie.search..", "eu.synergie.core..", "eu.synergie.crypto..")
                .or().resideInAPackage("eu.synergie.gateway.api..")
                .should().dependOnClassesThat().resideInAPackage("eu.synergie.stix..")
                .check(classes);
    }

    /** Shared by the agency-side client and the gateway: it knows neither, nor the exchange, nor Spring. */
    @Test
    void oauthKnowsNothingOfTheRest() {
        noClasses().that().resideInAPackage("eu.synergie.oauth..")
                .should().dependOnClassesThat().resideInAnyPackage("eu.synergie.core..", "eu.synergie.search..",
                        "eu.synergie.gateway..", "eu.synergie.crypto..", "eu.synergie.client..", "eu.synergie.cli..",
                        "org.springframework..")
                .check(classes);
    }

    @Test
    void onlyTestsUseInfra() {
        noClasses().that().resideOutsideOfPackage("eu.synergie.infra..")
                .should().dependOnClassesThat().resideInAPackage("eu.synergie.infra..")
                .check(classes);
    }
}
