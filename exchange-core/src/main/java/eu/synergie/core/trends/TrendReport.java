package eu.synergie.core.trends;

import java.util.List;

/**
 * What a caller's trends show: per region and type, the counts of the periods judged and the verdict on the last
 * complete one; and the values several agencies name. Everything counted is what the caller may read.
 *
 * @param labels   the periods counted, oldest first: the history, the period judged, then the current one (not yet
 *                 complete, shown, never judged)
 * @param series   one per region and type with notices in the periods counted; rises first, then by the last count
 * @param emerging the values named by notices of several agencies within the window
 */
public record TrendReport(Period period, List<String> labels, String judged, String current, List<Series> series,
                          List<EmergingEntity> emerging) {

    public TrendReport {
        labels = List.copyOf(labels);
        series = List.copyOf(series);
        emerging = List.copyOf(emerging);
    }

    /**
     * @param counts  per period of {@code labels}, the current one last
     * @param verdict the judgement of the period {@code judged} against the history before it
     */
    public record Series(String region, String type, List<Long> counts, RiseVerdict verdict) {

        public Series {
            counts = List.copyOf(counts);
        }
    }

    /** The series whose judged period rose. */
    public List<Series> rises() {
        return series.stream().filter(s -> s.verdict().fired()).toList();
    }
}
