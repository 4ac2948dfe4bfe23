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
import eu.synergie.core.policy.ReleaseRule;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Four-eyes release of whole notices (issue 18): a notice its agency's release policy holds is indexed for its approvers
 * only ({@link ReleaseRule}); this asks them ({@link #held}, a request of kind {@code NOTICE_RELEASE} by the notice's
 * author, whom the approvals never let approve it) and, once one approves, releases it ({@link #approved}): what the
 * region would have done with it on arrival (hits, watchlists, peers) is done then, and only then the region sees it.
 * Rejected or expired, it stays held: nobody but its approvers ever reads it.
 *
 * <p>The indexer and the approval can cross: the indexer may judge a version held just before the approval is applied,
 * then write it after the release was written. So the indexer, once it wrote held versions, looks at the approvals
 * again and releases what was approved meanwhile; whichever of the two runs last releases, and the release changes
 * only the document revision it read, so a newer version is judged afresh.
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
     *                  again for a released notice, before the region can find it; at least once
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
     * request per notice, whatever its versions), or releases one approved meanwhile. An exception has the batch retried.
     */
    public void held(List<IndexedNotice> notices) {
        for (IndexedNotice held : notices) {
            Notice notice = held.opened().notice();
            String id = ReleaseRule.requestId(notice.noticeId());
            var state = approvals.state(id);
            if (state.isPresent()) {
                if (state.get().status() == ApprovalStatus.APPROVED) {
                    release(notice.region(), notice.noticeId());
                }
                continue;
            }
            Instant now = clock.instant();
            ApprovalRequest request = new ApprovalRequest(id, new Subject(Subject.Kind.NOTICE_RELEASE,
                    notice.noticeId().toString(), notice.region()), notice.originAgency(), held.hold().author(), 1, now,
                    now.plus(held.hold().expiresAfter()));
            try {
                approvals.request(request);
            } catch (ApprovalRefusedException e) {
                // Another instance asked first (the same notice in two batches): one request.
                if (e.reason() != ApprovalDecision.Reason.ALREADY_REQUESTED) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void approved(Approval approval) {
        Subject subject = approval.request().subject();
        if (subject.kind() == Subject.Kind.NOTICE_RELEASE) {
            release(subject.recipient(), UUID.fromString(subject.noticeId()));
        }
    }

    /** Does the region's work on the held version read, then lets the region see it; a newer version is read again. */
    private void release(String region, UUID noticeId) {
        for (int attempt = 0; attempt < 5; attempt++) {
            HeldNotice held = index.held(region, noticeId).orElse(null);
            if (held == null) {
                return;   // released already, or withdrawn before its release: nothing for the region
            }
            byte[] envelope = log.read(new LogPosition(held.topic(), held.partition(), held.offset()))
                    .orElseThrow(() -> new IllegalStateException("the log no longer has the held notice " + noticeId
                            + " at " + held.topic() + "-" + held.partition() + "@" + held.offset()));
            OpenedNotice opened = opener.openLogged(envelope);
            onRelease.accept(List.of(new IndexedNotice(opened, held.topic(), held.partition(), held.offset())));
            if (index.release(held)) {
                return;
            }
        }
        throw new IllegalStateException("notice " + noticeId + " kept changing while it was released; try again");
    }
}
