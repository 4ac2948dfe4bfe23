package eu.synergie.gateway.api;

import eu.synergie.core.index.NoticeSummary;
import eu.synergie.core.index.SearchResult;

import java.util.List;

/** A page of search hits with their markings. */
record SearchResponse(long total, List<Hit> hits) {

    record Hit(String noticeId, String region, String originAgency, String type, String title, String summary,
               String language, String classification, String tlp, String handlingCode, String issuedAt) {

        static Hit of(NoticeSummary s) {
            return new Hit(s.noticeId().toString(), s.region(), s.originAgency(), s.type().name(), s.title(), s.summary(),
                    s.language(), s.classification().name(), s.tlp().label(), s.handlingCode().name(), s.issuedAt().toString());
        }
    }

    static SearchResponse of(SearchResult result) {
        return new SearchResponse(result.total(), result.hits().stream().map(Hit::of).toList());
    }
}
