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
}
