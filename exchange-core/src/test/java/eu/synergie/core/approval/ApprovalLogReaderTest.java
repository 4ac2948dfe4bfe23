package eu.synergie.core.approval;

import eu.synergie.core.integrity.Freshness;
import eu.synergie.core.integrity.Rejection;
import eu.synergie.core.integrity.TestStamps;
import eu.synergie.crypto.stamp.ExchangeMac;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every instance does with the records of {@code synergie.approvals}: only what the exchange authenticated is
 * applied; an approval anyone appended (unsigned, under another key, another request's, replayed) is alarmed and
 * releases nothing.
 */
class ApprovalLogReaderTest {

    private final ApprovalRecords records = new ApprovalRecords(TestStamps.mac(Clock.systemUTC()), new Freshness(Duration.ofMinutes(5)));
    private final Approvals approvals = new Approvals();
    private final TestStamps.RecordingAlarm alarm = new TestStamps.RecordingAlarm();
    private final ApprovalLogReader reader = new ApprovalLogReader(records, approvals, alarm);
    private final ApprovalRequest request = new ApprovalRequest("hit-1", ApprovalJsonTest.REQUEST.subject(), "FR-DGPN",
            "EXCH-MED:ES-CNP", 1, Instant.now(), Instant.now().plus(Duration.ofDays(1)));

    @Test
    void acceptWhenAuthenticatedThenAppliedElseAlarmedAndNothingReleased() {
        ApprovalEvent approval = new ApprovalEvent.Approved("hit-1", "alice.bernard", "FR-DGPN", Instant.now());
        reader.accept("hit-1", records.seal(new ApprovalEvent.Requested(request)), 0, Instant.now());

        reader.accept("hit-1", ApprovalJson.write(approval), 1, Instant.now());
        reader.accept("hit-1", new ExchangeMac(TestStamps.aesKey(), Clock.systemUTC()).seal(ApprovalJson.write(approval)), 2,
                Instant.now());
        reader.accept("hit-2", records.seal(approval), 3, Instant.now());
        reader.accept("hit-1", null, 4, Instant.now());
        reader.accept("hit-1", records.seal(approval), 5, Instant.now().plus(Duration.ofHours(1)));
        reader.accept("hit-1", records.seal(approval), 6, null);
        assertThat(approvals.get("hit-1", Instant.now()).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);

        byte[] genuine = records.seal(approval);
        reader.accept("hit-1", genuine, 7, Instant.now());
        reader.accept("hit-1", genuine, 8, Instant.now());

        assertThat(approvals.get("hit-1", Instant.now()).orElseThrow().status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(alarm.reasons()).containsExactly(Rejection.UNSIGNED, Rejection.FORGED, Rejection.MISKEYED, Rejection.UNSIGNED,
                Rejection.REPLAYED, Rejection.UNREADABLE, Rejection.REPLAYED);
        assertThat(alarm.raised).extracting(TestStamps.RecordingAlarm.Raised::offset).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 8L);
    }
}
