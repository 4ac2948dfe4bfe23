package eu.synergie.core.index;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The indexer's side of the index: what it writes, and what it must know of what is there to judge a new version. */
public interface NoticeIndexWriter {

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
}
