package eu.synergie.core.notice;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FoldingTest {

    @Test
    void foldWhenAccentsAndCaseThenPlainLowerCase() {
        assertThat(Folding.fold("Évasion à L'ÉTÉ")).isEqualTo("evasion a l'ete");
        assertThat(Folding.fold("Geldwäsche über Straße")).isEqualTo("geldwasche uber strasse");
        assertThat(Folding.fold("Cocaína, Œuvre")).isEqualTo("cocaina, oeuvre");
    }

    @Test
    void foldWhenArabicWithVowelMarksThenBareLetters() {
        assertThat(Folding.fold("مُخَدِّرَات")).isEqualTo("مخدرات");
        assertThat(Folding.fold("تهـــريب")).isEqualTo("تهريب");
    }

    @Test
    void foldWhenArabicVariantSpellingsThenTheSameLetters() {
        assertThat(Folding.fold("أحمد")).isEqualTo(Folding.fold("احمد")).isEqualTo(Folding.fold("إحمد")).isEqualTo(Folding.fold("آحمد"));
        assertThat(Folding.fold("ٱلكوكايين")).isEqualTo("الكوكايين");
        assertThat(Folding.fold("شبكة إجرامية")).isEqualTo(Folding.fold("شبكه اجراميه"));
        assertThat(Folding.fold("مستشفى")).isEqualTo("مستشفي");
        assertThat(Folding.fold("كوكائين")).isEqualTo(Folding.fold("كوكايين"));
        assertThat(Folding.fold("\uFE93 \uFEEF \uFB50")).as("presentation forms").isEqualTo("ه ي ا");
        assertThat(Folding.fold("blanchiment d’argent")).isEqualTo("blanchiment d'argent");
    }

    @Test
    void foldWhenNullThenEmpty() {
        assertThat(Folding.fold(null)).isEmpty();
    }

    @Test
    void foldWhenPlainAsciiThenWhatTheFullFoldingGives() {
        java.util.Random random = new java.util.Random(20261207L);
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            every.append(c);
        }
        assertThat(Folding.fold(every.toString())).isEqualTo(Folding.foldFully(every.toString()));
        for (int n = 0; n < 5_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                text.append((char) random.nextInt(0x80));
            }
            assertThat(Folding.fold(text.toString())).as("%s", text).isEqualTo(Folding.foldFully(text.toString()));
        }
        // One character past ASCII takes the full path: the whole word is folded as before.
        assertThat(Folding.fold("DEPOT\u00c9")).isEqualTo("depote");
    }
}
