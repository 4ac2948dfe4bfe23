package eu.synergie.core.trends;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.offset;

class RiseTestTest {

    private static final RiseTest DEFAULT = RiseTest.DEFAULT;

    @Test
    void judgeWhenStepFromThreeThenRiseWithItsNumbers() {
        RiseVerdict verdict = DEFAULT.judge(Period.MONTH, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 12);
        assertThat(verdict).isEqualTo(new RiseVerdict(RiseVerdict.Outcome.RISE, Period.MONTH, 12, 3.0, 11, 1.0,
                0.001, 5, 12));
        assertThat(verdict.fired()).isTrue();
        assertThat(verdict.explanation())
                .isEqualTo("12 notices against 3.0 expected (threshold 11 at α = 0.001 over 12 months): a rise");
    }

    @Test
    void judgeWhenHistoryNoisyThenDispersionRaisesTheThreshold() {
        // Mean 3, sample variance 72/7: φ = 3.4, the same 12 notices are no longer a surprise.
        RiseVerdict verdict = DEFAULT.judge(Period.WEEK, 0, 6, 0, 6, 0, 6, 0, 6, 12);
        assertThat(verdict.expected()).isEqualTo(3.0);
        assertThat(verdict.dispersion()).isCloseTo(72.0 / 7 / 3, offset(1e-12));
        assertThat(verdict.fired()).isFalse();
        assertThat(verdict.explanation()).startsWith("12 notices against 3.0 expected (threshold ")
                .contains("over 8 weeks, dispersion 3.4): no rise");
    }

    @Test
    void judgeWhenZerosThenFewNoticesAreBelowTheMinimum() {
        RiseVerdict four = DEFAULT.judge(Period.MONTH, 0, 0, 0, 0, 0, 4);
        assertThat(four.threshold()).isEqualTo(1);
        assertThat(four.fired()).isFalse();
        assertThat(four.explanation()).endsWith("below the minimum of 5 notices");
        assertThat(DEFAULT.judge(Period.MONTH, 0, 0, 0, 0, 0, 5).fired()).isTrue();
    }

    @Test
    void judgeWhenLongSeriesThenOnlyTheWindowCounts() {
        long[] counts = new long[20];
        Arrays.fill(counts, 2);
        counts[0] = 10_000;
        counts[19] = 9;
        RiseVerdict verdict = DEFAULT.judge(Period.MONTH, counts);
        assertThat(verdict.historyPeriods()).isEqualTo(12);
        assertThat(verdict.expected()).isEqualTo(2.0);
        assertThat(new RiseTest(0.001, 5, 19).judge(Period.MONTH, counts).expected()).isGreaterThan(500);
        assertThat(DEFAULT.judge(Period.WEEK, counts).historyPeriods()).isEqualTo(8);
    }

    @Test
    void judgeWhenFewerThanThreePreviousPeriodsThenNeverFires() {
        assertThat(DEFAULT.judge(Period.MONTH, 1_000_000).outcome()).isEqualTo(RiseVerdict.Outcome.NOT_ENOUGH_HISTORY);
        assertThat(DEFAULT.judge(Period.MONTH, 0, 1_000_000).fired()).isFalse();
        RiseVerdict two = DEFAULT.judge(Period.WEEK, 0, 0, 1_000_000);
        assertThat(two.outcome()).isEqualTo(RiseVerdict.Outcome.NOT_ENOUGH_HISTORY);
        assertThat(two.explanation()).isEqualTo("1000000 notices, not judged: 2 previous weeks, 3 needed");
        assertThat(DEFAULT.judge(Period.WEEK, 0, 0, 0, 1_000_000).fired()).isTrue();
    }

