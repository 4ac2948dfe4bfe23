package eu.synergie.search;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HighlighterTest {

    @Test
    void markWhenQueryUnaccentedThenAccentedWordMarkedAsWritten() {
        assertThat(Highlighter.of("evasion societe").mark("Évasion organisée par une Société écran"))
                .isEqualTo("<mark>Évasion</mark> organisée par une <mark>Société</mark> écran");
    }

    @Test
    void markWhenPrefixThenWordsStartingWithItMarked() {
        assertThat(Highlighter.of("blanq*").mark("Blanqueo de capitales, blanchiment"))
                .isEqualTo("<mark>Blanqueo</mark> de capitales, blanchiment");
    }

    @Test
    void markWhenWordNegatedThenNotMarked() {
        assertThat(Highlighter.of("réseau -passeurs").mark("Réseau de passeurs"))
                .isEqualTo("<mark>Réseau</mark> de passeurs");
    }

    @Test
    void markWhenPhraseThenEachOfItsWordsMarked() {
        assertThat(Highlighter.of("\"faux ordres\"").mark("Escroquerie aux faux ordres de virement"))
                .isEqualTo("Escroquerie aux <mark>faux</mark> <mark>ordres</mark> de virement");
    }

    @Test
    void markWhenTextHoldsMarkupThenEscaped() {
        assertThat(Highlighter.of("script").mark("<script>alert('x')</script> & co"))
                .isEqualTo("&lt;<mark>script</mark>&gt;alert(&#39;x&#39;)&lt;/<mark>script</mark>&gt; &amp; co");
    }

    @Test
    void markWhenArabicWithHarakatThenMatchedWithoutThem() {
        assertThat(Highlighter.of("تهريب").mark("شبكة تَهْرِيب المهاجرين"))
                .isEqualTo("شبكة <mark>تَهْرِيب</mark> المهاجرين");
    }

    @Test
    void markWhenNothingMatchesThenNull() {
        assertThat(Highlighter.of("andorra").mark("Cuentas en Zypern")).isNull();
        assertThat(Highlighter.of("").mark("Cuentas")).isNull();
    }

    @Test
    void fragmentWhenLongThenCutAroundFirstMatch() {
        String text = "mot ".repeat(200) + "Andorra " + "fin ".repeat(200);
        String fragment = Highlighter.of("andorra").fragment(text);
        assertThat(fragment).startsWith("…").endsWith("…").contains("<mark>Andorra</mark>");
        assertThat(fragment.length()).isLessThan(320);
    }
}
