package eu.synergie.gateway.approval;

import eu.synergie.core.approval.Approval;
import eu.synergie.core.approval.ApprovalDecision.Reason;
import eu.synergie.core.approval.ApprovalEvent;
import eu.synergie.core.approval.ApprovalLog;
import eu.synergie.core.approval.ApprovalRequest;
import eu.synergie.core.approval.ApprovalRequest.Subject;
import eu.synergie.core.approval.ApprovalStatus;
import eu.synergie.core.approval.Approvals;
import eu.synergie.core.audit.AuditAction;
import eu.synergie.core.audit.AuditEvent;
import eu.synergie.core.audit.AuditOutcome;
import eu.synergie.core.intake.LogUnavailableException;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.Role;
import eu.synergie.gateway.api.Problems;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The service in front of the approval rules, over a log of our own that this instance "reads back" at once (or
 * never, or not at all): what is appended and audited, what is answered, who is told of an approval.
 */
class ReleaseApprovalsTest {

    private static final Instant T0 = Instant.parse("2026-12-05T09:00:00Z");
    private static final String NOTICE = "6f1c1f9e-3c1b-4d7e-9a51-0b5e2f7c9d10";
    private static final Caller NADIA = caller("nadia.girard", "FR-DGPN", Role.RELEASE_APPROVER);
    private static final Caller PAUL = caller("paul.lefevre", "FR-DGPN", Role.RELEASE_APPROVER);
    private static final Caller AN = caller("an.devos", "BE-PJF", Role.RELEASE_APPROVER);
    private static final Caller CLAIRE = caller("claire.martin", "FR-DGPN", Role.ANALYST);

    private final TestClock clock = new TestClock(T0);
    private final Approvals approvals = new Approvals();
    private final ReadBack readBack = new ReadBack();
    private final FakeLog log = new FakeLog();
    private final List<AuditEvent> audited = new ArrayList<>();
    private final ReleaseApprovals service = new ReleaseApprovals(approvals, log, audited::add, readBack, clock,
            Duration.ofMillis(300));

