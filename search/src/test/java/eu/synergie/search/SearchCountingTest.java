package eu.synergie.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SearchCountingTest {

    private final SearchCounting counting = new SearchCounting(10_000, 100_000, 10_000);

    @Test
    void facetSamplingWhenEveryMatchCountedAndFewEnoughThenExact() {
        assertThat(counting.facetSampling(0, false)).isEqualTo(1);
        assertThat(counting.facetSampling(100_000, false)).isEqualTo(1);
    }

    @Test
    void facetSamplingWhenCountingStoppedThenASampleOfAtLeastTheAskedSizeSinceAtLeastThatManyMatched() {
        double probability = counting.facetSampling(100_000, true);

        assertThat(probability).isEqualTo(0.1);
        assertThat(probability * 100_000).isGreaterThanOrEqualTo(10_000);
    }

    @Test
    void facetSamplingWhenCountedExactlyAboveTheLimitThenSampledInProportion() {
        assertThat(counting.facetSampling(4_000_000, false)).isEqualTo(0.0025);
    }

    @Test
    void facetSamplingWhenTheSampleWouldHoldNearlyHalfOrMoreThenExactSinceSamplingWouldNotPay() {
        SearchCounting close = new SearchCounting(10, 20, 15);

        assertThat(close.facetSampling(20, true)).isEqualTo(1);
        assertThat(close.facetSampling(31, false)).isEqualTo(15.0 / 31);
        assertThat(close.facetSampling(30, false)).isEqualTo(1);
    }

    @Test
    void constructorWhenLimitsInconsistentThenRefused() {
        assertThatThrownBy(() -> new SearchCounting(10_000, 5_000, 1_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SearchCounting(10, 100, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SearchCounting(10, 100, 101)).isInstanceOf(IllegalArgumentException.class);
    }
}
