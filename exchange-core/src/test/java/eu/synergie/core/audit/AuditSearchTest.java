package eu.synergie.core.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AuditSearchTest {

    private static final Instant T = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void constructorWhenSizeOutOfRangeThenRefusedNamingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AuditSearch(null, null, null, null, null, null, 0, 0))
                .withMessageContaining("size");
        assertThatIllegalArgumentException().isThrownBy(() -> new AuditSearch(null, null, null, null, null, null, 0, 101))
                .withMessageContaining("size");
    }

    @Test
    void constructorWhenPageBeyondTheWindowThenRefused() {
        assertThatCode(() -> new AuditSearch(null, null, null, null, null, null, 99, 100)).doesNotThrowAnyException();
        assertThatIllegalArgumentException().isThrownBy(() -> new AuditSearch(null, null, null, null, null, null, 100, 100))
                .withMessageContaining("page must be between 0 and 99");
        assertThatIllegalArgumentException().isThrownBy(() -> new AuditSearch(null, null, null, null, null, null, -1, 20));
    }

    @Test
    void constructorWhenFromNotBeforeToThenRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AuditSearch(null, null, null, null, T, T, 0, 20))
                .withMessageContaining("from must be before to");
        assertThatCode(() -> new AuditSearch(null, null, null, null, T, T.plusSeconds(1), 0, 20)).doesNotThrowAnyException();
    }
}
