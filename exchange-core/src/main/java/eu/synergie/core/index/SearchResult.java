package eu.synergie.core.index;

import java.util.List;

/** Hits of one search, and how many notices in the caller's scope matched in all. */
public record SearchResult(long total, List<NoticeSummary> hits) {

    public SearchResult {
        hits = List.copyOf(hits);
    }

    public static SearchResult empty() {
        return new SearchResult(0, List.of());
    }
}
