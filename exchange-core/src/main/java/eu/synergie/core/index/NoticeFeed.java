package eu.synergie.core.index;

import eu.synergie.core.policy.ReadScope;

import java.util.List;

/**
 * The notices of one region in the order the exchange added them, for clients that poll for what is new (TAXII
 * collections): by <em>date added</em> (when the exchange verified the notice's current version, to the millisecond),
 * then notice id. Scoped like {@link NoticeIndex}: implementations apply {@code scope} inside every query, standing
 * and unexpired notices only; there is no way to read the feed without a scope.
 * <p>
 * Paging is by position ({@link FeedQuery#after()}), never by offset, so that notices arriving between two pages
 * neither repeat nor push others out: a new version, being verified later, moves to the end.
 */
public interface NoticeFeed {

    /** Up to {@code query.size()} notices after {@code query.after()}, in {@code query.order()}; an empty scope finds nothing. */
    List<AddedNotice> read(FeedQuery query, ReadScope scope);
}
