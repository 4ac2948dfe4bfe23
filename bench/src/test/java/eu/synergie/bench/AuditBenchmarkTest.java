package eu.synergie.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AuditBenchmarkTest {

    @Test
    void medianWhenEvenCountThenMeanOfTheTwoMiddleValuesNotTheUpperOne() {
        // The eight ratios of a run: the upper middle value alone (0.939) made the audit look cheaper than it was.
        assertThat(AuditBenchmark.median(List.of(0.681, 0.866, 0.800, 1.052, 0.939, 0.971, 1.010, 0.788)))
                .isCloseTo(0.9025, within(1e-9));
        assertThat(AuditBenchmark.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    }
}
