package eu.synergie.core.index;

import eu.synergie.core.policy.ReadScope;

import java.util.List;

/**
 * The searchable view of the notice log. Implementations must apply {@code scope} inside every query:
 * there is no way to search without one.
 */
public interface NoticeIndex {

    /** Indexes (or re-indexes) notices, keyed by notice id so that a notice delivered twice is one document. */
    void index(List<IndexedNotice> notices);

    /** Searches within {@code scope}; an empty scope finds nothing. */
    SearchResult search(NoticeQuery query, ReadScope scope);
}
