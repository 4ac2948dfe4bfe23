package eu.synergie.gateway.federation;

import eu.synergie.core.approval.Approval;
import eu.synergie.core.approval.ApprovalRequest;
import eu.synergie.core.audit.AuditAction;
import eu.synergie.core.audit.AuditEvent;
import eu.synergie.core.audit.AuditLog;
import eu.synergie.core.audit.AuditOutcome;
import eu.synergie.core.federation.FederationHits;
import eu.synergie.core.federation.FederationOutbox;
import eu.synergie.core.federation.OwnNotices;
import eu.synergie.core.federation.Pointer;
import eu.synergie.core.federation.PointerInbox;
import eu.synergie.core.federation.hits.HitMatch;
import eu.synergie.core.integrity.LogAlarm;
import eu.synergie.core.integrity.Rejection;
import eu.synergie.core.matching.Alert;
import eu.synergie.core.matching.AlertLog;
import eu.synergie.core.matching.EntityHoldings;
import eu.synergie.core.trust.PeerRecord;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.crypto.pki.Pem;
import eu.synergie.crypto.stamp.ExchangeSignatures;
import eu.synergie.crypto.stamp.ExchangeSigner;
import eu.synergie.crypto.stamp.StampException;
import eu.synergie.gateway.approval.ApprovalRefusedException;
import eu.synergie.gateway.approval.ReleaseApprovals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What follows a hit between two exchanges, on each side for its own notice: a pending disclosure for the owning
 * agency's {@code release-approver}s (two different people, never the asker); once approved, the pointer (holder agency,
 * case reference) sent signed to the peer; and at the peer, that pointer delivered as an alert to the agency whose
 * notice shares the value. Never the notice itself, never the value. Each step audited on its side.
 */
public final class FederationDisclosures implements FederationHits.Matched, PointerInbox {

    private static final Logger LOG = LoggerFactory.getLogger(FederationDisclosures.class);

    private final String self;
    private final TrustRegistry registry;
    private final OwnNotices ownNotices;
    private final ReleaseApprovals approvals;
    private final FederationOutbox.Sender sender;
    private final ExchangeSigner signer;
    private final AlertLog alerts;
    private final AuditLog audit;
    private final LogAlarm alarm;
    private final Duration expiry;
    private final Clock clock;

    public FederationDisclosures(String self, TrustRegistry registry, OwnNotices ownNotices, ReleaseApprovals approvals,
                                 FederationOutbox.Sender sender, ExchangeSigner signer, AlertLog alerts, AuditLog audit,
                                 LogAlarm alarm, Duration expiry, Clock clock) {
        this.self = self;
        this.registry = registry;
        this.ownNotices = ownNotices;
        this.approvals = approvals;
        this.sender = sender;
        this.signer = signer;
        this.alerts = alerts;
        this.audit = audit;
        this.alarm = alarm;
        this.expiry = expiry;
        this.clock = clock;
        approvals.onApproved(this::approved);
    }