    @Test
    void judgeWhenCountNegativeOrSeriesEmptyThenRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULT.judge(Period.MONTH, 3, 3, -1, 3, 3));
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULT.judge(Period.MONTH, 3, 3, 3, -4));
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULT.judge(Period.MONTH));
    }

    @Test
    void constructorWhenSettingsOutOfRangeThenRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RiseTest(0, 5, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new RiseTest(0.6, 5, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new RiseTest(Double.NaN, 5, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new RiseTest(0.001, 0, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new RiseTest(0.001, 5, 2));
    }

    @Test
    void judgeWhenFlatSeriesThenNeverFires() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 3_000; i++) {
            long level = i <= 200 ? i : random.nextLong(0, 10_001);
            long[] counts = new long[random.nextInt(1, 30)];
            Arrays.fill(counts, level);
            Period period = random.nextBoolean() ? Period.MONTH : Period.WEEK;
            RiseTest test = new RiseTest(Math.pow(10, -random.nextDouble(1, 12)), random.nextInt(1, 10), 0);
            RiseVerdict verdict = test.judge(period, counts);
            assertThat(verdict.fired()).as("seed %d: %s", seed, verdict).isFalse();
        }
    }

    /** The guarantee stated on RiseTest: observed ≥ max(minimumCount, λ + √(2Lφλ) + 2Lφ) always fires. */
    @Test
    void judgeWhenStepOfTheStatedSizeThenAlwaysFires() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 4_000; i++) {
            double level = i < 2_000 ? i * 0.25 : Math.exp(random.nextDouble(-3, 9));
            long[] counts = new long[random.nextInt(4, 26)];
            for (int j = 0; j < counts.length - 1; j++) {
                // Mostly Poisson histories, some wildly over-dispersed ones.
                counts[j] = random.nextInt(4) == 0 ? Math.round(level * random.nextDouble(0, 3))
                        : poisson(random, level);
            }
            RiseTest test = i % 2 == 0 ? DEFAULT
                    : new RiseTest(Math.pow(10, -random.nextDouble(0.31, 12)), random.nextInt(1, 20), 0);
            Period period = random.nextBoolean() ? Period.MONTH : Period.WEEK;
            RiseVerdict baseline = test.judge(period, counts);
            double logInverse = Math.log(1 / test.alpha());
            double lambda = baseline.expected();
            double phi = baseline.dispersion();
            counts[counts.length - 1] = (long) Math.ceil(Math.max(test.minimumCount(),
                    lambda + Math.sqrt(2 * logInverse * phi * lambda) + 2 * logInverse * phi));
            RiseVerdict verdict = test.judge(period, counts);
            assertThat(verdict.fired()).as("seed %d: %s", seed, verdict).isTrue();
        }
    }

    /**
     * Poisson noise without a rise fires about α of the time even though λ is estimated from 12 periods: the
     * dispersion floor φ ≥ 1 and the minimum count make up for the estimate's own noise. Bound per level: 3α
     * plus 0.001 of slack (20,000 trials at 3α expect 60 alarms, sd ≈ 8; the slack adds 20).
     */
    @Test
    void judgeWhenPoissonNoiseThenFiresRarely() {
        long seed = 20261206L;
        Random random = new Random(seed);
        int trials = 20_000;
        StringBuilder rates = new StringBuilder();
        int total = 0;
        for (double level : new double[] {0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500}) {
            int fired = 0;
            for (int i = 0; i < trials; i++) {
                long[] counts = new long[13];
                for (int j = 0; j < counts.length; j++) {
                    counts[j] = poisson(random, level);
                }
                fired += DEFAULT.judge(Period.MONTH, counts).fired() ? 1 : 0;
            }
            rates.append(" λ=").append(level).append(": ").append(fired);
            total += fired;
            assertThat((double) fired / trials).as("seed %d, fired of %d:%s", seed, trials, rates)
                    .isLessThanOrEqualTo(3 * DEFAULT.alpha() + 0.001);
        }
        assertThat((double) total / (10 * trials)).as("seed %d, fired of %d:%s", seed, trials, rates)
                .isLessThanOrEqualTo(3 * DEFAULT.alpha() + 0.0005);
    }

    // Knuth's multiplication method, in pieces of mean ≤ 30 (a sum of independent Poissons is Poisson) so
    // e^−λ does not underflow.
    private static long poisson(Random random, double mean) {
        long count = 0;
        for (double left = mean; left > 0; left -= 30) {
            double limit = Math.exp(-Math.min(left, 30));
            double product = random.nextDouble();
            while (product > limit) {
                count++;
                product *= random.nextDouble();
            }
        }
        return count;
    }
}
