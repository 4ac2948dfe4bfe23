package eu.synergie.core.rfi;

import eu.synergie.core.notice.Classification;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.Role;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A request for information's steps: who may take each, from which state, and what the request is after it. */
class InformationRequestTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final byte[] SEALED = {0x30, 0x03, 0x02, 0x01, 0x01};
    private static final InformationRequest.About POINTER = new InformationRequest.About(null, "OCRGDF-2026-0412");

    @Test
    void stepsWhenTheHolderRepliesThenReleasesThenTheThreadHoldsThemAndTheRequestIsClosed() {
        InformationRequest request = open(Urgency.NORMAL, null);

        InformationRequest taken = request.assign("FR-DGPN", "nadia.girard", NOW.plusSeconds(60));
        InformationRequest replied = taken.message("FR-DGPN", "nadia.girard", ThreadMessage.Step.REPLY, SEALED, NOW.plusSeconds(120));
        InformationRequest followed = replied.message("BE-PJF", "luc.peeters", ThreadMessage.Step.FOLLOW_UP, SEALED, NOW.plusSeconds(180));
        InformationRequest released = followed.message("FR-DGPN", "paul.lefevre", ThreadMessage.Step.RELEASE, SEALED, NOW.plusSeconds(240));

        assertThat(request.status()).isEqualTo(RequestStatus.OPEN);
        assertThat(taken.status()).isEqualTo(RequestStatus.IN_PROGRESS);
        assertThat(taken.assignee()).isEqualTo("nadia.girard");
        assertThat(replied.status()).isEqualTo(RequestStatus.ANSWERED);
        assertThat(followed.status()).isEqualTo(RequestStatus.IN_PROGRESS);
        assertThat(released.status()).isEqualTo(RequestStatus.RELEASED);
        assertThat(released.statusAt()).isEqualTo(NOW.plusSeconds(240));
        assertThat(released.thread()).extracting(ThreadMessage::step).containsExactly(ThreadMessage.Step.REQUEST,
                ThreadMessage.Step.REPLY, ThreadMessage.Step.FOLLOW_UP, ThreadMessage.Step.RELEASE);
        assertThat(released.assignee()).as("the one who took it").isEqualTo("nadia.girard");
        assertThatThrownBy(() -> released.message("FR-DGPN", "nadia.girard", ThreadMessage.Step.REPLY, SEALED, NOW.plusSeconds(300)))
                .isInstanceOf(RequestRefusedException.class).hasMessageContaining("released");
    }

    @Test
    void stepsWhenTakenByTheWrongSideThenRefused() {
        InformationRequest request = open(Urgency.NORMAL, null);

        for (ThreadMessage.Step holderStep : EnumSet.of(ThreadMessage.Step.REPLY, ThreadMessage.Step.ASK_BACK,
                ThreadMessage.Step.REFUSAL, ThreadMessage.Step.RELEASE)) {
            assertThatThrownBy(() -> request.message("BE-PJF", "luc.peeters", holderStep, SEALED, NOW))
                    .isInstanceOf(RequestRefusedException.class).hasMessageContaining("only the holder");
            assertThatThrownBy(() -> request.message("DE-BKA", "jonas.weber", holderStep, SEALED, NOW))
                    .isInstanceOf(RequestRefusedException.class);
        }
        assertThatThrownBy(() -> request.message("FR-DGPN", "nadia.girard", ThreadMessage.Step.FOLLOW_UP, SEALED, NOW))
                .hasMessageContaining("only the requester");
        assertThatThrownBy(() -> request.assign("BE-PJF", "luc.peeters", NOW)).hasMessageContaining("only the holder");
        assertThatThrownBy(() -> request.message("BE-PJF", "luc.peeters", ThreadMessage.Step.REQUEST, SEALED, NOW))
                .hasMessageContaining("follow-up");
    }

    @Test
    void overdueWhenUrgentPastItsDeadlineAndOpenThenFlaggedUntilClosed() {
        InformationRequest urgent = open(Urgency.URGENT, NOW.plus(Duration.ofHours(48)));

        assertThat(urgent.overdue(NOW.plus(Duration.ofHours(47)))).isFalse();
        assertThat(urgent.overdue(NOW.plus(Duration.ofHours(49)))).isTrue();
        InformationRequest refused = urgent.message("FR-DGPN", "nadia.girard", ThreadMessage.Step.REFUSAL, SEALED,
                NOW.plus(Duration.ofHours(50)));
        assertThat(refused.status()).isEqualTo(RequestStatus.REFUSED);
        assertThat(refused.overdue(NOW.plus(Duration.ofHours(51)))).isFalse();
        assertThat(open(Urgency.NORMAL, null).overdue(NOW.plus(Duration.ofDays(300)))).isFalse();
    }

    @Test
    void expireIfDueWhenPastItsExpiryThenExpiredAndNothingMoreHappens() {
        InformationRequest request = open(Urgency.NORMAL, null);

        assertThat(request.expireIfDue(NOW.plus(Duration.ofDays(29)))).isSameAs(request);
        InformationRequest expired = request.expireIfDue(NOW.plus(Duration.ofDays(30)));

        assertThat(expired.status()).isEqualTo(RequestStatus.EXPIRED);
        assertThatThrownBy(() -> request.message("FR-DGPN", "nadia.girard", ThreadMessage.Step.REPLY, SEALED,
                NOW.plus(Duration.ofDays(31)))).hasMessageContaining("expired");
        assertThat(expired.expireIfDue(NOW.plus(Duration.ofDays(40)))).isSameAs(expired);
    }

    @Test
    void openWhenInconsistentThenTheReasonIsNamed() {
        assertThatThrownBy(() -> open(Urgency.URGENT, null)).hasMessageContaining("deadline");
        assertThatThrownBy(() -> open(Urgency.NORMAL, NOW.plusSeconds(60))).hasMessageContaining("deadline");
        assertThatThrownBy(() -> open(Urgency.URGENT, NOW.minusSeconds(60))).hasMessageContaining("future");
        assertThatThrownBy(() -> InformationRequest.open("FR-DGPN", "claire.martin", "FR-DGPN", POINTER, "P", "L",
                Urgency.NORMAL, null, Duration.ofDays(30), NOW, SEALED)).hasMessageContaining("another");
        assertThatThrownBy(() -> InformationRequest.open("BE-PJF", "luc.peeters", "FR-DGPN", POINTER, " ", "L",
                Urgency.NORMAL, null, Duration.ofDays(30), NOW, SEALED)).hasMessageContaining("purpose");
        assertThatThrownBy(() -> new InformationRequest.About(null, null)).hasMessageContaining("notice");
        InformationRequest far = open(Urgency.URGENT, NOW.plus(Duration.ofDays(60)));
        assertThat(far.expiresAt()).as("never before the deadline").isEqualTo(far.deadline());
    }

    @Test
    void decideRequestWhenAnalystOfEitherPartyThenPermittedElseDenied() {
        AccessPolicy policy = new AccessPolicy();
        Caller requester = new Caller("luc.peeters", "BE-PJF", Set.of("EU-WEST"), Classification.RESTRICTED, Set.of(Role.ANALYST));
        Caller holder = new Caller("claire.martin", "FR-DGPN", Set.of("EU-WEST"), Classification.CONFIDENTIAL, Set.of(Role.ANALYST));
        Caller third = new Caller("jonas.weber", "DE-BKA", Set.of("EU-WEST"), Classification.SECRET, Set.of(Role.ANALYST));
        Caller feed = new Caller("feed-fr-dgpn", "FR-DGPN", Set.of("EU-WEST"), Classification.RESTRICTED, Set.of(Role.AGENCY_FEED));

        assertThat(policy.decideRequest(requester, "BE-PJF", "FR-DGPN").permitted()).isTrue();
        assertThat(policy.decideRequest(holder, "BE-PJF", "FR-DGPN").permitted()).isTrue();
        assertThat(policy.decideRequest(third, "BE-PJF", "FR-DGPN").permitted()).isFalse();
        assertThat(policy.decideRequest(feed, "BE-PJF", "FR-DGPN").permitted()).isFalse();
    }

    private static InformationRequest open(Urgency urgency, Instant deadline) {
        return InformationRequest.open("BE-PJF", "luc.peeters", "FR-DGPN", urgency == Urgency.URGENT
                        ? new InformationRequest.About(UUID.fromString("0b7f3c52-6d1e-4f0a-9a63-2f5d8e4c1a01"), null) : POINTER,
                "PJF-BXL-2026-311", "Loi du 9 décembre 2004, art. 4", urgency, deadline, Duration.ofDays(30), NOW, SEALED);
    }
}
