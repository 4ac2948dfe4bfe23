package eu.synergie.infra;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RestartPolicyTest {

    @Test
    void delayBeforeWhenGatewayThenDoublesFromOneSecondUpToSixteen() {
        RestartPolicy gateway = RestartPolicy.gateway();
        assertThat(IntStream.rangeClosed(1, 7).mapToObj(gateway::delayBefore).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 16L, 16L);
        assertThat(gateway.maxRestarts()).isEqualTo(5);
    }

    @Test
    void delayBeforeWhenServerThenTwoFourEight() {
        RestartPolicy server = RestartPolicy.server();
        assertThat(IntStream.rangeClosed(1, 3).mapToObj(server::delayBefore).map(Duration::toSeconds))
                .containsExactly(2L, 4L, 8L);
        assertThat(server.maxRestarts()).isEqualTo(3);
    }

    @Test
    void delayBeforeWhenManyAttemptsThenNoOverflow() {
        assertThat(RestartPolicy.gateway().delayBefore(10_000)).isEqualTo(Duration.ofSeconds(16));
    }

    @Test
    void constructorWhenInconsistentThenRefusedNamingTheField() {
        assertThatThrownBy(() -> new RestartPolicy(-1, Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1)))
                .hasMessageContaining("maxRestarts");
        assertThatThrownBy(() -> new RestartPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMinutes(1)))
                .hasMessageContaining("firstDelay <= maxDelay");
        assertThatThrownBy(() -> new RestartPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("stableAfter");
        assertThatThrownBy(() -> RestartPolicy.gateway().delayBefore(0)).hasMessageContaining("from 1");
    }

    @Test
    void neverWhenAskedThenNoRestart() {
        assertThat(RestartPolicy.never().maxRestarts()).isZero();
    }
}
