package eu.synergie.core.index;

/**
 * What an analyst asks for. Free text uses the safe simple syntax (quotes, +, -, prefix*), never raw DSL.
 *
 * @param text   free text, or blank for everything in scope
 * @param sort   relevance (then newest) or newest first
 * @param size   how many hits, 1 to 100
 * @param cursor where the previous page ended ({@link SearchResult#nextCursor()}), or null for the first page
 * @param facets whether to count the matches per type, agency, region, TLP and month
 * @param expand whether words that name a crime concept also search its labels in the other languages
 *               ({@link eu.synergie.core.vocabulary.QueryExpansion}); what analysts get unless they switch it off
 * @param exactTotal whether to count every match however many; otherwise counting stops at a limit and the total
 *                   says "at least" ({@link SearchResult#totalIsLowerBound()}), which lets the index stop early
 */
public record NoticeQuery(String text, NoticeFilters filters, Sort sort, int size, String cursor, boolean facets,
                          boolean expand, boolean exactTotal) {

    public enum Sort { RELEVANCE, NEWEST }

    public NoticeQuery {
        text = text == null ? "" : text.strip();
        if (text.length() > 500) {
            throw new IllegalArgumentException("q must be at most 500 characters");
        }
        if (size < 1 || size > 100) {
            throw new IllegalArgumentException("size must be between 1 and 100");
        }
        filters = filters == null ? NoticeFilters.NONE : filters;
        sort = sort == null ? Sort.RELEVANCE : sort;
        cursor = cursor == null || cursor.isBlank() ? null : cursor.strip();
    }

    /** A query whose total is counted up to the index's limit. */
    public NoticeQuery(String text, NoticeFilters filters, Sort sort, int size, String cursor, boolean facets,
                       boolean expand) {
        this(text, filters, sort, size, cursor, facets, expand, false);
    }

    /** A search of the words as written, without expansion across languages. */
    public NoticeQuery(String text, NoticeFilters filters, Sort sort, int size, String cursor, boolean facets) {
        this(text, filters, sort, size, cursor, facets, false);
    }

    /** The first page of a plain text search, without facets or expansion. */
    public NoticeQuery(String text, int size) {
        this(text, NoticeFilters.NONE, Sort.RELEVANCE, size, null, false);
    }

    /** The same query, from another position. */
    public NoticeQuery after(String nextCursor) {
        return new NoticeQuery(text, filters, sort, size, nextCursor, facets, expand, exactTotal);
    }
}
