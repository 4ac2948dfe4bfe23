package eu.synergie.core.policy;

import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.trust.ReleasePolicy;
import eu.synergie.core.trust.TrustRegistry;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Four-eyes release (issue 18), the one place that says whether a version of a notice of this exchange waits for a
 * release approver of its agency: its agency's release policy, as of the version's append time, names it, and no
 * approver has released that version. The approval is for the version the approvers read: a new version is asked about
 * again, unless the region already sees the notice (the indexer then lets it follow, {@code StoredVersion#held}). The
 * indexer, a rebuild and the federation's backfill all ask here, so that they agree.
 */
public final class ReleaseRule {

    /** A publisher the author may be named by: what the gateway writes (a token subject), nothing odd a feed could write. */
    private static final Pattern PUBLISHER = Pattern.compile("[\\p{L}\\p{N}._@:-]{1,150}");

    private final TrustRegistry registry;
    private final Predicate<String> approved;

    /** @param approved whether the approval request of this id was approved */
    public ReleaseRule(TrustRegistry registry, Predicate<String> approved) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.approved = Objects.requireNonNull(approved, "approved");
    }

    /** A rule that holds nothing: an exchange without four-eyes release, and tests of other things. */
    public static ReleaseRule none() {
        return new ReleaseRule(new TrustRegistry(), id -> true);
    }

    /** The id of the approval request that releases this version of the notice. */
    public static String requestId(Notice notice) {
        return requestId(notice.noticeId(), notice.version(), notice.issuedAt());
    }

    /** The id of the approval request that releases version {@code version} issued at {@code issuedAt} of a notice. */
    public static String requestId(UUID noticeId, int version, Instant issuedAt) {
        return "release:" + noticeId + ":" + version + ":" + issuedAt.toEpochMilli();
    }

    /**
     * The whole rule for a version, given what the index holds of its notice: {@code storedHeld} null when it is the
     * notice's first, false when the region sees the notice already (released, or never held: later versions and the
     * withdrawal follow), true when the notice is still held: then every later version stays held until its own
     * approval, whatever its markings (a version downgraded below the policy is no way around the approvers, and a
     * withdrawal of what the region never saw stays unseen).
     */
    public Optional<IndexedNotice.Hold> judge(Notice notice, Instant appendedAt, String publisher, Boolean storedHeld) {
        if (Boolean.FALSE.equals(storedHeld)) {
            return Optional.empty();
        }
        Optional<IndexedNotice.Hold> byPolicy = holdOf(notice, appendedAt, publisher);
        if (byPolicy.isPresent() || storedHeld == null || approved.test(requestId(notice))) {
            return byPolicy;
        }
        ReleasePolicy.Criteria criteria = registry.releasePolicy(notice.originAgency()).map(p -> p.criteriaAt(appendedAt))
                .orElse(ReleasePolicy.NONE);
        return Optional.of(new IndexedNotice.Hold(author(publisher, notice.originAgency()), criteria.expiresAfter()));
    }

    /**
     * Whether {@code notice}, appended at {@code appendedAt} by {@code publisher} (null: unknown), waits for its
     * agency's approver by its policy alone, and how long it may. A publisher that does not read as a token subject is not taken: the
     * author is then named after the agency's feed.
     */
    public Optional<IndexedNotice.Hold> holdOf(Notice notice, Instant appendedAt, String publisher) {
        String agency = notice.originAgency();
        ReleasePolicy.Criteria criteria = registry.releasePolicy(agency).map(p -> p.criteriaAt(appendedAt))
                .orElse(ReleasePolicy.NONE);
        if (!criteria.holds(notice) || approved.test(requestId(notice))) {
            return Optional.empty();
        }
        return Optional.of(new IndexedNotice.Hold(author(publisher, agency), criteria.expiresAfter()));
    }

    private static String author(String publisher, String agency) {
        return publisher != null && PUBLISHER.matcher(publisher).matches() ? publisher : "feed:" + agency;
    }
}
