package eu.synergie.core.trends;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * One period's judgement with the numbers behind it, so an analyst sees why it fired (or did not) and a caller
 * can word it in any language; {@link #explanation()} is the English line.
 *
 * @param expected       the mean of the history periods (0 when there are none)
 * @param threshold      the smallest count that would be a surprise at α; 0 when not judged
 * @param dispersion     variance / mean of the history, at least 1; 1 when not judged
 * @param historyPeriods how many previous periods the baseline used
 */
public record RiseVerdict(Outcome outcome, Period period, long observed, double expected, long threshold,
                          double dispersion, double alpha, int minimumCount, int historyPeriods) {

    public enum Outcome { RISE, NO_RISE, NOT_ENOUGH_HISTORY }

    public boolean fired() {
        return outcome == Outcome.RISE;
    }

    /** E.g. "12 notices against 3.1 expected (threshold 9 at α = 0.001 over 12 months): a rise". */
    public String explanation() {
        if (outcome == Outcome.NOT_ENOUGH_HISTORY) {
            return "%d %s, not judged: %d previous %s, %d needed".formatted(observed, notices(observed), historyPeriods,
                    period.plural(), RiseTest.MINIMUM_HISTORY);
        }
        String spread = dispersion > 1 ? ", dispersion " + decimal(dispersion) : "";
        String verdict = fired() ? "a rise"
                : observed >= threshold ? "below the minimum of " + minimumCount + " notices" : "no rise";
        return "%d %s against %s expected (threshold %d at α = %s over %d %s%s): %s".formatted(observed, notices(observed),
                decimal(expected), threshold, BigDecimal.valueOf(alpha).stripTrailingZeros().toPlainString(),
                historyPeriods, period.plural(), spread, verdict);
    }

    private static String notices(long count) {
        return count == 1 ? "notice" : "notices";
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
