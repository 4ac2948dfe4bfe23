package eu.synergie.core.notice.normal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NormalizedValueTest {

    @Test
    void constructorWhenValidWithProblemThenRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new NormalizedValue("x", true, "IBAN checksum fails"));
        assertThatIllegalArgumentException().isThrownBy(() -> new NormalizedValue("x", false, null));
    }

    @Test
    void invalidWhenGivenThenTrimmedAndFolded() {
        assertThat(NormalizedValue.invalid("  Évasion Straße ", "why"))
                .isEqualTo(new NormalizedValue("evasion strasse", false, "why"));
    }
}
