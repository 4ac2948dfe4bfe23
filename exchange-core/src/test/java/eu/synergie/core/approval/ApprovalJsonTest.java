package eu.synergie.core.approval;

import eu.synergie.core.approval.ApprovalRequest.Subject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static eu.synergie.core.approval.ApprovalsTest.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Approval events to JSON and back, one object per event named by its kind, read strictly. */
class ApprovalJsonTest {

    static final ApprovalRequest REQUEST = new ApprovalRequest("hit-1", new Subject(Subject.Kind.POINTER_DISCLOSURE,
            ApprovalsTest.NOTICE, "EXCH-MED/ES-CNP"), "FR-DGPN", "EXCH-MED:ES-CNP", 2, T0, T0.plusSeconds(86_400));

    @Test
    void readWhenWrittenThenEqualForEveryKind() {
        List<ApprovalEvent> events = List.of(new ApprovalEvent.Requested(REQUEST),
                new ApprovalEvent.Approved("hit-1", "alice.bernard", "FR-DGPN", T0.plusSeconds(60)),
                new ApprovalEvent.Rejected("hit-1", "bob.lefevre", "FR-DGPN", T0.plusSeconds(120)),
                new ApprovalEvent.Expired("hit-1", Instant.parse("2026-12-06T09:00:00.123Z")));

        for (ApprovalEvent event : events) {
            assertThat(ApprovalJson.read(ApprovalJson.write(event))).isEqualTo(event);
        }
        assertThat(new String(ApprovalJson.write(events.get(1)), StandardCharsets.UTF_8)).isEqualTo(
                "{\"event\":\"APPROVED\",\"requestId\":\"hit-1\",\"by\":\"alice.bernard\",\"agency\":\"FR-DGPN\","
                        + "\"at\":\"2026-12-05T09:01:00Z\"}");
        assertThat(new String(ApprovalJson.write(events.getFirst()), StandardCharsets.UTF_8))
                .startsWith("{\"event\":\"REQUESTED\",\"request\":{\"id\":\"hit-1\"");
    }

    @Test
    void readWhenUnknownKindMemberRepeatedOrBrokenRuleThenRefused() {
        String approved = "{\"event\":\"APPROVED\",\"requestId\":\"hit-1\",\"by\":\"alice.bernard\",\"agency\":\"FR-DGPN\","
                + "\"at\":\"2026-12-05T09:01:00Z\"";

        assertThat(ApprovalJson.read((approved + "}").getBytes(StandardCharsets.UTF_8))).isInstanceOf(ApprovalEvent.Approved.class);
        for (String bad : List.of(approved.replace("APPROVED", "RELEASED") + "}", approved + ",\"weight\":2}",
                approved + ",\"by\":\"mallory\"}", approved.replace(",\"by\":\"alice.bernard\"", "") + "}",
                approved.replace("\"event\":\"APPROVED\",", "") + "}", "null", "[]", approved)) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> ApprovalJson.read(bad.getBytes(StandardCharsets.UTF_8)))
                    .withMessageStartingWith("unreadable approval event");
        }
    }
}
