package eu.synergie.core.trends;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EmergingEntitiesTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final String PHONE = "+33612345678";

    @Test
    void findWhenThreeAgenciesWithinThirtyDaysThenEmerging() {
        List<Occurrence> occurrences = List.of(
                new Occurrence(PHONE, "FR-PN", daysAgo(30)),
                new Occurrence(PHONE, "BE-FP", daysAgo(12)),
                new Occurrence(PHONE, "FR-PN", daysAgo(5)),
                new Occurrence(PHONE, "DE-BKA", NOW));
        assertThat(EmergingEntities.find(occurrences, NOW)).containsExactly(new EmergingEntity(PHONE,
                List.of("BE-FP", "DE-BKA", "FR-PN"), daysAgo(30), NOW, 4));
    }

    @Test
    void findWhenThreeAgenciesOverThirtyOneDaysThenNot() {
        List<Occurrence> occurrences = List.of(
                new Occurrence(PHONE, "FR-PN", daysAgo(31)),
                new Occurrence(PHONE, "BE-FP", daysAgo(12)),
                new Occurrence(PHONE, "DE-BKA", NOW));
        assertThat(EmergingEntities.find(occurrences, NOW)).isEmpty();
        assertThat(EmergingEntities.find(occurrences, NOW.minus(Duration.ofDays(1)))).isEmpty();
        assertThat(EmergingEntities.find(occurrences, NOW, Duration.ofDays(31), 3)).hasSize(1);
    }

    @Test
    void findWhenOneAgencyThreeTimesThenNot() {
        List<Occurrence> occurrences = List.of(
                new Occurrence(PHONE, "FR-PN", daysAgo(3)),
                new Occurrence(PHONE, "FR-PN", daysAgo(2)),
                new Occurrence(PHONE, "FR-PN", daysAgo(1)));
        assertThat(EmergingEntities.find(occurrences, NOW)).isEmpty();
        assertThat(EmergingEntities.find(occurrences, NOW, Duration.ofDays(30), 1)).singleElement()
                .extracting(EmergingEntity::notices).isEqualTo(3);
    }

    @Test
    void findWhenOccurrenceAfterNowThenIgnored() {
        List<Occurrence> occurrences = List.of(
                new Occurrence(PHONE, "FR-PN", daysAgo(3)),
                new Occurrence(PHONE, "BE-FP", daysAgo(2)),
                new Occurrence(PHONE, "DE-BKA", NOW.plusSeconds(1)));
        assertThat(EmergingEntities.find(occurrences, NOW)).isEmpty();
        assertThat(EmergingEntities.find(occurrences, NOW.plusSeconds(1))).hasSize(1);
    }

    @Test
    void findWhenSeveralKeysThenMostAgenciesFirstAndKeysKeptApart() {
        String iban = "FR7630006000011234567890189";
        String wallet = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
        List<Occurrence> occurrences = List.of(
                new Occurrence(iban, "FR-PN", daysAgo(1)), new Occurrence(iban, "BE-FP", daysAgo(1)),
                new Occurrence(iban, "DE-BKA", daysAgo(1)),
                new Occurrence(wallet, "FR-PN", daysAgo(2)), new Occurrence(wallet, "BE-FP", daysAgo(2)),
                new Occurrence(wallet, "DE-BKA", daysAgo(2)), new Occurrence(wallet, "NL-POL", daysAgo(2)),
                new Occurrence(PHONE, "FR-PN", daysAgo(1)), new Occurrence(PHONE, "BE-FP", daysAgo(1)));
        assertThat(EmergingEntities.find(occurrences, NOW)).extracting(EmergingEntity::key)
                .containsExactly(wallet, iban);
    }

    @Test
    void findWhenSettingsOutOfRangeThenRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> EmergingEntities.find(List.of(), NOW, Duration.ZERO, 3));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> EmergingEntities.find(List.of(), NOW, Duration.ofDays(30), 0));
    }

    private static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }
}
