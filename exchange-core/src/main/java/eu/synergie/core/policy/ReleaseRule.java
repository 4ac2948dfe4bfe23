package eu.synergie.core.policy;

import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeStatus;
import eu.synergie.core.trust.ReleasePolicy;
import eu.synergie.core.trust.TrustRegistry;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Four-eyes release (issue 18), the one place that says whether a notice of this exchange waits for a release approver
 * of its agency: its agency's release policy, as of the notice's append time, names it, and no approver has released
 * that notice yet. Released once, a notice stays released: its later versions and its withdrawal follow it, as they
 * follow a notice that crossed to a peer. The indexer, a rebuild and the federation's backfill all ask here, so that
 * they agree.
 */
public final class ReleaseRule {

    private final TrustRegistry registry;
    private final Predicate<UUID> released;

    /** @param released whether an approver released the notice of this id */
    public ReleaseRule(TrustRegistry registry, Predicate<UUID> released) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.released = Objects.requireNonNull(released, "released");
    }

    /** A rule that holds nothing: an exchange without four-eyes release, and tests of other things. */
    public static ReleaseRule none() {
        return new ReleaseRule(new TrustRegistry(), id -> true);
    }

    /** The id of the approval request that releases notice {@code noticeId}. */
    public static String requestId(UUID noticeId) {
        return "release:" + noticeId;
    }

    /**
     * Whether {@code notice}, appended at {@code appendedAt} by {@code publisher} (null: unknown), waits for its
     * agency's approver, and how long it may. A withdrawal of a notice never released stays held: its content was never
     * the region's.
     */
    public Optional<IndexedNotice.Hold> holdOf(Notice notice, Instant appendedAt, String publisher) {
        String agency = notice.originAgency();
        ReleasePolicy.Criteria criteria = registry.releasePolicy(agency).map(p -> p.criteriaAt(appendedAt))
                .orElse(ReleasePolicy.NONE);
        if (!criteria.holds(notice) || released.test(notice.noticeId())) {
            return Optional.empty();
        }
        String author = publisher != null ? publisher
                : "feed:" + agency + (notice.status() == NoticeStatus.WITHDRAWN ? " (withdrawal)" : "");
        return Optional.of(new IndexedNotice.Hold(author, criteria.expiresAfter()));
    }
}
