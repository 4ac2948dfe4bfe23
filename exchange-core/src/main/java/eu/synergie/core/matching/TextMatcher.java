package eu.synergie.core.matching;

import eu.synergie.core.notice.Folding;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Query;

/**
 * Matches text watchlists against one notice in memory with Lucene's {@link MemoryIndex}, the same
 * simple query syntax and default AND as search, on the same folded text, so a watchlist fires on exactly
 * what searching its text would find; no dependency on Elasticsearch's percolator.
 */
final class TextMatcher {

    private static final String FIELD = "folded";
    /** Like Elasticsearch's standard analyzer: no stop words. */
    private static final Analyzer ANALYZER = new StandardAnalyzer(CharArraySet.EMPTY_SET);

    private final MemoryIndex index = new MemoryIndex();

    TextMatcher(String noticeText) {
        index.addField(FIELD, Folding.fold(noticeText), ANALYZER);
    }

    static Query parse(String text) {
        SimpleQueryParser parser = new SimpleQueryParser(ANALYZER, FIELD);
        parser.setDefaultOperator(BooleanClause.Occur.MUST);
        return parser.parse(Folding.fold(text));
    }

    boolean matches(Query query) {
        return index.search(query) > 0.0f;
    }
}
