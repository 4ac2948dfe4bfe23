package eu.synergie.core.approval;

import eu.synergie.core.Refusal;
import eu.synergie.core.approval.ApprovalDecision.Reason;
import eu.synergie.core.approval.ApprovalRequest.Subject;
import eu.synergie.core.audit.AuditAction;
import eu.synergie.core.audit.AuditEvent;
import eu.synergie.core.audit.AuditOutcome;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.Role;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of four-eyes approval, each decision taken, appended and read back as the gateway will. */
class ApprovalsTest {

    static final Instant T0 = Instant.parse("2026-12-05T09:00:00Z");
    static final String NOTICE = "6f1c1f9e-3c1b-4d7e-9a51-0b5e2f7c9d10";
    static final Caller AUTHOR = caller("camille.roux", "FR-DGPN", Role.ANALYST, Role.RELEASE_APPROVER);
    static final Caller ALICE = caller("alice.bernard", "FR-DGPN", Role.ANALYST, Role.RELEASE_APPROVER);
    static final Caller BOB = caller("bob.lefevre", "FR-DGPN", Role.RELEASE_APPROVER);
    static final Caller ANALYST = caller("dana.moreau", "FR-DGPN", Role.ANALYST);
    static final Caller GERMAN = caller("erik.braun", "DE-BKA", Role.RELEASE_APPROVER);

    private final Approvals approvals = new Approvals();

