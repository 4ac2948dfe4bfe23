package eu.synergie.core.trends;

import java.util.Arrays;

/**
 * Whether a period's count rises above what the previous periods predict, in the manner of the Farrington
 * family of outbreak detectors (Farrington et al., JRSS A 159(3):547–563, 1996; Noufaily et al. 2013):
 * <ul>
 * <li>expected λ: the mean of the previous {@code historyWindow} periods (12 months or 8 weeks by default),
 * of fewer if fewer exist but at least 3, else "not enough history" and nothing fires. A plain mean, no
 * seasonal refinement: an analyst can redo it by hand from the counts shown;</li>
 * <li>dispersion φ = max(1, sample variance / mean) of those periods (quasi-Poisson), so a noisy history
 * raises the threshold instead of firing on its own noise;</li>
 * <li>threshold: the smallest k with P(X ≥ k) ≤ α under Poisson(λ) (φ = 1) or the negative binomial of mean λ
 * and variance φλ (φ > 1), see {@link CountTails};</li>
 * <li>fired: observed ≥ threshold and observed ≥ {@code minimumCount}, so that one or two notices after
 * months of zeros (threshold 1) are not a "rise".</li>
 * </ul>
 *
 * <p>Guarantee (checked by the tests over a dense grid and random histories): with L = ln(1/α), an observed
 * count of at least max(minimumCount, λ + √(2Lφλ) + 2Lφ) always fires. Proof: the negative binomial's
 * cumulants are κ<sub>n</sub> = r Σ<sub>k≥1</sub> k<sup>n−1</sup>p<sup>k</sup> ≤ (n−1)!·σ²·φ<sup>n−2</sup>
 * with σ² = φλ, which is Bernstein's moment condition with scale b = φ (Poisson: κ<sub>n</sub> = λ, b = 1/3
 * ≤ φ), so P(X − λ ≥ t) ≤ exp(−t²/(2(σ² + bt))) ≤ α once t ≥ bL + √(b²L² + 2σ²L), which
 * √(2Lφλ) + 2Lφ exceeds. For α = 0.001 that is λ + 3.72√(φλ) + 13.8φ. A flat history of constant count c
 * never fires on c: its variance is 0, so φ = 1 and P(X ≥ c) under Poisson(c) is far above α.
 *
 * @param alpha         the false-alarm probability per judgement on a history without a rise, 1e-12 ≤ α ≤ 0.5
 * @param minimumCount  the fewest notices that can be a rise, ≥ 1
 * @param historyWindow previous periods averaged, ≥ 3; 0 for the period's default (12 months, 8 weeks)
 */
public record RiseTest(double alpha, int minimumCount, int historyWindow) {

    /** The smallest history judged. */
    public static final int MINIMUM_HISTORY = 3;

    /** α = 0.001, a rise needs at least 5 notices, 12 months or 8 weeks of history. */
    public static final RiseTest DEFAULT = new RiseTest(0.001, 5, 0);

    public RiseTest {
        if (!(alpha >= 1e-12 && alpha <= 0.5)) {
            throw new IllegalArgumentException("α must be within [1e-12, 0.5]: " + alpha);
        }
        if (minimumCount < 1) {
            throw new IllegalArgumentException("minimumCount must be ≥ 1: " + minimumCount);
        }
        if (historyWindow != 0 && historyWindow < MINIMUM_HISTORY) {
            throw new IllegalArgumentException("historyWindow must be 0 or ≥ " + MINIMUM_HISTORY);
        }
    }

    /**
     * Judges the last count of the series against the ones before it.
     *
     * @param counts per period, oldest first; the last is the period judged
     * @throws IllegalArgumentException when the series is empty or a count is negative
     */
    public RiseVerdict judge(Period period, long... counts) {
        if (counts.length == 0) {
            throw new IllegalArgumentException("no period to judge");
        }
        for (long count : counts) {
            if (count < 0) {
                throw new IllegalArgumentException("negative count: " + count);
            }
        }
        long observed = counts[counts.length - 1];
        int window = historyWindow == 0 ? period.defaultHistory() : historyWindow;
        long[] history = Arrays.copyOfRange(counts, Math.max(0, counts.length - 1 - window), counts.length - 1);
        double expected = mean(history);
        if (history.length < MINIMUM_HISTORY) {
            return new RiseVerdict(RiseVerdict.Outcome.NOT_ENOUGH_HISTORY, period, observed, expected, 0, 1, alpha,
                    minimumCount, history.length);
        }
        double dispersion = dispersion(history, expected);
        long threshold = CountTails.threshold(expected, dispersion, alpha);
        boolean fired = observed >= threshold && observed >= minimumCount;
        return new RiseVerdict(fired ? RiseVerdict.Outcome.RISE : RiseVerdict.Outcome.NO_RISE, period, observed,
                expected, threshold, dispersion, alpha, minimumCount, history.length);
    }

    private static double mean(long[] history) {
        double sum = 0;
        for (long count : history) {
            sum += count;
        }
        return history.length == 0 ? 0 : sum / history.length;
    }

    private static double dispersion(long[] history, double mean) {
        if (mean == 0) {
            return 1;
        }
        double squares = 0;
        for (long count : history) {
            squares += (count - mean) * (count - mean);
        }
        return Math.max(1, squares / (history.length - 1) / mean);
    }
}
