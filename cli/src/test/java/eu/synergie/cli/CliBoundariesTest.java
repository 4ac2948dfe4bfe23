package eu.synergie.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The agency side's boundaries (DESIGN.md): a client library that knows nothing of the CLI, and none of the exchange's insides. */
class CliBoundariesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("eu.synergie.client", "eu.synergie.cli");
    }

    @Test
    void clientLibraryDoesNotDependOnTheCli() {
        noClasses().that().resideInAPackage("eu.synergie.client..")
                .should().dependOnClassesThat().resideInAPackage("eu.synergie.cli..")
                .orShould().dependOnClassesThat().resideInAPackage("picocli..")
                .check(classes);
    }

    @Test
    void bouncyCastleStaysInCrypto() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.bouncycastle..").check(classes);
    }

    @Test
    void noExchangeInsidesOnTheAgencySide() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "eu.synergie.core.intake..", "eu.synergie.core.ingestion..", "eu.synergie.core.trust..",
                        "eu.synergie.core.kafka..",
                        "eu.synergie.gateway..", "eu.synergie.search..", "eu.synergie.infra..")
                .check(classes);
    }
}
