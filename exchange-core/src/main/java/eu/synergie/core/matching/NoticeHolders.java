package eu.synergie.core.matching;

import java.util.Set;

/**
 * The matcher's lookup in the index, and the matcher's only: which standing notices hold given match keys,
 * across all regions and without an access filter. Its result goes to the {@link Matcher}, which shapes what
 * each recipient learns, never to a caller as is; the reading path's port
 * ({@link eu.synergie.core.index.NoticeIndex}) has no such method.
 */
public interface NoticeHolders {

    /**
     * How many standing notices hold each of {@code matchKeys}, and the notices holding the keys held by at
     * most {@code limit} notices. Sees everything indexed before the call.
     */
    EntityHoldings holdersOf(Set<String> matchKeys, int limit);

    /**
     * The same, as the index stands (what it has made searchable), without making it see the latest writes first:
     * for lookups an analyst triggers, which must not be able to force index-wide refreshes at will.
     */
    default EntityHoldings holdersAsSearchable(Set<String> matchKeys, int limit) {
        return holdersOf(matchKeys, limit);
    }
}
