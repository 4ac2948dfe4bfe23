package eu.synergie.core.trust;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How an agency stood from {@code from} until the next standing of its history: the regions it was a member
 * of, and whether it was suspended. The publish rule judges an envelope by the standing in force when the log
 * appended it.
 */
public record AgencyStanding(Instant from, Set<String> regions, boolean suspended) {

    public AgencyStanding {
        Objects.requireNonNull(from, "from");
        regions = regions == null ? Set.of() : Set.copyOf(new TreeSet<>(regions));
    }

    public boolean memberOf(String region) {
        return regions.contains(region);
    }
}