    @Test
    void approveWhenTwoRequiredThenOneIsNotEnoughAndTheSecondApproves() {
        ApprovalRequest request = requested("hit-1", 2, Subject.Kind.POINTER_DISCLOSURE, "EXCH-MED/ES-CNP");

        ApprovalDecision first = decided(approvals.approve("hit-1", ALICE, T0.plusSeconds(60)));
        Approval afterOne = approvals.get("hit-1", T0.plusSeconds(61)).orElseThrow();
        ApprovalDecision second = decided(approvals.approve("hit-1", BOB, T0.plusSeconds(120)));

        assertThat(afterOne.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(afterOne.approvedBy()).containsExactly("alice.bernard");
        assertThat(approvals.get("hit-1", T0.plusSeconds(121))).get().satisfies(a -> {
            assertThat(a.status()).isEqualTo(ApprovalStatus.APPROVED);
            assertThat(a.approvedBy()).containsExactly("alice.bernard", "bob.lefevre");
            assertThat(a.closedAt()).isEqualTo(T0.plusSeconds(120));
        });
        assertThat(first.audit()).satisfies(audit -> {
            assertThat(audit.action()).isEqualTo(AuditAction.RELEASE_APPROVAL);
            assertThat(audit.outcome()).isEqualTo(AuditOutcome.SUCCESS);
            assertThat(audit.subject()).isEqualTo("alice.bernard");
            assertThat(audit.noticeIds()).containsExactly(NOTICE);
            assertThat(audit.recipients()).containsExactly("EXCH-MED/ES-CNP");
            assertThat(audit.change()).isEqualTo("approval-approved hit-1 POINTER_DISCLOSURE 1/2");
        });
        assertThat(second.audit().change()).endsWith("2/2");
        assertThat(request.approvalsRequired()).isEqualTo(2);
    }

    @Test
    void approveWhenTheRequesterThenRefusedAndItsApprovalInTheLogIgnored() {
        requested("release-1", 1, Subject.Kind.NOTICE_RELEASE, "EU-WEST");

        ApprovalDecision.Refused refused = refused(approvals.approve("release-1", AUTHOR, T0.plusSeconds(5)), Reason.SELF_APPROVAL);
        Approvals.Applied forced = approvals.apply(new ApprovalEvent.Approved("release-1", AUTHOR.subject(), "FR-DGPN",
                T0.plusSeconds(5)));

        assertThat(refused.refusal()).isEqualTo(new Refusal(Refusal.Kind.FORBIDDEN, "SELF_APPROVAL"));
        assertThat(refused.audit().outcome()).isEqualTo(AuditOutcome.REFUSED);
        assertThat(refused.audit().change()).isEqualTo("approval-approve release-1 refused=SELF_APPROVAL");
        assertThat(forced).isEqualTo(Approvals.Applied.IGNORED);
        assertThat(status("release-1")).isEqualTo(ApprovalStatus.PENDING);

        decided(approvals.approve("release-1", ALICE, T0.plusSeconds(9)));
        assertThat(status("release-1")).as("one approval by someone else releases").isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void approveWhenTheSamePersonTwiceThenRefusedAndCountedOnce() {
        requested("hit-2", 2, Subject.Kind.POINTER_DISCLOSURE, "EXCH-MED/ES-CNP");
        decided(approvals.approve("hit-2", ALICE, T0.plusSeconds(10)));

        refused(approvals.approve("hit-2", ALICE, T0.plusSeconds(20)), Reason.ALREADY_APPROVED);
        // Two instances took Alice's second click at once: the log holds her approval twice.
        Approvals.Applied again = approvals.apply(new ApprovalEvent.Approved("hit-2", "alice.bernard", "FR-DGPN", T0.plusSeconds(21)));

        assertThat(again).isEqualTo(Approvals.Applied.DUPLICATE);
        assertThat(approvals.get("hit-2", T0.plusSeconds(30))).get().satisfies(a -> {
            assertThat(a.status()).isEqualTo(ApprovalStatus.PENDING);
            assertThat(a.approvedBy()).containsExactly("alice.bernard");
        });
    }

    @Test
    void rejectWhenAnyApproverRejectsThenItEndsAndNothingIsDecidedAfter() {
        requested("hit-3", 2, Subject.Kind.POINTER_DISCLOSURE, "EXCH-MED/ES-CNP");
        decided(approvals.approve("hit-3", ALICE, T0.plusSeconds(10)));
        ApprovalDecision rejection = decided(approvals.reject("hit-3", BOB, T0.plusSeconds(20)));

        ApprovalDecision.Refused late = refused(approvals.approve("hit-3", ANALYST_APPROVER, T0.plusSeconds(30)),
                Reason.ALREADY_DECIDED);
        Approvals.Applied raced = approvals.apply(new ApprovalEvent.Approved("hit-3", "zoe.garnier", "FR-DGPN", T0.plusSeconds(21)));

        assertThat(approvals.get("hit-3", T0.plusSeconds(40))).get().satisfies(a -> {
            assertThat(a.status()).isEqualTo(ApprovalStatus.REJECTED);
            assertThat(a.rejectedBy()).isEqualTo("bob.lefevre");
            assertThat(a.approvedBy()).containsExactly("alice.bernard");
        });
        assertThat(raced).isEqualTo(Approvals.Applied.IGNORED);
        assertThat(late.detail()).isEqualTo("the request is rejected");
        assertThat(rejection.audit().action()).isEqualTo(AuditAction.RELEASE_REJECTION);
        assertThat(approvals.pending("FR-DGPN", T0.plusSeconds(40))).isEmpty();
    }

    @Test
    void rejectWhenTheRequesterThenAllowed() {
        requested("release-2", 1, Subject.Kind.NOTICE_RELEASE, "EU-WEST");

        decided(approvals.reject("release-2", AUTHOR, T0.plusSeconds(3)));

        assertThat(status("release-2")).isEqualTo(ApprovalStatus.REJECTED);
    }

    @Test
    void approveWhenPastTheExpiryThenRefusedReadAsExpiredAndTheSweepClosesIt() {
        ApprovalRequest request = requested("hit-4", 2, Subject.Kind.POINTER_DISCLOSURE, "EXCH-MED/ES-CNP");
        decided(approvals.approve("hit-4", ALICE, T0.plusSeconds(10)));
        Instant after = request.expiresAt();

        refused(approvals.approve("hit-4", BOB, after), Reason.EXPIRED);
        refused(approvals.reject("hit-4", BOB, after.plusSeconds(1)), Reason.EXPIRED);
        Approvals.Applied late = approvals.apply(new ApprovalEvent.Approved("hit-4", "bob.lefevre", "FR-DGPN", after));
        assertThat(approvals.get("hit-4", after)).get().extracting(Approval::status).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(approvals.expire(after.minusSeconds(1))).as("not yet").isEmpty();
        List<ApprovalDecision.Recorded> sweep = approvals.expire(after.plusSeconds(300));
        sweep.forEach(r -> approvals.apply(r.event()));

        assertThat(late).isEqualTo(Approvals.Applied.IGNORED);
        assertThat(sweep).singleElement().satisfies(r -> {
            assertThat(r.event()).isEqualTo(new ApprovalEvent.Expired("hit-4", after.plusSeconds(300)));
            assertThat(r.audit().action()).isEqualTo(AuditAction.RELEASE_EXPIRY);
            assertThat(r.audit().subject()).isEqualTo("system:approvals");
            assertThat(r.audit().agency()).isEqualTo("FR-DGPN");
        });
        assertThat(approvals.get("hit-4", T0)).get().satisfies(a -> {
            assertThat(a.status()).as("closed for good, whenever read").isEqualTo(ApprovalStatus.EXPIRED);
            assertThat(a.closedAt()).isEqualTo(after);
        });
        assertThat(approvals.expire(after.plusSeconds(600))).isEmpty();
        refused(approvals.approve("hit-4", BOB, T0.plusSeconds(30)), Reason.EXPIRED);
        assertThat(approvals.apply(new ApprovalEvent.Expired("hit-4", after.plusSeconds(900)))).isEqualTo(Approvals.Applied.DUPLICATE);
    }

    @Test
    void approveWhenNotAnApproverOrOfAnotherAgencyOrUnknownThenRefusedAndAnotherAgencyLearnsNothing() {
        requested("hit-5", 2, Subject.Kind.POINTER_DISCLOSURE, "EXCH-MED/ES-CNP");

        ApprovalDecision.Refused notApprover = refused(approvals.approve("hit-5", ANALYST, T0.plusSeconds(1)), Reason.NOT_APPROVER);
        ApprovalDecision.Refused german = refused(approvals.approve("hit-5", GERMAN, T0.plusSeconds(1)), Reason.OTHER_AGENCY);
        ApprovalDecision.Refused unknown = refused(approvals.reject("nope", ALICE, T0.plusSeconds(1)), Reason.UNKNOWN_REQUEST);
        Approvals.Applied forged = approvals.apply(new ApprovalEvent.Approved("hit-5", "erik.braun", "DE-BKA", T0.plusSeconds(1)));

        assertThat(notApprover.refusal().kind()).isEqualTo(Refusal.Kind.FORBIDDEN);
        assertThat(german.refusal()).as("the same answer as for no request at all").isEqualTo(unknown.refusal());
        assertThat(german.audit().noticeIds()).isEmpty();
        assertThat(german.audit().recipients()).isEmpty();
        assertThat(german.audit().agency()).isEqualTo("DE-BKA");
        assertThat(notApprover.audit().noticeIds()).containsExactly(NOTICE);
        assertThat(forged).isEqualTo(Approvals.Applied.IGNORED);
        assertThat(approvals.pending("DE-BKA", T0)).isEmpty();
        assertThat(approvals.pending("FR-DGPN", T0)).extracting(Approval::id).containsExactly("hit-5");
    }

    @Test
    void requestWhenTheSameIdAgainThenRefusedAndTheLogCopyIsADuplicate() {
        ApprovalRequest request = requested("hit-6", 2, Subject.Kind.POINTER_DISCLOSURE, "EXCH-MED/ES-CNP");

        ApprovalDecision.Refused again = refused(approvals.request(request), Reason.ALREADY_REQUESTED);

        assertThat(again.audit().outcome()).isEqualTo(AuditOutcome.REFUSED);
        assertThat(approvals.apply(new ApprovalEvent.Requested(request))).isEqualTo(Approvals.Applied.DUPLICATE);
        assertThat(approvals.apply(new ApprovalEvent.Requested(new ApprovalRequest("hit-6", request.subject(), "DE-BKA",
                "x", 1, T0, T0.plusSeconds(5))))).isEqualTo(Approvals.Applied.IGNORED);
        assertThat(approvals.get("hit-6", T0).orElseThrow().request()).isEqualTo(request);
    }

    @Test
    void pendingWhenSeveralAgenciesAndStatesThenTheAgencysOpenRequestsOldestFirst() {
        requested("b", 1, Subject.Kind.NOTICE_RELEASE, "EU-WEST");
        requested("a", 1, Subject.Kind.NOTICE_RELEASE, "EU-WEST");
        requested("c", 1, Subject.Kind.NOTICE_RELEASE, "EU-WEST");
        decided(approvals.approve("c", ALICE, T0.plusSeconds(1)));
        ApprovalRequest older = new ApprovalRequest("z-old", new Subject(Subject.Kind.NOTICE_RELEASE, NOTICE, "EU-WEST"),
                "FR-DGPN", AUTHOR.subject(), 1, T0.minusSeconds(60), T0.plus(Duration.ofDays(7)));
        decided(approvals.request(older));

        assertThat(approvals.pending("FR-DGPN", T0.plusSeconds(2))).extracting(Approval::id).containsExactly("z-old", "a", "b");
    }

    @Test
    void requestWhenMadeThenAuditedWithWhatWhoAndForWhom() {
        ApprovalRequest request = new ApprovalRequest("hit-7", new Subject(Subject.Kind.POINTER_DISCLOSURE, NOTICE,
                "EXCH-MED/ES-CNP"), "FR-DGPN", "EXCH-MED:ES-CNP", 2, T0, T0.plus(Duration.ofDays(14)));

        AuditEvent audit = decided(approvals.request(request)).audit();

        assertThat(audit.action()).isEqualTo(AuditAction.RELEASE_REQUEST);
        assertThat(audit.subject()).isEqualTo("EXCH-MED:ES-CNP");
        assertThat(audit.agency()).isEqualTo("FR-DGPN");
        assertThat(audit.noticeIds()).containsExactly(NOTICE);
        assertThat(audit.change()).isEqualTo("approval-requested hit-7 POINTER_DISCLOSURE approvals=2 expires=2026-12-19T09:00:00Z");
    }

    private static final Caller ANALYST_APPROVER = caller("zoe.garnier", "FR-DGPN", Role.RELEASE_APPROVER);

    @Test
    void answerWhenRevealApprovedByTwoThenTheFirstAnswerCountsAndNothingBefore() {
        Caller requester = caller("luc.peeters", "BE-PJF", Role.ANALYST);
        ApprovalRequest reveal = new ApprovalRequest("reveal:1", new Subject(Subject.Kind.PERSON_REVEAL, NOTICE, "BE-PJF",
                "W-3f9a0c1b2d4e5f60718293a4"), "FR-DGPN", requester.subject(), 2, T0, T0.plus(Duration.ofDays(14)),
                new ApprovalRequest.Justification("PJ-2026-0412", "CPP art. 706-58", "Le témoin est aussi cité dans notre affaire."));
        decided(approvals.request(reveal));
        byte[] envelope = {0x30, 0x03, 0x02, 0x01, 0x01};

        refused(approvals.answer("reveal:1", ALICE, envelope, T0.plusSeconds(10)), Reason.NOT_APPROVED);
        decided(approvals.approve("reveal:1", ALICE, T0.plusSeconds(20)));
        ApprovalDecision.Refused early = refused(approvals.answer("reveal:1", ALICE, envelope, T0.plusSeconds(30)), Reason.NOT_APPROVED);
        refused(approvals.approve("reveal:1", ALICE, T0.plusSeconds(40)), Reason.ALREADY_APPROVED);
        decided(approvals.approve("reveal:1", BOB, T0.plusSeconds(50)));
        refused(approvals.answer("reveal:1", GERMAN, envelope, T0.plusSeconds(60)), Reason.OTHER_AGENCY);
        refused(approvals.answer("reveal:1", requester, envelope, T0.plusSeconds(60)), Reason.OTHER_AGENCY);
        ApprovalDecision answered = decided(approvals.answer("reveal:1", BOB, envelope, T0.plusSeconds(70)));
        refused(approvals.answer("reveal:1", ALICE, new byte[] {1}, T0.plusSeconds(80)), Reason.ALREADY_ANSWERED);

        Approval approval = approvals.get("reveal:1", T0.plusSeconds(90)).orElseThrow();
        assertThat(approval.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(approval.answer().envelope()).isEqualTo(envelope);
        assertThat(approval.answer().by()).isEqualTo("bob.lefevre");
        assertThat(early.audit().outcome()).isEqualTo(AuditOutcome.REFUSED);
        assertThat(answered.audit()).satisfies(audit -> {
            assertThat(audit.action()).isEqualTo(AuditAction.REVEAL_ANSWER);
            assertThat(audit.recipients()).containsExactly("BE-PJF");
            assertThat(audit.noticeIds()).containsExactly(NOTICE);
        });
        // Read back from the log through its JSON, in order: the same state, the answer's bytes intact; an answer
        // appended before the approvals (a forged or reordered log) is ignored.
        List<ApprovalEvent> logged = new java.util.ArrayList<>(List.of(new ApprovalEvent.Requested(reveal)));
        for (Caller approver : List.of(ALICE, BOB)) {
            logged.add(new ApprovalEvent.Approved("reveal:1", approver.subject(), "FR-DGPN",
                    T0.plusSeconds(approver == ALICE ? 20 : 50)));
        }
        logged.add(((ApprovalDecision.Recorded) answered).event());
        Approvals replayed = new Approvals();
        for (ApprovalEvent event : logged) {
            assertThat(replayed.apply(ApprovalJson.read(ApprovalJson.write(event)))).as(event.toString())
                    .isEqualTo(Approvals.Applied.APPLIED);
        }
        Approval back = replayed.get("reveal:1", T0.plusSeconds(90)).orElseThrow();
        assertThat(back).usingRecursiveComparison().isEqualTo(approval);
        assertThat(back.answer().envelope()).isEqualTo(envelope);
        assertThat(back.request().justification().legalBasis()).isEqualTo("CPP art. 706-58");
        Approvals reordered = new Approvals();
        reordered.apply(new ApprovalEvent.Requested(reveal));
        assertThat(reordered.apply(((ApprovalDecision.Recorded) answered).event())).as("an answer before the approvals")
                .isEqualTo(Approvals.Applied.IGNORED);
    }

    @Test
    void requestWhenRevealWithoutJustificationOrWithOneApprovalThenRefused() {
        Subject subject = new Subject(Subject.Kind.PERSON_REVEAL, NOTICE, "BE-PJF", "W-3f9a0c1b2d4e5f60718293a4");
        var justification = new ApprovalRequest.Justification("PJ-1", "CPP", "why");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ApprovalRequest("reveal:2", subject, "FR-DGPN", "luc",
                2, T0, T0.plusSeconds(60))).hasMessageContaining("a reveal is justified and needs two approvals");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ApprovalRequest("reveal:2", subject, "FR-DGPN", "luc",
                1, T0, T0.plusSeconds(60), justification)).hasMessageContaining("two approvals");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Subject(Subject.Kind.PERSON_REVEAL, NOTICE, "BE-PJF"))
                .hasMessageContaining("names the pseudonym");
        requested("hit-9", 2, Subject.Kind.POINTER_DISCLOSURE, "EXCH-MED/ES-CNP");
        decided(approvals.approve("hit-9", ALICE, T0.plusSeconds(1)));
        decided(approvals.approve("hit-9", BOB, T0.plusSeconds(2)));
        refused(approvals.answer("hit-9", BOB, new byte[] {1}, T0.plusSeconds(3)), Reason.NOT_A_REVEAL);
    }

