package eu.synergie.core.index;

import eu.synergie.core.policy.ReadScope;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The searchable view of the notice log. Implementations must apply {@code scope} inside every query:
 * there is no way to search without one.
 */
public interface NoticeIndex {

    /**
     * Indexes (or re-indexes) notices, keyed by notice id so that a notice delivered twice is one document; a
     * withdrawn notice leaves only a tombstone that no search returns.
     */
    void index(List<IndexedNotice> notices);

    /**
     * The versions stored for {@code ids} in {@code region}'s index, read in real time (not after the next
     * refresh): the indexer's own lookup, never shown to a caller.
     */
    Map<UUID, StoredVersion> storedVersions(String region, Collection<UUID> ids);

    /**
     * Removes the notices whose {@code validUntil} is before {@code now} and says which. Searches never
     * return them even before this runs; this keeps the index from growing with the dead.
     */
    List<ExpiredNotice> removeExpired(Instant now);

    /**
     * The notice with this id if it is in {@code scope} (the access filter is part of the lookup), standing
     * and not expired; empty otherwise, whether it does not exist or the caller may not see it.
     */
    Optional<FetchedNotice> fetch(UUID noticeId, ReadScope scope);

    /** Searches within {@code scope}; an empty scope finds nothing. */
    SearchResult search(NoticeQuery query, ReadScope scope);

    /**
     * For the matcher: how many standing notices hold each of {@code matchKeys}, and the notices holding
     * the keys held by at most {@code limit} notices. Sees everything indexed before the call. An internal
     * lookup across all regions, unfiltered: its result goes to the matcher, which shapes what each
     * recipient learns, never to a caller as is.
     */
    EntityHoldings holdersOf(java.util.Set<String> matchKeys, int limit);
}
