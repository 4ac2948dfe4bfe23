package eu.synergie.core.trust;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An agency as the registry knows it.
 *
 * @param suspendedAt when the agency was suspended, or null while active
 */
public record AgencyRecord(String code, String name, Set<String> regions, AgencyStatus status, Instant suspendedAt) {

    public AgencyRecord {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(status, "status");
        regions = regions == null ? Set.of() : Set.copyOf(new TreeSet<>(regions));
        if ((status == AgencyStatus.SUSPENDED) != (suspendedAt != null)) {
            throw new IllegalArgumentException("suspendedAt is set exactly when the agency is suspended");
        }
    }

    public boolean memberOf(String region) {
        return regions.contains(region);
    }

    /** Was the agency allowed to publish at {@code time}? */
    public boolean activeAt(Instant time) {
        return suspendedAt == null || time.isBefore(suspendedAt);
    }
}
