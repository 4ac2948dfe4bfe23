package eu.synergie.gateway.api;

import eu.synergie.core.trends.EmergingEntity;
import eu.synergie.core.trends.RiseVerdict;
import eu.synergie.core.trends.TrendReport;

import java.time.Instant;
import java.util.List;

/**
 * Trends as the API answers them: per region and type the counts of each period and the verdict on the last complete
 * one, with the numbers that explain it; and the values several agencies named.
 *
 * @param labels the periods counted, oldest first: the history, {@code judged}, then {@code current} (shown, not judged)
 */
record TrendView(String period, List<String> labels, String judged, String current, List<SeriesView> series,
                 List<EmergingView> emerging) {

    /**
     * @param verdict   {@code RISE}, {@code NO_RISE} or {@code NOT_ENOUGH_HISTORY}
     * @param expected  the baseline: the mean of the history periods
     * @param threshold the smallest count that would be a rise at α (0 when not judged)
     * @param dispersion the history's variance over its mean, at least 1: a noisy history raises the threshold
     */
    record SeriesView(String region, String type, List<Long> counts, String verdict, long observed, double expected,
                      long threshold, double dispersion, double alpha, int historyPeriods, String explanation) {
    }

    /** @param key the value's match key (never a person's name or identity document) */
    record EmergingView(String key, List<String> agencies, Instant firstSeen, Instant lastSeen, int notices) {
    }

    static TrendView of(TrendReport report) {
        return new TrendView(report.period().name(), report.labels(), report.judged(), report.current(),
                report.series().stream().map(s -> {
                    RiseVerdict v = s.verdict();
                    return new SeriesView(s.region(), s.type(), s.counts(), v.outcome().name(), v.observed(), v.expected(),
                            v.threshold(), v.dispersion(), v.alpha(), v.historyPeriods(), v.explanation());
                }).toList(),
                report.emerging().stream().map(TrendView::emerging).toList());
    }

    private static EmergingView emerging(EmergingEntity e) {
        return new EmergingView(e.key(), e.agencies(), e.firstSeen(), e.lastSeen(), e.notices());
    }
}
