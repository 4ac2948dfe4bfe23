package eu.synergie.gateway.approval;

import eu.synergie.core.approval.Approval;
import eu.synergie.core.approval.ApprovalDecision;
import eu.synergie.core.approval.ApprovalRequest;
import eu.synergie.core.approval.ApprovalRequest.Subject;
import eu.synergie.core.approval.ApprovalStatus;
import eu.synergie.core.envelope.NoticeOpener;
import eu.synergie.core.envelope.OpenedNotice;
import eu.synergie.core.index.HeldNotice;
import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.index.NoticeIndexWriter;
import eu.synergie.core.intake.LogPosition;
import eu.synergie.core.intake.NoticeLog;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeStatus;
import eu.synergie.core.policy.ReleaseRule;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Four-eyes release of whole notices (issue 18): a version of a notice its agency's release policy holds is indexed for
 * its approvers only ({@link ReleaseRule}); this asks them ({@link #held}, a request of kind {@code NOTICE_RELEASE} for
 * that version, by its publisher, whom the approvals never let approve it) and, once one approves, releases that
 * version ({@link #approved}): what the region would have done with it on arrival (hits, watchlists, peers) is done
 * then, and only then the region sees it. Rejected or expired, it stays held: nobody but its approvers ever reads it.
 * A newer version held meanwhile is not released by an approval of the older one: it has a request of its own.
 *
 * <p>The indexer and the approval can cross: the indexer may judge a version held just before the approval is applied,
 * then write it after the release was written. So the indexer, once it wrote held versions, looks at the approvals
 * again and releases what was approved; a release replaces only the document revision it read; and a rebuild, which
 * a release during it may miss, ends with {@link #recheck}.
 */
public final class NoticeReleases implements ApprovedListener {

    private final ReleaseApprovals approvals;
    private final NoticeIndexWriter index;
    private final NoticeLog log;
    private final NoticeOpener opener;
    private final Clock clock;
    private final Consumer<List<IndexedNotice>> onRelease;

    /**
     * @param onRelease what the indexer does with a notice its region sees (the matcher, the peers, the hashes): done
     *                  for a released notice before the region can find it; at least once
     */
    public NoticeReleases(ReleaseApprovals approvals, NoticeIndexWriter index, NoticeLog log, NoticeOpener opener,
                          Clock clock, Consumer<List<IndexedNotice>> onRelease) {
        this.approvals = Objects.requireNonNull(approvals, "approvals");
        this.index = Objects.requireNonNull(index, "index");
        this.log = Objects.requireNonNull(log, "log");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onRelease = Objects.requireNonNull(onRelease, "onRelease");
        approvals.onApproved(this);
    }

    /** What the region does with notices it may see, as they arrive: the same as on a release. */
    public void onRelease(List<IndexedNotice> notices) {
        onRelease.accept(notices);
    }

    /**
     * The indexer's step for the held notices of a batch, once they are in the index: asks their agency's approvers (one
     * request per version), or releases a version approved meanwhile. An exception has the batch retried.
     */
    public void held(List<IndexedNotice> notices) {
        for (IndexedNotice held : notices) {
            Notice notice = held.opened().notice();
            String id = ReleaseRule.requestId(notice);
            Approval state = approvals.state(id).orElseGet(() -> ask(held, id));
            if (state != null && state.status() == ApprovalStatus.APPROVED) {
                release(notice.region(), notice.noticeId(), id);
            }
        }
    }

    private Approval ask(IndexedNotice held, String id) {
        Notice notice = held.opened().notice();
        Instant now = clock.instant();
        ApprovalRequest request = new ApprovalRequest(id, new Subject(Subject.Kind.NOTICE_RELEASE,
                notice.noticeId().toString(), notice.region()), notice.originAgency(), held.hold().author(), 1, now,
                now.plus(held.hold().expiresAfter()));
        try {
            return approvals.request(request);
        } catch (ApprovalRefusedException e) {
            // Another instance asked first (the same version in two batches): one request.
            if (e.reason() != ApprovalDecision.Reason.ALREADY_REQUESTED) {
                throw e;
            }
            return approvals.state(id).orElse(null);
        }
    }

    @Override
    public void approved(Approval approval) {
        Subject subject = approval.request().subject();
        if (subject.kind() == Subject.Kind.NOTICE_RELEASE) {
            release(subject.recipient(), UUID.fromString(subject.noticeId()), approval.id());
        }
    }

    /**
     * After a rebuild of {@code region}: releases the versions still held there whose release was approved (an
     * approval applied while the rebuild read past them went to the index it replaced).
     */
    public void recheck(String region) {
        for (HeldNotice held : index.heldNotices(region)) {
            String id = ReleaseRule.requestId(held.noticeId(), held.version(), held.issuedAt());
            if (approvals.state(id).filter(a -> a.status() == ApprovalStatus.APPROVED).isPresent()) {
                release(region, held.noticeId(), id);
            }
        }
    }

    /**
     * Releases the version {@code requestId} is about, if it is the one held: does the region's work on it, then lets
     * the region see it. A withdrawal is let through without that work (peers never had the notice).
     */
    private void release(String region, UUID noticeId, String requestId) {
        for (int attempt = 0; attempt < 5; attempt++) {
            HeldNotice held = index.held(region, noticeId).orElse(null);
            if (held == null || !ReleaseRule.requestId(noticeId, held.version(), held.issuedAt()).equals(requestId)) {
                return;   // released already, or another version is held now and waits for its own approval
            }
            byte[] envelope = log.read(new LogPosition(held.topic(), held.partition(), held.offset()))
                    .orElseThrow(() -> new IllegalStateException("the log no longer has the held notice " + noticeId
                            + " at " + held.topic() + "-" + held.partition() + "@" + held.offset()));
            OpenedNotice opened = opener.openLogged(envelope);
            IndexedNotice released = new IndexedNotice(opened, held.topic(), held.partition(), held.offset());
            if (opened.notice().status() != NoticeStatus.WITHDRAWN) {
                onRelease.accept(List.of(released));
            }
            if (index.release(held, released)) {
                return;
            }
        }
        throw new IllegalStateException("notice " + noticeId + " kept changing while it was released; try again");
    }
}
