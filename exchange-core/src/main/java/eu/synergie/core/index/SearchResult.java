package eu.synergie.core.index;

import eu.synergie.core.vocabulary.QueryExpansion;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One page of hits, and how many notices in the caller's scope matched in all.
 *
 * @param total             how many matched; or, when {@code totalIsLowerBound}, how many were counted before
 *                          counting stopped: at least that many matched
 * @param highlights        per hit, its title and summary with the matched words marked
 * @param facets            counts of all matches per facet ({@code type}, {@code agency}, {@code region}, {@code tlp},
 *                          {@code month}), when asked for; counted inside the caller's scope like the hits
 * @param nextCursor        where the next page starts, or null on the last page
 * @param expanded          the words of the query that were also searched in other languages, and as what
 * @param facetsEstimated   whether the facet counts are estimates from a random sample of the matches (there were too
 *                          many to count each), rather than exact
 */
public record SearchResult(long total, boolean totalIsLowerBound, List<NoticeSummary> hits, Map<UUID, Highlights> highlights,
                           Map<String, List<FacetCount>> facets, boolean facetsEstimated, String nextCursor,
                           List<QueryExpansion.ExpandedTerm> expanded) {

    public SearchResult {
        expanded = expanded == null ? List.of() : List.copyOf(expanded);
        hits = List.copyOf(hits);
        highlights = Map.copyOf(highlights);
        // In the order given (type, agency, region, TLP, month), as pages list them.
        facets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facets));
    }

    /** An exact total and exact facets. */
    public SearchResult(long total, List<NoticeSummary> hits, Map<UUID, Highlights> highlights,
                        Map<String, List<FacetCount>> facets, String nextCursor) {
        this(total, false, hits, highlights, facets, false, nextCursor, List.of());
    }

    public SearchResult(long total, List<NoticeSummary> hits) {
        this(total, hits, Map.of(), Map.of(), null);
    }

    public static SearchResult empty() {
        return new SearchResult(0, List.of());
    }

    /** One value of a facet and how many matches have it. */
    public record FacetCount(String value, long count) {
    }

    /**
     * Title and summary as HTML-escaped text with the words that matched the query wrapped in
     * {@code <mark>}; the summary cut to a fragment around its first match when long. Null when nothing
     * in that field matched.
     */
    public record Highlights(String title, String summary) {
    }
}
