package eu.synergie.core.index;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /**
     * The notice {@code noticeId} of {@code region} if the index holds it for its agency's release approvers, read in
     * real time; empty if there is none, or it is not held (never held, or released already).
     */
    Optional<HeldNotice> held(String region, UUID noticeId);

    /**
     * Lets the region see {@code held}: writes {@code released} (the same version, opened again from the log, its
     * verification time the release's, so that a reader of what was added since sees it) in its place, if the document
     * is still the revision read; false when it changed since (a newer version was indexed: read it again).
     */
    boolean release(HeldNotice held, IndexedNotice released);

    /** The notices {@code region}'s index holds for release approvers now (after a rebuild, to release what was approved meanwhile). */
    List<HeldNotice> heldNotices(String region);
}
