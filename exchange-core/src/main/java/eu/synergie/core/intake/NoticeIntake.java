package eu.synergie.core.intake;

import eu.synergie.core.envelope.EnvelopeRejectedException;
import eu.synergie.core.envelope.NoticeOpener;
import eu.synergie.core.envelope.OpenedNotice;
import eu.synergie.core.envelope.RejectionReason;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.Decision;
import eu.synergie.core.trust.AgencyRecord;
import eu.synergie.core.trust.TrustRegistry;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Accepts an agency's envelope: opens and verifies it, applies the publish rule, and appends the
 * envelope unchanged to the region's topic. Nothing reaches the log that the indexer would refuse
 * for a reason known at publish time.
 */
public final class NoticeIntake {

    private final NoticeOpener opener;
    private final AccessPolicy policy;
    private final NoticeLog log;
    private final TrustRegistry trust;
    private final PublishPacing pacing;

    public NoticeIntake(NoticeOpener opener, AccessPolicy policy, NoticeLog log, TrustRegistry trust) {
        this(opener, policy, log, trust, PublishPacing.NONE);
    }

    /** @param pacing held before each envelope is opened, so that publishing waits for the indexers */
    public NoticeIntake(NoticeOpener opener, AccessPolicy policy, NoticeLog log, TrustRegistry trust, PublishPacing pacing) {
        this.opener = opener;
        this.policy = policy;
        this.log = log;
        this.trust = trust;
        this.pacing = pacing;
    }

    /**
     * @throws EnvelopeRejectedException with the reason when the envelope or the caller's right to publish it fails
     */
    public Published publish(Caller feed, byte[] envelope) {
        OpenedNotice opened = checked(feed, envelope);
        String region = opened.notice().region();
        LogPosition position = log.append(region, opened.notice().noticeId().toString(), envelope);
        return new Published(opened.notice().noticeId(), region, position);
    }

    /**
     * The same checks, done now (a rejection is thrown at once); the append completes later, so that a
     * feed's batch keeps many appends in flight.
     */
    public CompletableFuture<Published> publishAsync(Caller feed, byte[] envelope) {
        OpenedNotice opened = checked(feed, envelope);
        String region = opened.notice().region();
        return log.appendAsync(region, opened.notice().noticeId().toString(), envelope)
                .thenApply(position -> new Published(opened.notice().noticeId(), region, position));
    }

    private OpenedNotice checked(Caller feed, byte[] envelope) {
        pacing.awaitRoom();
        OpenedNotice opened = opener.open(envelope);
        Set<String> memberships = trust.agency(opened.signerAgency()).map(AgencyRecord::regions).orElse(Set.of());
        Decision decision = policy.decidePublish(feed, opened.notice().markings(), opened.signerAgency(), memberships);
        if (decision instanceof Decision.Deny(String reason)) {
            throw new EnvelopeRejectedException(RejectionReason.PUBLISH_NOT_PERMITTED, reason);
        }
        return opened;
    }
}