    @Test
    void requestWhenNewThenAppendedReadBackAndAuditedPending() {
        Approval approval = service.request(pointer("hit-1"));

        assertThat(approval.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(log.appended).singleElement().isInstanceOf(ApprovalEvent.Requested.class);
        assertThat(audited).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.RELEASE_REQUEST);
            assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCESS);
            assertThat(e.noticeIds()).containsExactly(NOTICE);
        });
    }

    @Test
    void requestWhenTheSameThingAskedAgainThenOneRequestAndTheSecondAskingAuditedAsRefused() {
        Approval first = service.request(pointer("hit-1"));
        clock.advance(Duration.ofMinutes(1));

        Approval again = service.request(pointer("hit-1"));

        assertThat(again.request()).isEqualTo(first.request());
        assertThat(log.appended).hasSize(1);
        assertThat(audited).last().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.REFUSED);
            assertThat(e.change()).contains("ALREADY_REQUESTED");
        });
    }

    @Test
    void requestWhenTheIdIsAnotherRequestsThenRefusedAlreadyRequested() {
        service.request(pointer("hit-1"));
        ApprovalRequest other = new ApprovalRequest("hit-1", new Subject(Subject.Kind.POINTER_DISCLOSURE, NOTICE,
                "EXCH-B/ES-CNP"), "FR-DGPN", "system:federation", 2, T0, T0.plus(Duration.ofDays(3)));

        ApprovalRefusedException refused = catchThrowableOfType(ApprovalRefusedException.class, () -> service.request(other));

        assertThat(refused.reason()).isEqualTo(Reason.ALREADY_REQUESTED);
        assertThat(Problems.of(refused).status()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void approveWhenTwoRequiredThenPendingAfterOneApprovedAfterTwoAndTheListenersToldOnceForTheApprovingEvent() {
        List<Approval> told = new ArrayList<>();
        service.onApproved(told::add);
        service.request(pointer("hit-1"));

        Approval afterNadia = service.approve("hit-1", NADIA);
        ApprovalRefusedException twice = catchThrowableOfType(ApprovalRefusedException.class,
                () -> service.approve("hit-1", NADIA));
        Approval afterPaul = service.approve("hit-1", PAUL);

        assertThat(afterNadia.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(afterNadia.approvedBy()).containsExactly("nadia.girard");
        assertThat(twice.reason()).isEqualTo(Reason.ALREADY_APPROVED);
        assertThat(afterPaul.status()).isEqualTo(ApprovalStatus.APPROVED);
        // What the approvals group reads, in log order: only Paul's approval tells.
        List<Boolean> tells = log.appended.stream().map(service::tellIfApproving).toList();
        assertThat(tells).containsExactly(false, false, true);
        assertThat(told).singleElement().satisfies(a -> assertThat(a.id()).isEqualTo("hit-1"));
        assertThat(audited).extracting(AuditEvent::action, AuditEvent::subject, AuditEvent::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AuditAction.RELEASE_REQUEST, "system:federation", AuditOutcome.SUCCESS),
                org.assertj.core.groups.Tuple.tuple(AuditAction.RELEASE_APPROVAL, "nadia.girard", AuditOutcome.SUCCESS),
                org.assertj.core.groups.Tuple.tuple(AuditAction.RELEASE_APPROVAL, "nadia.girard", AuditOutcome.REFUSED),
                org.assertj.core.groups.Tuple.tuple(AuditAction.RELEASE_APPROVAL, "paul.lefevre", AuditOutcome.SUCCESS));
    }

    @Test
    void tellWhenTheListenerIsRemovedThenNotCalled() {
        List<Approval> told = new ArrayList<>();
        ReleaseApprovals.Registration registration = service.onApproved(told::add);
        service.request(new ApprovalRequest("rel-1", new Subject(Subject.Kind.NOTICE_RELEASE, NOTICE, "EU-WEST"), "FR-DGPN",
                "claire.martin", 1, T0, T0.plus(Duration.ofDays(3))));
        service.approve("rel-1", NADIA);
        registration.close();

        assertThat(service.tellIfApproving(log.appended.getLast())).isTrue();
        assertThat(told).isEmpty();
    }

    @Test
    void decideWhenAnotherAgencysRequestThenAnsweredWordForWordAsAnUnknownOne() {
        service.request(pointer("hit-1"));

        ApprovalRefusedException other = catchThrowableOfType(ApprovalRefusedException.class, () -> service.approve("hit-1", AN));
        ApprovalRefusedException unknown = catchThrowableOfType(ApprovalRefusedException.class, () -> service.approve("hit-9", AN));
        ApprovalRefusedException read = catchThrowableOfType(ApprovalRefusedException.class, () -> service.get("hit-1", AN));

        Problems.Answer otherAnswer = Problems.of(other);
        assertThat(otherAnswer.status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(otherAnswer.reason()).isEqualTo("APPROVAL_NOT_FOUND");
        assertThat(otherAnswer).isEqualTo(Problems.of(unknown)).isEqualTo(Problems.of(read));
        assertThat(service.pending(AN)).isEmpty();
        assertThat(log.appended).hasSize(1);
        // The refusal is audited for the caller's agency, without the other agency's notice.
        assertThat(audited).last().satisfies(e -> {
            assertThat(e.agency()).isEqualTo("BE-PJF");
            assertThat(e.noticeIds()).isEmpty();
            assertThat(e.outcome()).isEqualTo(AuditOutcome.REFUSED);
        });
    }

    @Test
    void readWhenNotAnApproverThenRefusedForbidden() {
        service.request(pointer("hit-1"));

        assertThatThrownBy(() -> service.pending(CLAIRE)).isInstanceOfSatisfying(ApprovalRefusedException.class,
                e -> assertThat(Problems.of(e).status()).isEqualTo(HttpStatus.FORBIDDEN));
        assertThatThrownBy(() -> service.get("hit-1", CLAIRE)).isInstanceOf(ApprovalRefusedException.class);
        assertThat(service.pending(NADIA)).extracting(Approval::id).containsExactly("hit-1");
    }

    @Test
    void rejectThenRejectedAndNoApprovalAfter() {
        service.request(pointer("hit-1"));

        Approval rejected = service.reject("hit-1", PAUL);

        assertThat(rejected.status()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(rejected.rejectedBy()).isEqualTo("paul.lefevre");
        assertThat(catchThrowableOfType(ApprovalRefusedException.class, () -> service.approve("hit-1", NADIA)).reason())
                .isEqualTo(Reason.ALREADY_DECIDED);
        assertThat(audited).extracting(AuditEvent::action).containsExactly(AuditAction.RELEASE_REQUEST,
                AuditAction.RELEASE_REJECTION, AuditAction.RELEASE_APPROVAL);
    }

    @Test
    void expireDueWhenTheExpiryIsNotReadBackYetThenAppendedAndAuditedOnceAcrossRuns() {
        service.request(pointer("hit-1"));
        clock.advance(Duration.ofDays(4));
        log.applying = false;

        assertThat(service.expireDue()).isEqualTo(1);
        assertThat(service.expireDue()).isZero();

        assertThat(log.appended).hasSize(2).last().isInstanceOf(ApprovalEvent.Expired.class);
        assertThat(audited).filteredOn(e -> e.action() == AuditAction.RELEASE_EXPIRY).hasSize(1);
        assertThat(catchThrowableOfType(ApprovalRefusedException.class, () -> service.approve("hit-1", NADIA)).reason())
                .isEqualTo(Reason.EXPIRED);
    }

    @Test
    void approveWhenNotReadBackInTimeThenUnavailableButAudited() {
        service.request(pointer("hit-1"));
        log.applying = false;

        assertThatThrownBy(() -> service.approve("hit-1", NADIA)).isInstanceOf(ApprovalLogUnavailableException.class);

        assertThat(log.appended).hasSize(2);
        assertThat(audited).last().satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCESS));
    }

    @Test
    void requestWhenTheLogIsDownThenUnavailableAndNothingAudited() {
        log.down = true;

        ApprovalLogUnavailableException down = catchThrowableOfType(ApprovalLogUnavailableException.class,
                () -> service.request(pointer("hit-1")));

        assertThat(Problems.of(down).status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(Problems.of(down).reason()).isEqualTo("APPROVALS_LOG_UNAVAILABLE");
        assertThat(audited).isEmpty();
        assertThat(approvals.get("hit-1", T0)).isEmpty();
    }

    private ApprovalRequest pointer(String id) {
        return new ApprovalRequest(id, new Subject(Subject.Kind.POINTER_DISCLOSURE, NOTICE, "EXCH-B/DE-BKA"), "FR-DGPN",
                "system:federation", 2, clock.instant(), clock.instant().plus(Duration.ofDays(3)));
    }

    private static Caller caller(String subject, String agency, Role... roles) {
        return new Caller(subject, agency, Set.of("EU-WEST"), Classification.RESTRICTED, Set.of(roles));
    }

    /** The log as the follower reads it back: applied at once, in order (unless told not to), or down. */
    private final class FakeLog implements ApprovalLog {
        final List<ApprovalEvent> appended = new ArrayList<>();
        boolean applying = true;
        boolean down;

        @Override
        public void append(ApprovalEvent event) {
            if (down) {
                throw new LogUnavailableException("synergie.approvals did not acknowledge", null);
            }
            appended.add(event);
            if (applying) {
                approvals.apply(event);
                readBack.read(appended.size() - 1);
            }
        }
    }

    private static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