    private ApprovalRequest requested(String id, int approvals, Subject.Kind kind, String recipient) {
        ApprovalRequest request = new ApprovalRequest(id, new Subject(kind, NOTICE, recipient), "FR-DGPN", AUTHOR.subject(),
                approvals, T0, T0.plus(Duration.ofDays(7)));
        decided(this.approvals.request(request));
        return request;
    }

    /** Asserts the decision was recorded, and applies its event as the log's reader would. */
    private ApprovalDecision decided(ApprovalDecision decision) {
        assertThat(decision).isInstanceOf(ApprovalDecision.Recorded.class);
        assertThat(approvals.apply(((ApprovalDecision.Recorded) decision).event())).isEqualTo(Approvals.Applied.APPLIED);
        return decision;
    }

    private static ApprovalDecision.Refused refused(ApprovalDecision decision, Reason reason) {
        assertThat(decision).isInstanceOfSatisfying(ApprovalDecision.Refused.class, r -> assertThat(r.reason()).isEqualTo(reason));
        return (ApprovalDecision.Refused) decision;
    }

    private ApprovalStatus status(String id) {
        return approvals.get(id, T0.plusSeconds(60)).orElseThrow().status();
    }

    static Caller caller(String subject, String agency, Role... roles) {
        return new Caller(subject, agency, Set.of("EU-WEST"), Classification.SECRET, Set.of(roles));
    }
}
