package eu.synergie.gateway.api;

import eu.synergie.core.index.NoticeSummary;
import eu.synergie.core.index.SearchResult;
import eu.synergie.core.vocabulary.QueryExpansion;

import java.util.List;
import java.util.Map;

/**
 * A page of search hits with their markings. {@code total} is exact unless {@code totalIsLowerBound}: then at least
 * that many matched ({@code count=exact} asks for every one to be counted). {@code highlights} are HTML-escaped with
 * matched words in {@code <mark>}; {@code nextCursor} (absent on the last page) fetches the next page of the same
 * query. {@code facetsEstimated} says the facet counts are estimates from a random sample of the matches. {@code expanded}
 * (null when nothing was) lists the words also searched in other languages, with the labels shown for them.
 */
record SearchResponse(long total, boolean totalIsLowerBound, List<Hit> hits, Map<String, List<SearchResult.FacetCount>> facets,
                      boolean facetsEstimated, String nextCursor, List<QueryExpansion.ExpandedTerm> expanded) {

    record Hit(String noticeId, String region, String originAgency, String type, String title, String summary,
               String language, String classification, String tlp, String handlingCode, String issuedAt,
               SearchResult.Highlights highlights) {

        static Hit of(NoticeSummary s, SearchResult.Highlights highlights) {
            return new Hit(s.noticeId().toString(), s.region(), s.originAgency(), s.type().name(), s.title(), s.summary(),
                    s.language(), s.classification().name(), s.tlp().label(), s.handlingCode().name(), s.issuedAt().toString(),
                    highlights);
        }
    }

    static SearchResponse of(SearchResult result) {
        return new SearchResponse(result.total(), result.totalIsLowerBound(), result.hits().stream()
                .map(s -> Hit.of(s, result.highlights().get(s.noticeId()))).toList(),
                result.facets().isEmpty() ? null : result.facets(), result.facetsEstimated(), result.nextCursor(),
                result.expanded().isEmpty() ? null : result.expanded());
    }
}
