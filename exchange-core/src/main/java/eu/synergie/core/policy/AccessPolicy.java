package eu.synergie.core.policy;

import eu.synergie.core.envelope.RejectionReason;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.trust.AgencyStanding;
import eu.synergie.core.trust.CertificateRecord;
import eu.synergie.core.trust.RegionProfile;
import eu.synergie.core.trust.Revocation;
import eu.synergie.core.trust.SignerStanding;
import eu.synergie.crypto.envelope.EnvelopeProfile;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The read and publish rules of DESIGN.md, "Access model", as pure functions. {@link #decide} answers
 * for one notice (used when a notice is opened by id); {@link #scopeOf} gives the same rule as a
 * {@link ReadScope} that the search module turns into the filter of every query.
 */
public final class AccessPolicy {

    /** May {@code caller} read a notice with these markings? */
    public Decision decide(Caller caller, Markings markings) {
        if (!caller.has(Role.ANALYST)) {
            return new Decision.Deny("caller lacks the analyst role");
        }
        if (caller.agency() == null || caller.clearance() == null) {
            return new Decision.Deny("caller has no agency or clearance");
        }
        if (!caller.regions().contains(markings.region())) {
            return new Decision.Deny("region not in the caller's regions");
        }
        if (!markings.classification().atMost(caller.clearance())) {
            return new Decision.Deny("classification above the caller's clearance");
        }
        boolean released = markings.releasableTo().isEmpty()
                || markings.releasableTo().contains(caller.agency())
                || markings.originAgency().equals(caller.agency());
        return released ? Decision.PERMIT : new Decision.Deny("not releasable to the caller's agency");
    }

    /**
     * May {@code caller} read a notice with these markings that its agency holds for release (four-eyes release)? Only
     * the agency's own release approvers cleared for its classification, who decide on it: nobody else, its author and
     * the agency's analysts included, until it is released; then {@link #decide} alone applies.
     */
    public Decision decideHeld(Caller caller, Markings markings) {
        if (!caller.has(Role.RELEASE_APPROVER)) {
            return new Decision.Deny("a held notice is read only by its agency's release approvers");
        }
        if (!markings.originAgency().equals(caller.agency())) {
            return new Decision.Deny("a held notice is read only by its own agency's release approvers");
        }
        if (caller.clearance() == null || !markings.classification().atMost(caller.clearance())) {
            return new Decision.Deny("classification above the approver's clearance");
        }
        return Decision.PERMIT;
    }

    /**
     * May {@code caller} triage a partner's report for {@code addressee} (an agency; null for the triage desk of
     * {@code region})? An analyst of that agency, or, for a desk, an analyst cleared for the region.
     */
    public Decision decideReportTriage(Caller caller, String addressee, String region) {
        if (!caller.has(Role.ANALYST) || caller.agency() == null) {
            return new Decision.Deny("reports are triaged by analysts");
        }
        boolean addressed = addressee != null ? addressee.equals(caller.agency()) : caller.regions().contains(region);
        return addressed ? Decision.PERMIT : new Decision.Deny("the report is for another agency or desk");
    }

    /** May {@code caller} follow a report {@code reporter} sent? Only that partner account. */
    public Decision decideReportOwner(Caller caller, String reporter) {
        return caller.has(Role.PARTNER_REPORTER) && caller.subject().equals(reporter) ? Decision.PERMIT
                : new Decision.Deny("a report is followed only by the account that sent it");
    }

    /**
     * May {@code caller} list, read or write the thread of a request for information between these agencies? An analyst
     * of either: nobody of a third agency, whatever their role or clearance (what the thread says is sealed to the two
     * agencies anyway; this keeps its very existence, parties and purpose between them).
     */
    public Decision decideRequest(Caller caller, String requesterAgency, String holderAgency) {
        if (!caller.has(Role.ANALYST) || caller.agency() == null) {
            return new Decision.Deny("requests for information are for analysts");
        }
        return caller.agency().equals(requesterAgency) || caller.agency().equals(holderAgency) ? Decision.PERMIT
                : new Decision.Deny("the request is between two other agencies");
    }

    /** The same rule, for queries. A caller without the analyst role gets an empty scope. */
    public ReadScope scopeOf(Caller caller) {
        if (!caller.has(Role.ANALYST) || caller.agency() == null || caller.clearance() == null) {
            return new ReadScope(Set.of(), Set.of(), null);
        }
        Set<Classification> readable = EnumSet.noneOf(Classification.class);
        for (Classification c : Classification.values()) {
            if (c.atMost(caller.clearance())) {
                readable.add(c);
            }
        }
        return new ReadScope(caller.regions(), readable, caller.agency());
    }

    /**
     * The publish rule (DESIGN.md, "Access model"), the one rule of both places that apply it: the gateway's
     * intake, and the indexer for everything it reads from a region topic (feeds may produce to Kafka
     * directly). An envelope may stand in the log iff its signer's agency is its originator; the registry knew
     * the signer certificate and its agency at {@code appendedAt}; the certificate was valid then and not
     * revoked with effect by then; and the agency was not suspended then and was a member of the notice's region.
     * Where there is a token (the gateway), also: the caller has the agency-feed role, acts for the originator,
     * and its token grants the region, so that neither the registry nor the token alone can widen the other.
     * <p>
     * The token's identity is checked before anything the registry says about the signer, so that a feed learns
     * nothing of another agency's standing. Without a token, and with a token that agrees with the registry,
     * the answer is the same.
     *
     * @param feed         the caller's verified token, or null where there is none (the indexer)
     * @param signerAgency the agency named in the signer certificate
     * @param appendedAt   when the log appended the envelope (on publish: now, a moment before it does)
     * @param signer       what the trust registry knew of the signer, its agency as of {@code appendedAt}
     */
    public PublishDecision decidePublish(Caller feed, Markings markings, String signerAgency, Instant appendedAt,
                                         SignerStanding signer) {
        String origin = markings.originAgency();
        String region = markings.region();
        if (!origin.equals(signerAgency)) {
            return refused(RejectionReason.SIGNER_NOT_ORIGINATOR, "signed by " + signerAgency + " but originAgency is " + origin);
        }
        if (feed != null && !feed.has(Role.AGENCY_FEED)) {
            return refused(RejectionReason.PUBLISH_NOT_PERMITTED, "caller lacks the agency-feed role");
        }
        if (feed != null && !origin.equals(feed.agency())) {
            return refused(RejectionReason.PUBLISH_NOT_PERMITTED, "originAgency is not the caller's agency");
        }
        switch (signer) {
            case SignerStanding.Unknown(String why) -> {
                return refused(RejectionReason.UNKNOWN_SIGNER, why);
            }
            case SignerStanding.Known(CertificateRecord certificate, AgencyStanding agency) -> {
                if (!certificate.agency().equals(signerAgency)) {
                    return refused(RejectionReason.UNKNOWN_SIGNER, "the signer certificate is registered to another agency");
                }
                if (certificate.notBefore() != null && appendedAt.isBefore(certificate.notBefore())) {
                    return refused(RejectionReason.CERTIFICATE_NOT_YET_VALID, "the signer certificate was not yet valid when appended");
                }
                if (certificate.notAfter() != null && appendedAt.isAfter(certificate.notAfter())) {
                    return refused(RejectionReason.CERTIFICATE_EXPIRED, "the signer certificate had expired when appended");
                }
                Revocation revocation = certificate.revocation();
                if (revocation != null && !appendedAt.isBefore(revocation.untrustedFrom())) {
                    return refused(RejectionReason.CERTIFICATE_REVOKED, "the signer certificate is revoked ("
                            + revocation.reason().name().toLowerCase(Locale.ROOT) + ") for envelopes appended from "
                            + revocation.untrustedFrom());
                }
                if (agency.suspended()) {
                    return refused(RejectionReason.AGENCY_SUSPENDED, "agency " + origin + " was suspended when appended");
                }
                if (!agency.memberOf(region)) {
                    return refused(RejectionReason.NOT_A_MEMBER, "agency " + origin + " was not a member of region " + region
                            + " when appended");
                }
            }
        }
        if (feed != null && !feed.regions().contains(region)) {
            return refused(RejectionReason.PUBLISH_NOT_PERMITTED, "the caller's token does not grant region " + region);
        }
        return PublishDecision.ACCEPTED;
    }

    /**
     * The envelope-profile part of the publish rule (issue 20): a region a trust administrator moved to the hybrid
     * profile takes only hybrid envelopes from the switch date on, judged as of the append time like the rest of the
     * rule (so an envelope appended before the switch stays, read again or not); before it, and in a classical
     * region, both profiles are taken.
     */
    public PublishDecision decideProfile(Optional<RegionProfile> region, EnvelopeProfile envelope, Instant appendedAt) {
        if (envelope == EnvelopeProfile.CLASSICAL && region.isPresent() && region.get().requiresHybridAt(appendedAt)) {
            return refused(RejectionReason.HYBRID_REQUIRED, "region " + region.get().region()
                    + " takes only hybrid (ML-KEM and ML-DSA) envelopes since "
                    + region.get().switchAt(appendedAt).orElseThrow().from());
        }
        return PublishDecision.ACCEPTED;
    }

    private static PublishDecision refused(RejectionReason reason, String message) {
        return new PublishDecision.Refused(reason, message);
    }
}
