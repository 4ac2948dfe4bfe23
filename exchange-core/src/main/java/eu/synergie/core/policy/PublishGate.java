package eu.synergie.core.policy;

import eu.synergie.core.envelope.EnvelopeRejectedException;
import eu.synergie.core.envelope.OpenedNotice;
import eu.synergie.core.trust.SignerStanding;
import eu.synergie.core.trust.TrustRegistry;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The publish rule with its facts, for the two places that apply it: the gateway's intake (with the feed's
 * token, as of now) and the indexer (no token, as of the broker's append time). It asks the trust registry
 * what it knows of the signer as of that time and lets {@link AccessPolicy#decidePublish} decide; so the
 * gateway and the indexer differ only by the token and by what the registry learnt in between (a key
 * compromise revoked later, stated to have begun before the append, is refused by the indexer alone).
 */
public final class PublishGate {

    private final AccessPolicy policy;
    private final TrustRegistry trust;
    private final Runnable trustCatchUp;
    private final Clock clock;

    /**
     * @param trustCatchUp brings {@code trust} up to the end of the trust log; run once before refusing a signer
     *                     as unknown, since its certificate may have been issued on another instance a moment ago
     * @param clock        the gateway's "now", standing for the append time the broker has yet to give
     */
    public PublishGate(AccessPolicy policy, TrustRegistry trust, Runnable trustCatchUp, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.trust = Objects.requireNonNull(trust, "trust");
        this.trustCatchUp = Objects.requireNonNull(trustCatchUp, "trustCatchUp");
        this.clock = Objects.requireNonNull(clock, "clock");
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

    /** The decision itself, for a token or none ({@code feed} null), as of {@code appendedAt}. */
    public PublishDecision decide(Caller feed, OpenedNotice opened, Instant appendedAt) {
        SignerStanding signer = trust.signer(opened.certificateSerial(), appendedAt);
        if (signer instanceof SignerStanding.Unknown) {
            trustCatchUp.run();
            signer = trust.signer(opened.certificateSerial(), appendedAt);
        }
        return policy.decidePublish(feed, opened.notice().markings(), opened.signerAgency(), appendedAt, signer);
    }

    private static void require(PublishDecision decision) {
        if (decision instanceof PublishDecision.Refused(var reason, String message)) {
            throw new EnvelopeRejectedException(reason, message);
        }
    }
}
