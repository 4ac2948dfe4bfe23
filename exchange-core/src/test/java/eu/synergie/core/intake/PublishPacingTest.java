package eu.synergie.core.intake;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class PublishPacingTest {

    @Test
    void awaitRoomWhenBacklogUnderLimitThenDoesNotAskAgain() {
        AtomicInteger asked = new AtomicInteger();
        PublishPacing pacing = new PublishPacing(() -> {
            asked.incrementAndGet();
            return OptionalLong.of(10);
        }, 10, Duration.ofSeconds(30));

        pacing.awaitRoom();

        assertThat(asked).hasValue(1);
    }

    @Test
    void awaitRoomWhenBacklogOverLimitThenWaitsUntilItDrains() {
        // 25 over the limit, 10 worked off between two looks.
        AtomicInteger backlog = new AtomicInteger(125);
        PublishPacing pacing = new PublishPacing(() -> OptionalLong.of(backlog.getAndAdd(-10)), 100, Duration.ofSeconds(30));

        pacing.awaitRoom();

        assertThat(backlog.get()).as("asked until it read 95").isEqualTo(85);
    }

    @Test
    void awaitRoomWhenBacklogNeverDrainsThenGivesUpAfterMaxWait() {
        PublishPacing pacing = new PublishPacing(() -> OptionalLong.of(1_000_000), 100, Duration.ofMillis(250));

        Duration waited = pacing.awaitRoom();

        assertThat(waited).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
    }

    @Test
    void awaitRoomWhenAWaitRanOutThenTheNextEnvelopesDoNotWait() {
        AtomicInteger asked = new AtomicInteger();
        PublishPacing pacing = new PublishPacing(() -> {
            asked.incrementAndGet();
            return OptionalLong.of(1_000_000);
        }, 100, Duration.ofMillis(200));

        assertThat(pacing.awaitRoom()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        int askedByTheFirst = asked.get();
        for (int i = 0; i < 1_000; i++) {
            pacing.awaitRoom();
        }

        assertThat(asked).as("resting: not even asked").hasValue(askedByTheFirst);
    }

    @Test
    void awaitRoomWhenBacklogUnknownThenDoesNotWait() {
        PublishPacing pacing = new PublishPacing(OptionalLong::empty, 1, Duration.ofSeconds(30));

        assertThat(pacing.awaitRoom()).isLessThan(Duration.ofSeconds(5));
    }
}
