package eu.synergie.gateway.api;

import eu.synergie.core.Refusal;
import eu.synergie.core.approval.Approval;
import eu.synergie.core.approval.ApprovalRequest;
import eu.synergie.core.index.FetchedNotice;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.Role;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.crypto.envelope.EnvelopeException;
import eu.synergie.crypto.envelope.EnvelopeRecipients;
import eu.synergie.gateway.approval.ReleaseApprovals;
import eu.synergie.gateway.audit.ConsultationAudit;
import eu.synergie.gateway.wiring.ApprovalProperties;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Reveal requests for protected persons (issue 18): an analyst of another agency who may read a notice asks its
 * originating agency who a protected person of it is, with a purpose, a legal basis and a reason; two of that agency's
 * release approvers decide (four eyes, {@code core.approval}); the agency's own tool answers with an envelope signed
 * by the agency and encrypted to the requester's agency only, which the exchange checks by its recipients, keeps in
 * the approvals log, never indexes, and hands to the requester alone. The exchange never sees who the person is.
 */
@Component
public class PersonReveals {

    private final NoticeReading notices;
    private final ReleaseApprovals approvals;
    private final TrustRegistry trust;
    private final ConsultationAudit audit;
    private final Clock clock;
    private final Duration expiry;

    PersonReveals(NoticeReading notices, ReleaseApprovals approvals, TrustRegistry trust, ConsultationAudit audit, Clock clock,
                  ApprovalProperties properties) {
        this.notices = Objects.requireNonNull(notices, "notices");
        this.approvals = Objects.requireNonNull(approvals, "approvals");
        this.trust = Objects.requireNonNull(trust, "trust");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.expiry = properties.revealExpiry();
    }

