package eu.synergie.stix;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The mapping is pure: the notice model and Jackson, no Spring, Kafka, Elasticsearch or crypto. */
class StixBoundariesTest {

    @Test
    void stixWhenCompiledThenDependsOnTheNoticeModelAndJacksonOnly() {
        JavaClasses stix = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("eu.synergie.stix");
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "tools.jackson..",
                "eu.synergie.stix..", "eu.synergie.core.notice", "eu.synergie.core.index").check(stix);
    }
}
