package eu.synergie.infra;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Free ports: never the same one twice in a JVM, even while none of them is bound yet. */
class PortsTest {

    @Test
    void freeWhenAskedManyTimesBeforeAnyIsBoundThenEachPortOnceAndBelowTheEphemeralRange() {
        Set<Integer> seen = new HashSet<>();
        IntStream.range(0, 2_000).map(i -> Ports.free()).forEach(port -> {
            assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
            assertThat(port).isBetween(20_000, 32_767);
        });
    }
}
