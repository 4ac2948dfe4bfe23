package eu.synergie.core.vocabulary;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The vocabulary shipped in {@code vocabulary/crime-concepts.jsonld}: it loads (no label names two concepts), and the demo's words meet. */
class BuiltInVocabularyTest {

    private final Vocabulary vocabulary = Vocabulary.builtIn();

    @Test
    void atLeast150ConceptsEachNamedInTheEightLanguages() {
        assertThat(vocabulary.size()).isGreaterThanOrEqualTo(150);
        assertThat(vocabulary.concept("syn:cocaine").preferred()).containsOnlyKeys(Vocabulary.LANGUAGES);
    }

    @Test
    void cocaineAsEachLanguageWritesItNamesOneConcept() {
        for (String word : List.of("cocaine", "cocaïne", "cocaína", "Kokain", "cocaina", "كوكايين", "الكوكايين")) {
            assertThat(vocabulary.expand(word).terms()).as(word).singleElement()
                    .extracting(QueryExpansion.ExpandedTerm::concept).isEqualTo("syn:cocaine");
        }
        assertThat(vocabulary.expand("cocaine").terms().getFirst().alsoSearched()).contains("cocaína", "Kokain", "كوكايين");
    }

    @Test
    void moneyLaunderingAsEachLanguageWritesItNamesOneConcept() {
        for (String words : List.of("money laundering", "blanchiment d'argent", "Geldwäsche", "blanqueo de capitales", "witwassen",
                "riciclaggio", "branqueamento de capitais", "غسل الأموال")) {
            assertThat(vocabulary.expand(words).terms()).as(words).singleElement()
                    .extracting(QueryExpansion.ExpandedTerm::concept).isEqualTo("syn:money-laundering");
        }
    }
}
