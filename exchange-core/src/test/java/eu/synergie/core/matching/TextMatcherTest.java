package eu.synergie.core.matching;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextMatcherTest {

    private final TextMatcher notice = new TextMatcher("Rançongiciel contre des hôpitaux\nChiffrement des dossiers patients");

    @Test
    void matchesWhenAllWordsPresentInAnyCaseOrAccent() {
        assertThat(notice.matches(TextMatcher.parse("RANCONGICIEL hôpitaux"))).isTrue();
        assertThat(notice.matches(TextMatcher.parse("rançongiciel"))).isTrue();
    }

    @Test
    void matchesWhenPrefixPhraseOrNegation() {
        assertThat(notice.matches(TextMatcher.parse("hopit*"))).isTrue();
        assertThat(notice.matches(TextMatcher.parse("\"dossiers patients\""))).isTrue();
        assertThat(notice.matches(TextMatcher.parse("\"patients dossiers\""))).isFalse();
        assertThat(notice.matches(TextMatcher.parse("rancongiciel -chiffrement"))).isFalse();
    }

    @Test
    void matchesNotWhenOneWordMissing() {
        assertThat(notice.matches(TextMatcher.parse("rancongiciel banque"))).isFalse();
    }
}
