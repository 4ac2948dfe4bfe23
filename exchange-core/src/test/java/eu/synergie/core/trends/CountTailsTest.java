package eu.synergie.core.trends;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CountTailsTest {

    @Test
    void thresholdWhenPoissonThenTableValues() {
        // Poisson tails summed with Python (math.lgamma, math.fsum): P(X ≥ 22 | 10) = 0.00070 while
        // P(X ≥ 21 | 10) = 0.00159; P(X ≥ 11 | 3) = 0.00029, P(X ≥ 10 | 3) = 0.00110;
        // P(X ≥ 133 | 100) = 0.00094.
        assertThat(CountTails.threshold(10, 1, 0.001)).isEqualTo(22);
        assertThat(CountTails.threshold(3, 1, 0.001)).isEqualTo(11);
        assertThat(CountTails.threshold(3.1, 1, 0.001)).isEqualTo(11);
        assertThat(CountTails.threshold(100, 1, 0.001)).isEqualTo(133);
    }

    @Test
    void thresholdWhenGeometricThenClosedForm() {
        // Negative binomial of size 1 is geometric: P(X ≥ k) = p^k, p = 1 − 1/φ, mean p/(1 − p) = φ − 1.
        // φ = 2: 2^−10 = 0.00098 ≤ 0.001 < 2^−9. φ = 11: ln(1000)/ln(1.1) = 72.5, so k = 73.
        assertThat(CountTails.threshold(1, 2, 0.001)).isEqualTo(10);
        assertThat(CountTails.threshold(10, 11, 0.001)).isEqualTo(73);
    }

    @Test
    void thresholdWhenMeanZeroThenOne() {
        assertThat(CountTails.threshold(0, 1, 0.001)).isEqualTo(1);
    }

    @Test
    void thresholdWhenPoissonThenAgreesWithNaiveSummation() {
        for (double mean = 0.01; mean <= 200; mean += 0.37) {
            for (double alpha : new double[] {0.05, 0.001, 1e-6}) {
                assertThat(CountTails.threshold(mean, 1, alpha)).as("λ %s α %s", mean, alpha)
                        .isEqualTo(naivePoissonThreshold(mean, alpha));
            }
        }
    }

    @Test
    void thresholdWhenMeanGrowsThenNeverFalls() {
        for (double dispersion : new double[] {1, 1.5, 4}) {
            long previous = 0;
            for (double mean = 0; mean <= 600; mean += 0.05) {
                long threshold = CountTails.threshold(mean, dispersion, 0.001);
                assertThat(threshold).as("λ %s φ %s", mean, dispersion).isGreaterThanOrEqualTo(previous);
                previous = threshold;
            }
        }
    }

    @Test
    void thresholdWhenDispersionGrowsThenNeverFalls() {
        for (double mean : new double[] {0.5, 3, 40, 900}) {
            long previous = 0;
            for (double dispersion = 1; dispersion <= 30; dispersion += 0.01) {
                long threshold = CountTails.threshold(mean, dispersion, 0.001);
                assertThat(threshold).as("λ %s φ %s", mean, dispersion).isGreaterThanOrEqualTo(previous);
                previous = threshold;
            }
        }
    }

    /** The bound RiseTest's javadoc states: threshold ≤ λ + √(2Lφλ) + 2Lφ, L = ln(1/α), on a dense grid. */
    @Test
    void thresholdWhenAnyMeanAndDispersionThenWithinTheStatedBound() {
        for (double alpha : new double[] {0.5, 0.05, 0.01, 0.001, 1e-4, 1e-6, 1e-12}) {
            double logInverse = Math.log(1 / alpha);
            for (double dispersion : new double[] {1, 1.0001, 1.05, 1.3, 2, 3.7, 10, 50, 400}) {
                for (double mean = 0; mean <= 3_000; mean = mean < 20 ? mean + 0.05 : mean * 1.01) {
                    double bound = mean + Math.sqrt(2 * logInverse * dispersion * mean) + 2 * logInverse * dispersion;
                    assertThat((double) CountTails.threshold(mean, dispersion, alpha))
                            .as("λ %s φ %s α %s", mean, dispersion, alpha).isLessThanOrEqualTo(bound);
                }
            }
        }
    }

    @Test
    void thresholdWhenMeanLargeThenNearTheNormalQuantile() {
        // z(0.999) = 3.0902: the Poisson quantile for λ = 10^6 is about 10^6 + 3090 + a continuity term.
        assertThat(CountTails.threshold(1_000_000, 1, 0.001)).isBetween(1_003_085L, 1_003_100L);
    }

    @Test
    void thresholdWhenArgumentsOutOfRangeThenRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> CountTails.threshold(-1, 1, 0.001));
        assertThatIllegalArgumentException().isThrownBy(() -> CountTails.threshold(Double.NaN, 1, 0.001));
        assertThatIllegalArgumentException().isThrownBy(() -> CountTails.threshold(1, 0.5, 0.001));
        assertThatIllegalArgumentException().isThrownBy(() -> CountTails.threshold(1, 1, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> CountTails.threshold(1, 1, 1));
    }

    // Independent of the code under test: linear terms from e^−λ and 1 − CDF (fine for λ ≤ 200, α ≥ 1e-6).
    private static long naivePoissonThreshold(double mean, double alpha) {
        double term = Math.exp(-mean);
        double cdf = 0;
        for (long k = 0; ; k++) {
            if (1 - cdf <= alpha) {
                return k;
            }
            cdf += term;
            term = term * mean / (k + 1);
        }
    }
}
