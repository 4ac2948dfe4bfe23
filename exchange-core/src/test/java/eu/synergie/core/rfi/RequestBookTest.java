package eu.synergie.core.rfi;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The requests every instance holds: each step's version follows the last, the log's order settles a race. */
class RequestBookTest {

    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");
    private static final byte[] SEALED = {0x30, 0x03, 0x02, 0x01, 0x01};

    private static InformationRequest opened() {
        return InformationRequest.open("BE-PJF", "luc.peeters", "FR-DGPN",
                new InformationRequest.About(null, "DGPN-2026-0815"), "PJ-BRU-2026-1187", "Décision-cadre 2006/960/JAI",
                Urgency.URGENT, NOW.plus(Duration.ofDays(2)), Duration.ofDays(30), NOW, SEALED);
    }

    @Test
    void applyWhenTwoStepsRaceFromTheSameVersionThenTheFirstLoggedCountsAndTheOtherIsNotHeld() {
        RequestBook book = new RequestBook();
        InformationRequest request = opened();
        InformationRequest taken = request.assign("FR-DGPN", "nadia.girard", NOW.plusSeconds(10));
        InformationRequest refused = request.message("FR-DGPN", "paul.lefevre", ThreadMessage.Step.REFUSAL, SEALED, NOW.plusSeconds(11));

        assertThat(book.apply(request)).isTrue();
        assertThat(book.apply(taken)).isTrue();
        assertThat(book.apply(refused)).as("written on version 0, logged after version 1").isFalse();
        assertThat(book.get(request.id())).contains(taken);
        assertThat(book.apply(taken)).as("the same version read twice").isTrue();
        assertThat(book.get(request.id()).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void onChangeWhenVersionsAreTakenThenToldOnceEachAndNotTheOnesThatLostOrRepeat() throws Exception {
        RequestBook book = new RequestBook();
        java.util.List<Long> told = new java.util.ArrayList<>();
        AutoCloseable listening = book.onChange(r -> told.add(r.version()));
        InformationRequest request = opened();
        InformationRequest taken = request.assign("FR-DGPN", "nadia.girard", NOW.plusSeconds(10));

        book.apply(request);
        book.apply(taken);
        book.apply(taken);
        book.apply(request.message("FR-DGPN", "paul.lefevre", ThreadMessage.Step.REFUSAL, SEALED, NOW.plusSeconds(11)));
        listening.close();
        book.apply(taken.message("FR-DGPN", "nadia.girard", ThreadMessage.Step.REPLY, SEALED, NOW.plusSeconds(12)));

        assertThat(told).containsExactly(0L, 1L);
    }

    @Test
    void applyWhenAVersionsPredecessorWasNeverHeldThenNotTaken() {
        RequestBook book = new RequestBook();
        InformationRequest request = opened();
        InformationRequest taken = request.assign("FR-DGPN", "nadia.girard", NOW.plusSeconds(10));

        assertThat(book.apply(taken)).as("version 1 of a request whose version 0 was not read").isFalse();
        assertThat(book.get(request.id())).isEmpty();
        book.apply(request);
        book.apply(taken);
        assertThat(book.of("FR-DGPN", 10)).containsExactly(taken);
        assertThat(book.of("BE-PJF", 10)).containsExactly(taken);
        assertThat(book.of("DE-BKA", 10)).isEmpty();
    }

    @Test
    void dueWhenPastItsExpiryAndOpenThenListedAndOnceClosedNot() {
        RequestBook book = new RequestBook();
        InformationRequest request = opened();
        book.apply(request);

        assertThat(book.due(NOW.plus(Duration.ofDays(29)))).isEmpty();
        assertThat(book.due(request.expiresAt())).containsExactly(request);
        book.apply(request.expireIfDue(request.expiresAt()));
        assertThat(book.due(request.expiresAt().plusSeconds(1))).isEmpty();
        assertThat(book.get(request.id()).orElseThrow().status()).isEqualTo(RequestStatus.EXPIRED);
    }

    @Test
    void jsonWhenWrittenAndReadThenTheSameRequestThreadIncluded() {
        InformationRequest request = opened().message("FR-DGPN", "nadia.girard", ThreadMessage.Step.ASK_BACK, SEALED,
                NOW.plusNanos(123_456_789));

        assertThat(RequestJson.read(RequestJson.write(request))).isEqualTo(request);
    }
}
