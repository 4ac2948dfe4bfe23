package eu.synergie.core.trends;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * The granularity a count is taken over, in UTC so that every agency's node cuts the same periods: calendar
 * months, or ISO 8601 weeks (Monday start, week-based year, so 2026-12-31 is in 2026-W53 and 2027-01-01 too).
 */
public enum Period {

    MONTH(12, "months"),
    WEEK(8, "weeks");

    private final int defaultHistory;
    private final String plural;

    Period(int defaultHistory, String plural) {
        this.defaultHistory = defaultHistory;
        this.plural = plural;
    }

    /** The start (00:00 UTC) of the period containing the instant. */
    public Instant start(Instant instant) {
        ZonedDateTime day = instant.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
        return switch (this) {
            case MONTH -> day.with(TemporalAdjusters.firstDayOfMonth()).toInstant();
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toInstant();
        };
    }

    /** The start of the period before the one containing the instant. */
    public Instant previousStart(Instant instant) {
        return shift(start(instant), -1);
    }

    /** The start of the period after the one containing the instant. */
    public Instant nextStart(Instant instant) {
        return shift(start(instant), 1);
    }

    /** "2026-11" for a month, "2026-W48" for an ISO week (the week-based year, not the calendar year). */
    public String label(Instant instant) {
        ZonedDateTime time = instant.atZone(ZoneOffset.UTC);
        return switch (this) {
            case MONTH -> "%04d-%02d".formatted(time.getYear(), time.getMonthValue());
            case WEEK -> "%04d-W%02d".formatted(time.get(IsoFields.WEEK_BASED_YEAR),
                    time.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        };
    }

    /** Previous periods the baseline averages by default: a year of months; eight weeks, to follow recent change. */
    int defaultHistory() {
        return defaultHistory;
    }

    String plural() {
        return plural;
    }

    private Instant shift(Instant start, long periods) {
        ZonedDateTime time = start.atZone(ZoneOffset.UTC);
        return (this == MONTH ? time.plusMonths(periods) : time.plusWeeks(periods)).toInstant();
    }
}
