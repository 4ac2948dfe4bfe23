package eu.synergie.core.trends;

import java.time.Instant;
import java.util.Objects;

/**
 * A normalized entity value (its match key: a phone, an account, a wallet) named in a notice of an agency.
 *
 * @param key    the match key of the value, never a person's identity
 * @param agency the code of the agency whose notice names it
 * @param at     when the notice was issued
 */
public record Occurrence(String key, String agency, Instant at) {

    public Occurrence {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(at, "at");
    }
}
