package eu.synergie.core.intake;

import eu.synergie.core.envelope.EnvelopeRejectedException;
import eu.synergie.core.envelope.NoticeOpener;
import eu.synergie.core.envelope.OpenedNotice;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.PublishGate;

import java.util.concurrent.CompletableFuture;

/**
 * Accepts an agency's envelope: opens and verifies it, applies the publish rule with the feed's token, and
 * appends the envelope unchanged to the region's topic. Nothing reaches the log that the indexer would refuse
 * for a reason known at publish time: both apply the same rule ({@link PublishGate}).
 */
public final class NoticeIntake {

    private final NoticeOpener opener;
    private final PublishGate gate;
    private final NoticeLog log;
    private final PublishPacing pacing;

    public NoticeIntake(NoticeOpener opener, PublishGate gate, NoticeLog log) {
        this(opener, gate, log, PublishPacing.NONE);
    }

    /** @param pacing held before each envelope is opened, so that publishing waits for the indexers */
    public NoticeIntake(NoticeOpener opener, PublishGate gate, NoticeLog log, PublishPacing pacing) {
        this.opener = opener;
        this.gate = gate;
        this.log = log;
        this.pacing = pacing;
    }

    /**
     * @throws EnvelopeRejectedException with the reason when the envelope or the caller's right to publish it fails
     */
    public Published publish(Caller feed, byte[] envelope) {
        OpenedNotice opened = checked(feed, envelope);
        String region = opened.notice().region();
        LogPosition position = log.append(region, opened.notice().noticeId().toString(), envelope,
                feed == null ? null : feed.subject());
        return new Published(opened.notice().noticeId(), region, position);
    }

    /**
     * The same checks, done now (a rejection is thrown at once); the append completes later, so that a
     * feed's batch keeps many appends in flight.
     */
    public CompletableFuture<Published> publishAsync(Caller feed, byte[] envelope) {
        OpenedNotice opened = checked(feed, envelope);
        String region = opened.notice().region();
        return log.appendAsync(region, opened.notice().noticeId().toString(), envelope, feed == null ? null : feed.subject())
                .thenApply(position -> new Published(opened.notice().noticeId(), region, position));
    }

    private OpenedNotice checked(Caller feed, byte[] envelope) {
        pacing.awaitRoom();
        OpenedNotice opened = opener.open(envelope);
        gate.admit(feed, opened);
        return opened;
    }
}
