package eu.synergie.gateway.wiring;

import eu.synergie.core.approval.ApprovalEvent;
import eu.synergie.core.approval.ApprovalRequest;
import eu.synergie.core.approval.Approvals;
import eu.synergie.core.audit.AuditEvent;
import eu.synergie.gateway.approval.ReadBack;
import eu.synergie.gateway.approval.ReleaseApprovals;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The expiry sweep runs on the instance holding the approvals group only, and a failed run does not stop the next. */
class ApprovalSweepTest {

    private static final Instant T0 = Instant.parse("2026-12-05T09:00:00Z");

    private final Approvals approvals = new Approvals();
    private final List<ApprovalEvent> appended = new ArrayList<>();
    private final List<AuditEvent> audited = new ArrayList<>();
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicBoolean holding = new AtomicBoolean();

    @Test
    void sweepWhenNotHoldingTheGroupThenNothingAppendedAndWhenHoldingThenTheExpiryIs() {
        ApprovalSweep sweep = sweepAt(T0.plus(Duration.ofDays(4)));

        sweep.sweep();
        assertThat(appended).isEmpty();

        holding.set(true);
        sweep.sweep();
        assertThat(appended).singleElement().isInstanceOf(ApprovalEvent.Expired.class);
        assertThat(audited).hasSize(1);
    }

    @Test
    void sweepWhenTheLogIsDownThenLoggedAndTheNextRunAppends() {
        ApprovalSweep sweep = sweepAt(T0.plus(Duration.ofDays(4)));
        holding.set(true);
        down.set(true);

        sweep.sweep();
        assertThat(appended).isEmpty();

        down.set(false);
        sweep.sweep();
        assertThat(appended).singleElement().isInstanceOf(ApprovalEvent.Expired.class);
    }

    private ApprovalSweep sweepAt(Instant now) {
        approvals.apply(new ApprovalEvent.Requested(new ApprovalRequest("hit-1", new ApprovalRequest.Subject(
                ApprovalRequest.Subject.Kind.POINTER_DISCLOSURE, "6f1c1f9e-3c1b-4d7e-9a51-0b5e2f7c9d10", "EXCH-B/DE-BKA"),
                "FR-DGPN", "system:federation", 2, T0, T0.plus(Duration.ofDays(3)))));
        ReleaseApprovals service = new ReleaseApprovals(approvals, event -> {
            if (down.get()) {
                throw new eu.synergie.core.intake.LogUnavailableException("synergie.approvals did not acknowledge", null);
            }
            appended.add(event);
        }, audited::add, new ReadBack(), Clock.fixed(now, ZoneOffset.UTC), Duration.ofMillis(100));
        return new ApprovalSweep(service, holding::get, Duration.ofMinutes(1));
    }
}
