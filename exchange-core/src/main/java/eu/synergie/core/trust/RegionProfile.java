package eu.synergie.core.trust;

import eu.synergie.crypto.envelope.EnvelopeProfile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The envelope profiles a trust administrator chose for one region, as dated switches: from each switch's date on, the
 * region is {@link EnvelopeProfile#HYBRID} (envelopes appended then must be hybrid) or {@link EnvelopeProfile#CLASSICAL}
 * (both profiles are taken); before the first, classical. The whole history travels in each event, because the
 * publish rule judges an envelope as of its append time, on a rebuild too, and compaction keeps only the last event:
 * a region moved back to classical still refuses what was appended classical while it was hybrid. Hybrid envelopes are
 * taken in every region: the profile only says what is refused.
 *
 * @param switches in the order of their dates, which are distinct
 */
public record RegionProfile(String region, List<Switch> switches) {

    /** From {@code from} on, the region is {@code profile} (until the next switch). */
    public record Switch(Instant from, EnvelopeProfile profile) {

        public Switch {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(profile, "profile");
        }
    }

    public RegionProfile {
        Objects.requireNonNull(region, "region");
        switches = List.copyOf(switches);
        for (int i = 1; i < switches.size(); i++) {
            if (!switches.get(i - 1).from().isBefore(switches.get(i).from())) {
                throw new IllegalArgumentException("a region's profile switches must be in the order of their dates");
            }
        }
    }

    /** A region no administrator has moved: classical. */
    public static RegionProfile classical(String region) {
        return new RegionProfile(region, List.of());
    }

    /** The profile in force at {@code time}. */
    public EnvelopeProfile profileAt(Instant time) {
        return switchAt(time).map(Switch::profile).orElse(EnvelopeProfile.CLASSICAL);
    }

    /** Whether an envelope appended to the region at {@code appendedAt} must be hybrid. */
    public boolean requiresHybridAt(Instant appendedAt) {
        return profileAt(appendedAt) == EnvelopeProfile.HYBRID;
    }

    /** The switch in force at {@code time}, if any. */
    public Optional<Switch> switchAt(Instant time) {
        return switches.stream().filter(s -> !s.from().isAfter(time)).max(Comparator.comparing(Switch::from));
    }

    /** The last switch chosen (in force now or later), if any. */
    public Optional<Switch> last() {
        return switches.isEmpty() ? Optional.empty() : Optional.of(switches.getLast());
    }

    /**
     * This history with {@code profile} from {@code from} on: the switches before {@code from} stay, those at or after
     * it (chosen earlier, not yet in force then) give way.
     */
    public RegionProfile switchedTo(EnvelopeProfile profile, Instant from) {
        List<Switch> kept = new ArrayList<>(switches.stream().filter(s -> s.from().isBefore(from)).toList());
        kept.add(new Switch(from, profile));
        return new RegionProfile(region, kept);
    }
}
