package eu.synergie.core.index;

import eu.synergie.core.policy.ReadScope;

import java.util.Optional;
import java.util.UUID;

/**
 * The searchable view of the notice log, as the reading path (API, pages) sees it: scoped reads only.
 * Implementations must apply {@code scope} inside every query: there is no way to search without one.
 * Writing is {@link NoticeIndexWriter}'s, the expiry sweep {@link NoticeExpiry}'s, and the matcher's
 * unscoped lookup has a port of its own in the matching package, so that nothing holding this port can
 * read past the access rule.
 */
public interface NoticeIndex {

    /**
     * The notice with this id if it is in {@code scope} (the access filter is part of the lookup), standing
     * and not expired; empty otherwise, whether it does not exist or the caller may not see it.
     */
    Optional<FetchedNotice> fetch(UUID noticeId, ReadScope scope);

    /**
     * The notices in {@code scope}, standing and not expired, holding an entity under any of {@code matchKeys}
     * ({@link eu.synergie.core.matching.MatchKeys}), newest first, at most {@code limit}.
     */
    java.util.List<FetchedNotice> holding(java.util.Set<String> matchKeys, ReadScope scope, int limit);

    /** The replies in {@code scope} to the asset-tracing request {@code requestId}, oldest first, at most {@code limit}. */
    java.util.List<FetchedNotice> replies(UUID requestId, ReadScope scope, int limit);

    /**
     * The notice with this id if its agency, {@code agency}, holds it for its release approvers (four-eyes release),
     * standing and not expired: what an approver reads to decide, once
     * {@link eu.synergie.core.policy.AccessPolicy#decideHeld} allowed the caller. No search, lookup or export finds a
     * held notice.
     */
    Optional<FetchedNotice> fetchHeld(UUID noticeId, String agency);

    /** Searches within {@code scope}; an empty scope finds nothing. */
    SearchResult search(NoticeQuery query, ReadScope scope);
}
