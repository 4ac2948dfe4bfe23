package eu.synergie.core.index;

import eu.synergie.core.matching.MatchKeys;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.policy.ReadScope;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The reading path's index over a list, for unit tests: it applies a scope as Elasticsearch applies the access filter
 * (regions, classifications, released to the agency or its own), so that what a test's subject reads through it is what
 * it would read on the real index.
 */
public final class ListNoticeIndex implements NoticeIndex {

    private final List<Notice> notices;

    /** @param notices read at each lookup: a test may add to the list after making the index */
    public ListNoticeIndex(List<Notice> notices) {
        this.notices = notices;
    }

    /** The notice is in {@code scope}, as the access filter decides. */
    public static boolean inScope(Notice notice, ReadScope scope) {
        Markings m = notice.markings();
        return scope.regions().contains(m.region()) && scope.classifications().contains(m.classification())
                && (m.releasableTo().isEmpty() || m.releasableTo().contains(scope.agency())
                || m.originAgency().equals(scope.agency()));
    }

    @Override
    public Optional<FetchedNotice> fetch(UUID noticeId, ReadScope scope) {
        return notices.stream().filter(n -> n.noticeId().equals(noticeId) && inScope(n, scope)).findFirst()
                .map(n -> new FetchedNotice(n, null));
    }

    @Override
    public List<FetchedNotice> holding(Set<String> keys, ReadScope scope, int limit) {
        return notices.stream().filter(n -> inScope(n, scope) && n.entities().stream()
                        .anyMatch(e -> MatchKeys.of(e, n.originAgency()).stream().anyMatch(keys::contains)))
                .limit(limit).map(n -> new FetchedNotice(n, null)).toList();
    }

    @Override
    public List<FetchedNotice> replies(UUID requestId, ReadScope scope, int limit) {
        return List.of();
    }

    @Override
    public Optional<FetchedNotice> fetchHeld(UUID noticeId, String agency) {
        return Optional.empty();
    }

    @Override
    public SearchResult search(NoticeQuery query, ReadScope scope) {
        throw new UnsupportedOperationException("not a search index");
    }
}
