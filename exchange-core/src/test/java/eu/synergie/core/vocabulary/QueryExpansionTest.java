package eu.synergie.core.vocabulary;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryExpansionTest {

    private static final Vocabulary THREE = read("/vocabulary/three-concepts.jsonld");

    @Test
    void aWordThatIsALabelSearchesEveryLabelOfItsConcept() {
        QueryExpansion expansion = THREE.expand("cocaine");

        assertThat(expansion.text()).startsWith("(cocaine | ").contains("\"cocaina\"", "\"kokain\"", "\"كوكايين\"",
                "\"الكوكايين\"", "\"cocaine hydrochloride\"").endsWith(")");
        assertThat(expansion.words()).contains("cocaina", "kokain", "كوكايين").doesNotContain("cocaine hydrochloride");
        assertThat(expansion.terms()).singleElement().satisfies(term -> {
            assertThat(term.written()).isEqualTo("cocaine");
            assertThat(term.concept()).isEqualTo("syn:cocaine");
            assertThat(term.alsoSearched()).containsExactly("cocaína", "Kokain", "كوكايين");
        });
    }

    @Test
    void theArabicWordWithItsArticleOrAnotherSpellingNamesTheSameConcept() {
        assertThat(THREE.expand("الكوكايين").terms()).singleElement().extracting(QueryExpansion.ExpandedTerm::concept)
                .isEqualTo("syn:cocaine");
        assertThat(THREE.expand("كوكائين").terms()).singleElement().extracting(QueryExpansion.ExpandedTerm::concept)
                .isEqualTo("syn:cocaine");
    }

    @Test
    void theLongestLabelWinsAndTheOtherWordsStayAsTheyWere() {
        QueryExpansion expansion = THREE.expand("Blanchiment d'argent Andorre +société");

        assertThat(expansion.terms()).singleElement().satisfies(term -> {
            assertThat(term.written()).isEqualTo("Blanchiment d'argent");
            assertThat(term.concept()).isEqualTo("syn:money-laundering");
        });
        assertThat(expansion.text()).startsWith("((Blanchiment d'argent) | ")
                .contains("\"geldwasche\"", "\"money laundering\"", "\"lavagem de dinheiro\"").endsWith(") Andorre +société");
    }

    @Test
    void aQuotedPhraseThatIsALabelIsWidenedAsAWhole() {
        assertThat(THREE.expand("\"money laundering\" yacht").text()).startsWith("(\"money laundering\" | \"blanchiment d'argent\"")
                .endsWith(") yacht");
    }

    @Test
    void negatedAndPrefixWordsAndOtherWordsAreLeftAlone() {
        for (String text : new String[]{"-cocaine port", "cocaine* port", "+cocaine port", "héroïne port", "\"cocaine port\"",
                "-\"cocaine\" port", "\"cocaine\"~2 port", "cocaine~1", "(cocaine)", ""}) {
            QueryExpansion expansion = THREE.expand(text);
            assertThat(expansion.widened()).as(text).isFalse();
            assertThat(expansion.text()).as(text).isEqualTo(text);
        }
    }

    @Test
    void theRestOfTheTextIsKeptAsWrittenAroundAWidenedWord() {
        assertThat(THREE.expand("  port   cocaine  -\"go fast\"~2 ").text())
                .startsWith("  port   (cocaine | ").endsWith(")  -\"go fast\"~2 ");
    }

    @Test
    void aConceptIsWidenedOnceAndAtMostFiveConceptsInOneText() {
        assertThat(THREE.expand("cocaine port cocaïne").terms()).hasSize(1);
        assertThat(THREE.expand("cocaine port cocaïne").text()).endsWith(") port cocaïne");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            many.append("c").append(i).append(' ');
        }
        Vocabulary eight = Vocabulary.read(eightConcepts().getBytes(StandardCharsets.UTF_8), "test");
        assertThat(eight.expand(many.toString()).terms()).hasSize(QueryExpansion.MAX_CONCEPTS);
    }

    private static String eightConcepts() {
        StringBuilder json = new StringBuilder("{\"@graph\": [");
        for (int i = 0; i < 8; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\": \"syn:c").append(i).append("\", \"type\": \"skos:Concept\", \"prefLabel\": {");
            for (String language : Vocabulary.LANGUAGES) {
                json.append(language.equals("fr") ? "" : ",").append('"').append(language).append("\": \"c").append(i)
                        .append(language.equals("fr") ? "" : "-" + language).append('"');
            }
            json.append("}}");
        }
        return json.append("]}").toString();
    }

    @Test
    void aVocabularyThatContradictsItselfIsRefusedWithTheReason() {
        String twice = """
                {"@graph": [
                  {"id": "syn:a", "type": "skos:Concept", "prefLabel": %s},
                  {"id": "syn:b", "type": "skos:Concept", "prefLabel": %s}]}""";
        String labels = "{\"fr\":\"x\",\"en\":\"x\",\"es\":\"x\",\"de\":\"x\",\"nl\":\"x\",\"it\":\"x\",\"pt\":\"x\",\"ar\":\"x\"}";
        assertThatThrownBy(() -> Vocabulary.read(twice.formatted(labels, labels).getBytes(StandardCharsets.UTF_8), "test"))
                .hasMessageContaining("the fr label \"x\" names both syn:a and syn:b");
        assertThatThrownBy(() -> Vocabulary.read("""
                {"@graph": [{"id": "syn:a", "type": "skos:Concept", "prefLabel": {"fr": "x"}}]}""".getBytes(StandardCharsets.UTF_8), "test"))
                .hasMessageContaining("syn:a has no prefLabel in en");
        assertThatThrownBy(() -> Vocabulary.read(("{\"@graph\": [{\"id\": \"syn:a\", \"type\": \"skos:Concept\", \"broader\": \"syn:z\", "
                + "\"prefLabel\": " + labels + "}]}").getBytes(StandardCharsets.UTF_8), "test"))
                .hasMessageContaining("syn:a has the broader concept syn:z, which the vocabulary does not define");
    }

    @Test
    void aWordTwoLanguagesUseForTwoConceptsIsSearchedAsWritten() {
        String json = """
                {"@graph": [
                  {"id": "syn:kidnapping", "type": "skos:Concept", "prefLabel": {"fr": "enlèvement", "en": "kidnapping", "es": "secuestro",
                   "de": "Entführung", "nl": "ontvoering", "it": "rapimento", "pt": "sequestro", "ar": "اختطاف"}},
                  {"id": "syn:seizure", "type": "skos:Concept", "prefLabel": {"fr": "saisie", "en": "seizure", "es": "incautación",
                   "de": "Beschlagnahme", "nl": "inbeslagname", "it": "sequestro", "pt": "apreensão", "ar": "حجز"}}]}""";
        Vocabulary vocabulary = Vocabulary.read(json.getBytes(StandardCharsets.UTF_8), "test");

        assertThat(vocabulary.expand("sequestro").widened()).isFalse();
        assertThat(vocabulary.expand("rapimento").terms()).singleElement().extracting(QueryExpansion.ExpandedTerm::concept)
                .isEqualTo("syn:kidnapping");
    }

    private static Vocabulary read(String resource) {
        try (InputStream in = QueryExpansionTest.class.getResourceAsStream(resource)) {
            return Vocabulary.read(in.readAllBytes(), resource);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
