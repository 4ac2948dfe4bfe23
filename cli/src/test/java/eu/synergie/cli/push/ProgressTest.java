package eu.synergie.cli.push;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

    private final Snapshot halfway = new Snapshot(OptionalLong.of(10_000), 1_000, 4_000, 3, 2, Duration.ofSeconds(20));

    @Test
    void snapshotWhenHalfwayThenRateAndEtaFromThisRun() {
        assertThat(halfway.rate()).isEqualTo(200.15);
        assertThat(halfway.remaining()).hasValue(4_997);
        assertThat(halfway.eta()).hasValueSatisfying(eta -> assertThat(eta.toSeconds()).isEqualTo(24));
    }

    @Test
    void barLineWhenHalfwayThenBarCountsRateAndEta() {
        String line = Progress.barLine(halfway, 100);

        assertThat(line).startsWith("[####################....................]")
                .contains("5,003/10,000  50%").contains("200/s").contains("ETA 0:24").contains("3 rejected").contains("2 retried");
    }

    @Test
    void plainLineWhenHalfwayThenOneReadableLine() {
        assertThat(Progress.plainLine(halfway))
                .isEqualTo("push: 5,003 of 10,000 (50%), 200 notices/s, about 24 s left, 3 rejected, 2 retried");
    }

    @Test
    void plainLineWhenTotalUnknownThenNoPercentageNorEta() {
        Snapshot stdin = new Snapshot(OptionalLong.empty(), 0, 120, 0, 0, Duration.ofSeconds(2));

        assertThat(Progress.plainLine(stdin)).isEqualTo("push: 120, 60 notices/s, 0 rejected, 0 retried");
    }

    @Test
    void clockWhenLongThenHours() {
        assertThat(Progress.clock(Duration.ofSeconds(3725))).isEqualTo("1:02:05");
        assertThat(Progress.words(Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
    }
}