    /** A hit on one of this exchange's notices: a pending disclosure at its agency, once per pair of notices. */
    @Override
    public void matched(HitMatch match) {
        Optional<EntityHoldings.Holding> own = ownNotices.standing(match.ownNoticeId());
        if (own.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        ApprovalRequest request = new ApprovalRequest("hit:" + match.id(), new ApprovalRequest.Subject(
                ApprovalRequest.Subject.Kind.POINTER_DISCLOSURE, match.ownNoticeId().toString(),
                match.peerExchange() + ":" + match.peerNoticeId()), own.get().markings().originAgency(),
                "exchange:" + match.peerExchange(), 2, now, now.plus(expiry));
        try {
            approvals.request(request);
        } catch (ApprovalRefusedException e) {
            LOG.warn("the pending disclosure {} could not be opened: {}", request.id(), e.getMessage());
        }
    }

    /** Two approvers agreed: the pointer leaves for the peer (called at least once per approval: the same record again is harmless). */
    private void approved(Approval approval) {
        ApprovalRequest request = approval.request();
        // Only the disclosures this class opened ("hit:…", recipient "<peer>:<its notice id>"); the listener is told of
        // every approval, and throwing for another's would hold up the ones after it.
        if (request.subject().kind() != ApprovalRequest.Subject.Kind.POINTER_DISCLOSURE || !request.id().startsWith("hit:")) {
            return;
        }
        String recipient = request.subject().recipient();
        int colon = recipient.lastIndexOf(':');
        String peer;
        UUID peerNotice;
        UUID ownNotice;
        try {
            peer = recipient.substring(0, colon);
            peerNotice = UUID.fromString(recipient.substring(colon + 1));
            ownNotice = UUID.fromString(request.subject().noticeId());
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            LOG.warn("the approved disclosure {} names no peer's notice: nothing is sent", request.id());
            return;
        }
        if (registry.peer(peer).filter(PeerRecord::active).isEmpty()) {
            LOG.warn("the approved disclosure {} is not sent: {} is no longer a peer", request.id(), peer);
            return;
        }
        Optional<EntityHoldings.Holding> own = ownNotices.standing(ownNotice);
        if (own.isEmpty()) {
            LOG.info("the approved disclosure {} is not sent: its notice no longer stands", request.id());
            return;
        }
        Pointer pointer = new Pointer(self, peer, request.id(), peerNotice, own.get().markings().originAgency(),
                own.get().caseRef(), clock.instant());
        audit.append(new AuditEvent(clock.instant(), AuditAction.DISCLOSURE, "system:federation", pointer.holderAgency(),
                "release approved by " + String.join(" and ", approval.approvedBy()) + " (" + request.id() + ")", null,
                List.of(ownNotice.toString()), List.of("exchange:" + peer), "pointer", AuditOutcome.SUCCESS));
        sender.send(List.of(new FederationOutbox.Outgoing(peer, FederationOutbox.Kind.POINTER, "pointer:" + request.id(),
                signer.sign(pointer.toJson()), null)));
    }

    /** A pointer a peer released: an alert to the agency whose notice it names, if that notice stands here. */
    @Override
    public void received(String peer, byte[] value) {
        Optional<PeerRecord> registered = registry.peer(peer).filter(PeerRecord::active);
        if (registered.isEmpty() || value == null) {
            alarm.rejected(FederationOutbox.topicFor(self), peer, -1, Rejection.FORGED, "a pointer from a peer not active here");
            return;
        }
        Pointer pointer;
        try {
            pointer = Pointer.fromJson(ExchangeSignatures.ofPeer(Pem.readCertificates(registered.get().rootPem()).getFirst())
                    .open(value).content());
        } catch (StampException | IllegalArgumentException e) {
            alarm.rejected(FederationOutbox.topicFor(self), peer, -1, Rejection.FORGED, "a pointer not signed by " + peer);
            return;
        }
        if (!pointer.from().equals(peer) || !pointer.to().equals(self)) {
            alarm.rejected(FederationOutbox.topicFor(self), peer, -1, Rejection.MISKEYED, "a pointer addressed elsewhere");
            return;
        }
        // Both exchanges name a hit alike ("hit:" and the pair's id) and each opened its own disclosure on finding it,
        // before this pointer could come (the peer's hashes come first on the same topic): a pointer that answers no
        // hit found here is not one to deliver, whoever signed it.
        Optional<ApprovalRequest> hit = approvals.opened(pointer.requestId());
        if (hit.isEmpty() || hit.get().subject().kind() != ApprovalRequest.Subject.Kind.POINTER_DISCLOSURE
                || !hit.get().subject().noticeId().equals(pointer.noticeId().toString())
                || !hit.get().subject().recipient().startsWith(peer + ":")) {
            alarm.rejected(FederationOutbox.topicFor(self), peer, -1, Rejection.MISKEYED,
                    "a pointer that answers no hit found here");
            return;
        }
        Optional<EntityHoldings.Holding> own = ownNotices.standing(pointer.noticeId());
        if (own.isEmpty()) {
            return;
        }
        String agency = own.get().markings().originAgency();
        alerts.append(List.of(new Alert.Hit("fed-" + pointer.requestId().replace(':', '-'), agency, clock.instant(),
                pointer.noticeId(), own.get().markings(), null, null, Alert.Form.POINTER, null,
                pointer.holderAgency() + " @ " + peer, null, pointer.caseRef())));
        audit.append(new AuditEvent(clock.instant(), AuditAction.FEDERATION_RECEIPT, "system:federation", agency, null, null,
                List.of(pointer.noticeId().toString()), List.of("exchange:" + peer), "pointer " + pointer.requestId(),
                AuditOutcome.SUCCESS));
    }
}
