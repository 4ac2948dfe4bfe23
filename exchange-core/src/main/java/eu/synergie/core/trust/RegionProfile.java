package eu.synergie.core.trust;

import eu.synergie.crypto.envelope.EnvelopeProfile;

import java.time.Instant;
import java.util.Objects;

/**
 * The envelope profile a trust administrator chose for one region: {@link EnvelopeProfile#HYBRID} from {@code from} on
 * (envelopes appended to the region at or after it must be hybrid; those appended before stay as they are), or
 * {@link EnvelopeProfile#CLASSICAL} (what every region is until it is moved; {@code from} then says since when).
 * Hybrid envelopes are taken in every region: the profile only says what is refused.
 */
public record RegionProfile(String region, EnvelopeProfile profile, Instant from) {

    public RegionProfile {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(from, "from");
    }

    /** Whether an envelope appended to the region at {@code appendedAt} must be hybrid. */
    public boolean requiresHybridAt(Instant appendedAt) {
        return profile == EnvelopeProfile.HYBRID && !appendedAt.isBefore(from);
    }
}
