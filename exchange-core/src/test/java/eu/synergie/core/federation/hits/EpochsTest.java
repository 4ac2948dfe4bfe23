package eu.synergie.core.federation.hits;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Epoch labels and boundaries: every instant is in exactly one epoch, which ends where the next begins. */
class EpochsTest {

    @Test
    void atWhenIsoWeeksThenTheIsoWeekInUtc() {
        Epochs weeks = Epochs.isoWeeks();

        assertThat(weeks.at(Instant.parse("2026-12-05T10:00:00Z"))).isEqualTo("2026-W49");
        assertThat(weeks.at(Instant.parse("2027-01-01T00:00:00Z"))).as("2026 has 53 ISO weeks").isEqualTo("2026-W53");
        assertThat(weeks.at(Instant.parse("2027-01-04T00:00:00Z"))).isEqualTo("2027-W01");
        assertThat(weeks.nextStart(Instant.parse("2026-12-05T10:00:00Z"))).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
        assertThat(weeks.nextStart(Instant.parse("2026-12-07T00:00:00Z"))).isEqualTo(Instant.parse("2026-12-14T00:00:00Z"));
    }

    @Test
    void atWhenFixedPeriodThenAnIso8601IntervalFromTheUnixEpoch() {
        Epochs days = Epochs.every(Duration.ofHours(24));

        assertThat(days.at(Instant.parse("2026-12-05T10:00:00Z"))).isEqualTo("2026-12-05T00:00:00Z/PT24H");
        assertThat(days.nextStart(Instant.parse("2026-12-05T10:00:00Z"))).isEqualTo(Instant.parse("2026-12-06T00:00:00Z"));
        assertThatIllegalArgumentException().isThrownBy(() -> Epochs.every(Duration.ofSeconds(59)));
        assertThatIllegalArgumentException().isThrownBy(() -> Epochs.every(Duration.ofMillis(90_500)));
    }

    @Test
    void nextStartWhenAnyInstantThenItsEpochLastsUntilThenAndTheNextDiffers() {
        SplittableRandom random = new SplittableRandom(0xE90C);
        for (Epochs epochs : new Epochs[] {Epochs.isoWeeks(), Epochs.every(Duration.ofHours(6)), Epochs.every(Duration.ofDays(30))}) {
            for (int i = 0; i < 2_000; i++) {
                Instant at = Instant.ofEpochSecond(1_700_000_000L + random.nextLong(400_000_000L));
                Instant next = epochs.nextStart(at);

                assertThat(next).isAfter(at);
                assertThat(epochs.at(next.minusSeconds(1))).as(epochs + " " + at).isEqualTo(epochs.at(at));
                assertThat(epochs.at(next)).as(epochs + " " + at).isNotEqualTo(epochs.at(at));
                assertThat(epochs.nextStart(next.minusSeconds(1))).isEqualTo(next);
            }
        }
    }
}
