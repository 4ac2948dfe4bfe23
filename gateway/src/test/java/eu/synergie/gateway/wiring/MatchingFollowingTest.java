package eu.synergie.gateway.wiring;

import eu.synergie.core.integrity.LogAlarm;
import eu.synergie.core.matching.kafka.TopicFollower;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The watchlists and alerts must be loaded before the indexer runs: a follower that cannot read its topic to the end
 * fails the start (as the trust follower does) instead of letting the gateway index notices against no watchlists.
 */
class MatchingFollowingTest {

    @Test
    void startWhenATopicCannotBeReadToItsEndThenTheStartFailsAndEveryFollowerIsClosed() {
        LogAlarm noAlarm = (topic, key, offset, reason, detail) -> { };
        // No partition known for either topic: the followers never get to the end.
        MockConsumer<String, byte[]> watchlists = new MockConsumer<>("earliest");
        MockConsumer<String, byte[]> alerts = new MockConsumer<>("earliest");
        MatchingConfiguration.Following following = new MatchingConfiguration.Following(List.of(
                new TopicFollower(watchlists, "synergie.watchlists", (key, value, offset, at) -> { }, noAlarm),
                new TopicFollower(alerts, "synergie.alerts", (key, value, offset, at) -> { }, noAlarm)), Duration.ofMillis(200));

        assertThatThrownBy(following::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("synergie.watchlists").hasMessageContaining("did not load");
        assertThat(following.isRunning()).isFalse();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(watchlists::closed);
    }
}