    /**
     * Asks the originator of notice {@code id} who {@code pseudonym} is. The same analyst asking again about the same
     * person of the same notice while the request waits gets that request (nothing new is recorded); once it is closed,
     * a new one.
     *
     * @throws NoticeNotFoundException if the caller may not read the notice
     * @throws RevealRefusedException  if the notice names no such protected person, or is the caller's own agency's
     */
    public Asked request(Caller analyst, String purpose, String id, String pseudonym, String legalBasis, String reason) {
        String why = NoticeReading.requirePurpose(purpose);
        FetchedNotice fetched = notices.readable(analyst, id);
        var notice = fetched.notice();
        boolean named = notice.entities().stream().anyMatch(e -> e.protection() != null && e.value().equals(pseudonym));
        if (!named) {
            // Never echoed: what was typed may be a name.
            throw new RevealRefusedException(Refusal.Kind.NOT_FOUND, "PROTECTED_PERSON_NOT_FOUND",
                    "the notice names no protected person by that pseudonym");
        }
        if (notice.originAgency().equals(analyst.agency())) {
            throw new RevealRefusedException(Refusal.Kind.CONFLICT, "OWN_AGENCY",
                    "the person is protected by your own agency: ask there, not through the exchange");
        }
        if (trust.agency(notice.originAgency()).isEmpty()) {
            // A notice of a peer exchange's agency: nobody here can decide; the peer's own exchange is where to ask.
            throw new RevealRefusedException(Refusal.Kind.CONFLICT, "FEDERATED_NOTICE", "the notice comes from "
                    + notice.originAgency() + " through a peer exchange, whose approvers this exchange does not have: "
                    + "ask through that exchange");
        }
        String asker = notice.noticeId() + "\n" + pseudonym + "\n" + analyst.agency() + "\n" + analyst.subject();
        java.util.Optional<Approval> pending = approvals.pendingOf(notice.originAgency()).stream()
                .filter(a -> a.request().subject().kind() == ApprovalRequest.Subject.Kind.PERSON_REVEAL
                        && a.request().subject().noticeId().equals(notice.noticeId().toString())
                        && a.request().subject().item().equals(pseudonym)
                        && a.request().subject().recipient().equals(analyst.agency())
                        && a.request().requestedBy().equals(analyst.subject())).findFirst();
        if (pending.isPresent()) {
            // Asking again while the first request waits is that request, unchanged: its approvers decide on what it says.
            return new Asked(pending.get(), false);
        }
        ApprovalRequest.Justification justification;
        try {
            justification = new ApprovalRequest.Justification(why, legalBasis == null ? null : legalBasis.strip(),
                    reason == null ? null : reason.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(e.getMessage());
        }
        Instant now = clock.instant();
        // A closed request (rejected, expired, answered) leaves room for a new one, with its own justification.
        String requestId = "reveal:" + digest(asker + "\n" + now);
        ApprovalRequest request = new ApprovalRequest(requestId, new ApprovalRequest.Subject(
                ApprovalRequest.Subject.Kind.PERSON_REVEAL, notice.noticeId().toString(), analyst.agency(), pseudonym),
                notice.originAgency(), analyst.subject(), 2, now, now.plus(expiry), justification);
        audit.revealRequested(analyst, why, notice.noticeId(), notice.originAgency(), requestId, pseudonym);
        return new Asked(approvals.request(request), true);
    }

    /** A reveal request, and whether this call made it (or found it waiting). */
    public record Asked(Approval approval, boolean made) {
    }

    /** The reveal as its requester or its owning agency sees it; anyone else is answered as for an unknown id. */
    public Approval get(Caller caller, String id) {
        Approval approval = approvals.state(id)
                .filter(a -> a.request().subject().kind() == ApprovalRequest.Subject.Kind.PERSON_REVEAL)
                .orElseThrow(RevealRefusedException::notFound);
        if (!isRequester(caller, approval) && !isOwner(caller, approval)) {
            throw RevealRefusedException.notFound();
        }
        return approval;
    }

    /**
     * Whether {@code caller} answers for the owning agency: its approvers (who decide) and its feed (whose tool
     * answers). Its analysts do not see who asks it what.
     */
    public static boolean isOwner(Caller caller, Approval approval) {
        return approval.request().agency().equals(caller.agency())
                && (caller.has(Role.RELEASE_APPROVER) || caller.has(Role.AGENCY_FEED));
    }

    private static boolean isRequester(Caller caller, Approval approval) {
        return approval.request().requestedBy().equals(caller.subject())
                && approval.request().subject().recipient().equals(caller.agency());
    }

    /**
     * The requester's agency's certificates an answer may be encrypted to: its EC certificates valid now and not
     * revoked, as the trust registry holds them.
     */
    public List<X509Certificate> answerRecipients(Approval approval) {
        return AgencyCertificates.current(trust, approval.request().subject().recipient(), clock.instant());
    }

    /**
     * The owning agency's answer: refused unless every recipient of the envelope is a current certificate of the
     * requester's agency (so that nobody else, the exchange and the owner included, can open what it holds).
     */
    public Approval answer(Caller caller, String id, byte[] envelope) {
        Approval approval = get(caller, id);
        if (!isOwner(caller, approval)) {
            throw RevealRefusedException.notFound();
        }
        List<X509Certificate> recipients = answerRecipients(approval);
        if (recipients.isEmpty()) {
            throw new RevealRefusedException(Refusal.Kind.CONFLICT, "NO_RECIPIENT_CERTIFICATE", "agency "
                    + approval.request().subject().recipient() + " has no current certificate to encrypt the answer to");
        }
        try {
            EnvelopeRecipients.requireOnly(envelope, recipients);
        } catch (EnvelopeException e) {
            throw new RevealRefusedException(Refusal.Kind.UNPROCESSABLE, "ANSWER_NOT_FOR_REQUESTER_ONLY",
                    "the answer must be an envelope (AuthEnvelopedData) for agency " + approval.request().subject().recipient()
                            + "'s current certificates only: " + e.getMessage());
        }
        return approvals.answer(id, caller, envelope);
    }

    /** The answer's envelope, for the requester alone, audited. */
    public byte[] readAnswer(Caller caller, String id) {
        Approval approval = get(caller, id);
        if (!isRequester(caller, approval)) {
            throw RevealRefusedException.notFound();
        }
        if (approval.answer() == null) {
            throw new RevealRefusedException(Refusal.Kind.NOT_FOUND, "REVEAL_NOT_ANSWERED",
                    "the reveal is " + approval.status().name().toLowerCase(java.util.Locale.ROOT) + " and not answered yet");
        }
        // Read for the purpose the request was made for: the answer serves that case only.
        audit.revealRead(caller, approval.request().justification().purpose(), approval.request().subject().noticeId(),
                approval.request().agency(), id);
        return approval.answer().envelope();
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
