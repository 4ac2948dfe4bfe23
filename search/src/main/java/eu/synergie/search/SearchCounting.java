package eu.synergie.search;

import eu.synergie.core.index.NoticeQuery;

/**
 * How far a search counts its matches. Counting every match of a broad search costs a visit of every match, which
 * at millions of notices dwarfs finding the page itself; so a page's total is counted up to {@code totalLimit} and
 * then reported as "at least" (unless the query asks for an exact count), and facets are counted exactly up to
 * {@code exactFacetsLimit} matches and estimated from a random sample above it.
 *
 * @param totalLimit       where a search without facets stops counting
 * @param exactFacetsLimit where a search with facets stops counting; up to there its facets are exact
 * @param facetSample      how many matches a sample should hold at the least, when there are more than
 *                         {@code exactFacetsLimit}: the estimates' precision (a facet value holding a share s of the
 *                         matches is estimated within about {@code 2·sqrt((1-s)/(s·facetSample))} of its count, 19
 *                         times out of 20)
 */
public record SearchCounting(int totalLimit, int exactFacetsLimit, int facetSample) {

    /** Totals to 10,000 (Elasticsearch's own default); facets exact to 100,000 matches, else from about 10,000 or more. */
    public static final SearchCounting DEFAULT = new SearchCounting(10_000, 100_000, 10_000);

    /** The largest probability Elasticsearch's {@code random_sampler} takes below 1. */
    private static final double MAX_SAMPLING = 0.49;

    public SearchCounting {
        if (totalLimit < 1 || exactFacetsLimit < totalLimit || facetSample < 1 || facetSample > exactFacetsLimit) {
            throw new IllegalArgumentException("limits must satisfy 1 <= totalLimit <= exactFacetsLimit and "
                    + "1 <= facetSample <= exactFacetsLimit: " + this);
        }
    }

    /** Where {@code query}'s count stops (its facets are counted over the same matches, so they need the larger limit). */
    int countLimit(NoticeQuery query) {
        return query.facets() ? exactFacetsLimit : totalLimit;
    }

    /**
     * The sampling probability of the facets of a search that counted {@code counted} matches: 1 (every match) when it
     * counted them all and they are at most {@link #exactFacetsLimit}; otherwise enough for a sample of at least
     * {@link #facetSample} matches, since there are at least {@code counted}.
     *
     * @param lowerBound whether counting stopped at its limit (more may match)
     */
    public double facetSampling(long counted, boolean lowerBound) {
        if (!lowerBound && counted <= exactFacetsLimit) {
            return 1;
        }
        double probability = (double) facetSample / counted;
        return probability >= MAX_SAMPLING ? 1 : probability;
    }
}
