package eu.synergie.core.trends;

import java.time.Instant;
import java.util.List;

/**
 * A value seen by several agencies within the window, with what shows why: which agencies, from when to when,
 * in how many notices.
 *
 * @param agencies the distinct agency codes, sorted
 * @param notices  the occurrences within the window
 */
public record EmergingEntity(String key, List<String> agencies, Instant firstSeen, Instant lastSeen, int notices) {

    public EmergingEntity {
        agencies = List.copyOf(agencies);
    }
}
