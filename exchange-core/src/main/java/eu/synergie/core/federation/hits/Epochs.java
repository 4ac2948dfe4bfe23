package eu.synergie.core.federation.hits;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * How time is cut into epochs, each with its own hashing key: both exchanges of a pair must use the same cut (it is
 * part of the peering's configuration). Labels are ISO 8601: a week {@code 2026-W49}, or an interval
 * {@code 2026-12-05T00:00:00Z/PT24H}; the label goes into the key derivation, so two cuts never share a key.
 */
public sealed interface Epochs {

    /** The label of the epoch {@code instant} falls in. */
    String at(Instant instant);

    /** When the epoch after the one {@code instant} falls in begins: when hashes must be published again. */
    Instant nextStart(Instant instant);

    /** ISO 8601 weeks in UTC, Monday to Monday: the default. */
    static Epochs isoWeeks() {
        return new IsoWeeks();
    }

    /** Periods of {@code period} (whole seconds, at least one minute) counted from 1970-01-01T00:00:00Z. */
    static Epochs every(Duration period) {
        return new Every(period);
    }

    /** ISO 8601 weeks in UTC. */
    record IsoWeeks() implements Epochs {

        @Override
        public String at(Instant instant) {
            LocalDate day = instant.atOffset(ZoneOffset.UTC).toLocalDate();
            return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        }

        @Override
        public Instant nextStart(Instant instant) {
            return instant.atOffset(ZoneOffset.UTC).toLocalDate().with(TemporalAdjusters.next(DayOfWeek.MONDAY))
                    .atStartOfDay().toInstant(ZoneOffset.UTC);
        }
    }

    /** Fixed periods counted from the Unix epoch. */
    record Every(Duration period) implements Epochs {

        public Every {
            Objects.requireNonNull(period, "period");
            if (period.compareTo(Duration.ofMinutes(1)) < 0 || period.getNano() != 0) {
                throw new IllegalArgumentException("an epoch is a whole number of seconds, at least one minute");
            }
        }

        @Override
        public String at(Instant instant) {
            return start(instant) + "/" + period;
        }

        @Override
        public Instant nextStart(Instant instant) {
            return start(instant).plus(period);
        }

        private Instant start(Instant instant) {
            long seconds = period.getSeconds();
            return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), seconds) * seconds);
        }
    }
}
