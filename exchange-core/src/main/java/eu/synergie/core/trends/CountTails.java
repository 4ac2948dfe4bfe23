package eu.synergie.core.trends;

import java.util.Arrays;

/**
 * The upper quantile of a count's distribution given its mean and over-dispersion: Poisson(μ) when φ = 1, else
 * the negative binomial with the same mean and variance φμ (size r = μ/(φ−1), probability p = 1 − 1/φ), as in
 * the improved Farrington algorithm (Noufaily et al., Statistics in Medicine 32(7):1206–1222, 2013).
 *
 * <p>The probabilities are walked in log space by the ratio of successive terms (Poisson: μ/(j+1); negative
 * binomial: p(j+r)/(j+1)), so a large mean does not underflow e^−μ, and the tail is summed from its far end,
 * small terms first, so nothing is lost to 1 − CDF cancellation. Time and memory grow with the threshold
 * (a mean of 10⁶ walks about 10⁶ terms): fine for counts of notices.
 */
final class CountTails {

    // The tail left beyond the last term walked is below this share of α: negligible for the quantile.
    private static final double NEGLIGIBLE = 1e-12;

    private CountTails() {
    }

    /** The smallest integer k with P(X ≥ k) ≤ α; 1 when μ = 0 (X is then always 0). */
    static long threshold(double mean, double dispersion, double alpha) {
        if (!(mean >= 0) || Double.isInfinite(mean) || !(dispersion >= 1) || Double.isInfinite(dispersion)
                || !(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("mean ≥ 0, dispersion ≥ 1 and 0 < α < 1 needed");
        }
        if (mean == 0) {
            return 1;
        }
        boolean poisson = dispersion == 1;
        double p = poisson ? 0 : 1 - 1 / dispersion;
        double size = poisson ? 0 : mean / (dispersion - 1);
        double logP = poisson ? 0 : Math.log(p);
        double logMean = Math.log(mean);
        double[] logTerms = new double[64];
        double logTerm = poisson ? -mean : size * Math.log1p(-p);
        double logStop = Math.log(alpha * NEGLIGIBLE);
        int j = 0;
        while (true) {
            if (j == logTerms.length) {
                logTerms = Arrays.copyOf(logTerms, 2 * j);
            }
            logTerms[j] = logTerm;
            double ratio = poisson ? mean / (j + 1) : p * (j + size) / (j + 1);
            // Later ratios are at most this one (Poisson; negative binomial with r ≥ 1) or at most p (r < 1),
            // so what follows term j is at most term·q/(1−q): a geometric series.
            double q = poisson ? ratio : Math.max(ratio, p);
            if (j >= mean && q < 1 && logTerm + Math.log(q / (1 - q)) < logStop) {
                break;
            }
            logTerm += poisson ? logMean - Math.log(j + 1) : logP + Math.log(j + size) - Math.log(j + 1);
            j++;
        }
        double tail = 0;
        for (int k = j; k >= 0; k--) {
            tail += Math.exp(logTerms[k]);
            if (tail > alpha) {
                return k + 1;
            }
        }
        throw new AssertionError("a distribution's whole tail is 1 > α");
    }
}
