package eu.synergie.core.trends;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodTest {

    @Test
    void monthWhenMidMonthThenFirstDayAndNeighbours() {
        Instant time = Instant.parse("2026-11-15T13:45:00Z");
        assertThat(Period.MONTH.start(time)).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(Period.MONTH.previousStart(time)).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
        assertThat(Period.MONTH.nextStart(time)).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(Period.MONTH.label(time)).isEqualTo("2026-11");
    }

    @Test
    void monthWhenJanuaryThenPreviousIsDecemberOfTheYearBefore() {
        Instant time = Instant.parse("2027-01-01T00:00:00Z");
        assertThat(Period.MONTH.start(time)).isEqualTo(time);
        assertThat(Period.MONTH.previousStart(time)).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(Period.MONTH.label(Instant.parse("2026-12-31T23:59:59Z"))).isEqualTo("2026-12");
    }

    @Test
    void weekWhenThursdayThenMondayStartAndIsoLabel() {
        // 2026-11-26 is a Thursday of ISO week 48 (checked with Python's date.isocalendar()).
        Instant time = Instant.parse("2026-11-26T08:00:00Z");
        assertThat(Period.WEEK.start(time)).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(Period.WEEK.previousStart(time)).isEqualTo(Instant.parse("2026-11-16T00:00:00Z"));
        assertThat(Period.WEEK.nextStart(time)).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
        assertThat(Period.WEEK.label(time)).isEqualTo("2026-W48");
    }

    @Test
    void weekWhenAroundNewYearThenWeekBasedYear() {
        // ISO 8601 examples (Wikipedia "ISO week date"): 2008-12-29 is 2009-W01-1, 2021-01-03 is 2020-W53-7;
        // 2026 starts on a Thursday so it has 53 weeks and 2027-01-01 is 2026-W53.
        assertThat(Period.WEEK.label(Instant.parse("2008-12-29T00:00:00Z"))).isEqualTo("2009-W01");
        assertThat(Period.WEEK.label(Instant.parse("2021-01-03T23:00:00Z"))).isEqualTo("2020-W53");
        assertThat(Period.WEEK.label(Instant.parse("2027-01-01T12:00:00Z"))).isEqualTo("2026-W53");
        assertThat(Period.WEEK.label(Instant.parse("2026-01-01T12:00:00Z"))).isEqualTo("2026-W01");
        assertThat(Period.WEEK.start(Instant.parse("2027-01-01T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-28T00:00:00Z"));
    }

    @Test
    void startWhenAnyInstantThenContainsItAndNeighboursAgree() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            Instant time = Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L));
            for (Period period : Period.values()) {
                Instant start = period.start(time);
                Instant next = period.nextStart(time);
                String message = "seed " + seed + ", " + period + " of " + time;
                assertThat(start).as(message).isBeforeOrEqualTo(time);
                assertThat(next).as(message).isAfter(time);
                assertThat(period.previousStart(next)).as(message).isEqualTo(start);
                assertThat(period.nextStart(period.previousStart(time))).as(message).isEqualTo(start);
                assertThat(period.label(start)).as(message).isEqualTo(period.label(time));
                assertThat(period.label(next)).as(message).isNotEqualTo(period.label(time));
                assertThat(start.atZone(ZoneOffset.UTC).toLocalTime()).as(message).isEqualTo(LocalTime.MIDNIGHT);
                if (period == Period.WEEK) {
                    assertThat(start.atZone(ZoneOffset.UTC).getDayOfWeek()).as(message).isEqualTo(DayOfWeek.MONDAY);
                } else {
                    assertThat(start.atZone(ZoneOffset.UTC).getDayOfMonth()).as(message).isEqualTo(1);
                }
            }
        }
    }
}
