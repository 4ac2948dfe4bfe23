package eu.synergie.core.policy;

import eu.synergie.core.envelope.EnvelopeRejectedException;
import eu.synergie.core.envelope.OpenedNotice;
import eu.synergie.core.trust.SignerStanding;
import eu.synergie.core.trust.TrustRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The publish rule with its facts, for the two places that apply it: the gateway's intake (with the feed's
 * token, as of now) and the indexer (no token, as of the broker's append time). It asks the trust registry
 * what it knows of the signer as of that time and lets {@link AccessPolicy#decidePublish} decide; so the
 * gateway and the indexer differ only by the token and by what the registry learnt in between (a key
 * compromise revoked later, stated to have begun before the append, is refused by the indexer alone).
 *
 * <p>The indexer judges as of the append time with what the registry knows: a suspension or revocation made on
 * another instance a moment before the append may not have reached this one's follower yet. So before a batch,
 * {@link #readyFor} catches the registry up unless it was current well after the batch's newest append time.
 */
public final class PublishGate {

    private final AccessPolicy policy;
    private final TrustRegistry trust;
    private final Runnable trustCatchUp;
    private final Clock clock;
    private final Duration catchUpMargin;

    /** With a catch-up margin of {@link #CATCH_UP_MARGIN}. */
    public PublishGate(AccessPolicy policy, TrustRegistry trust, Runnable trustCatchUp, Clock clock) {
        this(policy, trust, trustCatchUp, clock, CATCH_UP_MARGIN);
    }

    /** The default of {@code catchUpMargin}. */
    public static final Duration CATCH_UP_MARGIN = Duration.ofSeconds(2);

    /**
     * @param trustCatchUp  brings {@code trust} up to the end of the trust log; run once before refusing a signer
     *                      as unknown when its certificate may have been issued on another instance a moment ago,
     *                      and before a batch of the indexer whose envelopes are recent ({@link #readyFor})
     * @param clock         the gateway's "now", standing for the append time the broker has yet to give
     * @param catchUpMargin how long after a trust record's append time it may take to be readable by this instance's
     *                      follower (replication, the broker's clock against this instance's)
     */
    public PublishGate(AccessPolicy policy, TrustRegistry trust, Runnable trustCatchUp, Clock clock, Duration catchUpMargin) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.trust = Objects.requireNonNull(trust, "trust");
        this.trustCatchUp = Objects.requireNonNull(trustCatchUp, "trustCatchUp");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.catchUpMargin = Objects.requireNonNull(catchUpMargin, "catchUpMargin");
    }

    /**
     * Before the indexer judges a batch whose newest envelope was appended at {@code newestAppendedAt}: unless the
     * registry read the trust log to its end later than that plus the margin, catches it up first, once for the whole
     * batch. A change another instance made before the envelope's append is then known when the envelope is judged.
     *
     * @throws eu.synergie.core.trust.TrustUnavailableException when the registry cannot catch up now (retriable)
     */
    public void readyFor(Instant newestAppendedAt) {
        if (mayLag(newestAppendedAt)) {
            trustCatchUp.run();
        }
    }

    /** Whether the registry may not yet know a trust change made before {@code appendedAt}. */
    private boolean mayLag(Instant appendedAt) {
        return !appendedAt.plus(catchUpMargin).isBefore(trust.currentAsOf());
    }

    /**
     * On publish: may {@code feed} append this envelope now?
     *
     * @throws EnvelopeRejectedException with the reason when it may not
     */
    public void admit(Caller feed, OpenedNotice opened) {
        require(decide(Objects.requireNonNull(feed, "feed"), opened, clock.instant()));
    }

    /**
     * In the indexer: may this envelope, appended at {@code appendedAt}, stand in the log?
     *
     * @throws EnvelopeRejectedException with the reason when it may not
     * @throws eu.synergie.core.trust.TrustUnavailableException when the registry cannot answer (retriable)
     */
    public void admitLogged(OpenedNotice opened, Instant appendedAt) {
        require(decide(null, opened, appendedAt));
    }

    /**
     * The decision itself, for a token or none ({@code feed} null), as of {@code appendedAt}. A hybrid envelope's two
     * signer certificates are each judged by the same rule (a revoked ML-DSA certificate refuses the envelope as a
     * revoked ECDSA one does); then the region's envelope profile.
     */
    public PublishDecision decide(Caller feed, OpenedNotice opened, Instant appendedAt) {
        PublishDecision decision = policy.decidePublish(feed, opened.notice().markings(), opened.signerAgency(), appendedAt,
                standing(opened.certificateSerial(), appendedAt));
        if (decision.accepted() && opened.postQuantumCertificateSerial() != null) {
            decision = policy.decidePublish(feed, opened.notice().markings(), opened.signerAgency(), appendedAt,
                    standing(opened.postQuantumCertificateSerial(), appendedAt));
            if (decision instanceof PublishDecision.Refused(var reason, String message)) {
                decision = new PublishDecision.Refused(reason, "ML-DSA signer: " + message);
            }
        }
        if (decision.accepted()) {
            decision = policy.decideProfile(trust.regionProfile(opened.notice().region()), opened.profile(), appendedAt);
        }
        return decision;
    }

    private SignerStanding standing(String serial, Instant appendedAt) {
        SignerStanding signer = trust.signer(serial, appendedAt);
        // Caught up only if the certificate could have been issued after the registry was last current: the gateway's
        // "now" always could; an indexer's batch was caught up already (readyFor), and a rebuild's old envelopes were.
        if (signer instanceof SignerStanding.Unknown && mayLag(appendedAt)) {
            trustCatchUp.run();
            signer = trust.signer(serial, appendedAt);
        }
        return signer;
    }

    private static void require(PublishDecision decision) {
        if (decision instanceof PublishDecision.Refused(var reason, String message)) {
            throw new EnvelopeRejectedException(reason, message);
        }
    }
}
