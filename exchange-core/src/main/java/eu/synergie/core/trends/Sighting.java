package eu.synergie.core.trends;

import java.time.Instant;
import java.util.Objects;

/**
 * One agency's notices naming a value, as the index counts them: how many, the first and the last issued.
 *
 * @param key the value's match key, never a person's
 */
public record Sighting(String key, String agency, Instant first, Instant last, long notices) {

    public Sighting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (last.isBefore(first) || notices < 1) {
            throw new IllegalArgumentException("a sighting spans at least one notice, first to last");
        }
    }
}
