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

    /** The words as the regular expression the scanner replaced found them, over texts of every kind of character. */
    @Test
    void wordsWhenAnyTextThenTheSameAsTheRegularExpression() {
        java.util.regex.Pattern word = java.util.regex.Pattern.compile("[\\p{L}\\p{M}\\p{N}]+(?:['’][\\p{L}\\p{M}\\p{N}]+)*");
        // Letters, digits, apostrophes, a combining accent, Arabic with harakat and tatweel, Arabic-Indic digits, a
        // superscript and a Roman numeral (other numbers), an enclosing mark, a titlecase letter, a spacing combining mark,
        // supplementary letters and an emoji (pairs of surrogates), lone surrogates, spaces and punctuation.
        String[] pieces = {"a", "Z", "é", "e\u0301", "9", "'", "’", " ", "-", ".", "\"", "ß", "\u0645\u064f", "\u0640",
                "\u0663", "²", "Ⅻ", "\u20dd", "\u01c5", "\u0903", "\ud835\udc00", "\ud83d\ude00", "\ud835", "\udc00", "\n", "''", "’a"};
        java.util.Random random = new java.util.Random(20261207L);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(16); i > 0; i--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            java.util.List<String> expected = new java.util.ArrayList<>();
            java.util.regex.Matcher m = word.matcher(text);
            while (m.find()) {
                expected.add(m.start() + ":" + m.end());
            }
            java.util.List<String> scanned = new java.util.ArrayList<>();
            for (int start = Highlighter.wordAt(text.toString(), 0); start >= 0; ) {
                int end = Highlighter.endOfWord(text.toString(), start);
                scanned.add(start + ":" + end);
                start = Highlighter.wordAt(text.toString(), end);
            }
            assertThat(scanned).as("%s", text.codePoints().mapToObj(Integer::toHexString).toList()).isEqualTo(expected);
        }
    }

    /** Every code point is a word character for the scanner exactly when it is one of [\p{L}\p{M}\p{N}]. */
    @Test
    void wordCharactersWhenEveryCodePointThenTheRegularExpressionsClass() {
        java.util.regex.Pattern wordCharacter = java.util.regex.Pattern.compile("[\\p{L}\\p{M}\\p{N}]");
        java.util.List<String> differing = new java.util.ArrayList<>();
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            String one = new String(Character.toChars(c));
            if ((Highlighter.wordAt(one, 0) == 0) != wordCharacter.matcher(one).matches()) {
                differing.add(String.format("U+%04X", c));
            }
        }
        assertThat(differing).isEmpty();
    }
}
