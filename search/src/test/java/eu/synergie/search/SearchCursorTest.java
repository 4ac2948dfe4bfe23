package eu.synergie.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import eu.synergie.core.index.InvalidCursorException;
import eu.synergie.core.index.NoticeFilters;
import eu.synergie.core.index.NoticeQuery;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Tlp;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchCursorTest {

    private static final NoticeFilters FILTERS = new NoticeFilters(Set.of(NoticeType.CYBERCRIME, NoticeType.CORRUPTION),
            Set.of("FR-DGPN", "BE-PJF"), Set.of(), Set.of(), Set.of(Tlp.AMBER), Set.of(), Instant.parse("2026-01-01T00:00:00Z"),
            null, null, null);
    private static final NoticeQuery QUERY = new NoticeQuery("blanchiment", FILTERS, NoticeQuery.Sort.RELEVANCE, 20, null, true);

    @Test
    void decodeWhenSameQueryThenSortValuesBack() {
        List<FieldValue> values = List.of(FieldValue.of(1.25), FieldValue.of(1_764_000_000_000L), FieldValue.of("a-b"));
        String cursor = SearchCursor.encode(QUERY, values);

        List<FieldValue> back = SearchCursor.decode(QUERY.after(cursor), 3);

        assertThat(back).extracting(FieldValue::_get).containsExactly(1.25, 1_764_000_000_000L, "a-b");
    }

    @Test
    void decodeWhenFilterSetsListedInAnotherOrderThenSameQuery() {
        NoticeFilters reordered = new NoticeFilters(Set.of(NoticeType.CORRUPTION, NoticeType.CYBERCRIME),
                Set.of("BE-PJF", "FR-DGPN"), Set.of(), Set.of(), Set.of(Tlp.AMBER), Set.of(),
                Instant.parse("2026-01-01T00:00:00Z"), null, null, null);
        String cursor = SearchCursor.encode(QUERY, List.of(FieldValue.of(1.0), FieldValue.of(1L), FieldValue.of("x")));

        assertThat(SearchCursor.decode(new NoticeQuery("blanchiment", reordered, NoticeQuery.Sort.RELEVANCE, 50, cursor, false), 3))
                .hasSize(3);
    }

    @Test
    void decodeWhenOtherQueryThenRefused() {
        String cursor = SearchCursor.encode(QUERY, List.of(FieldValue.of(1.0), FieldValue.of(1L), FieldValue.of("x")));
        NoticeQuery other = new NoticeQuery("corruption", FILTERS, NoticeQuery.Sort.RELEVANCE, 20, cursor, true);

        assertThatThrownBy(() -> SearchCursor.decode(other, 3)).isInstanceOf(InvalidCursorException.class)
                .hasMessageContaining("another query");
    }

    @Test
    void decodeWhenGarbageThenMalformed() {
        assertThatThrownBy(() -> SearchCursor.decode(QUERY.after("%%%"), 3)).hasMessage("cursor is malformed");
        assertThatThrownBy(() -> SearchCursor.decode(QUERY.after("YWJj"), 3)).hasMessage("cursor is malformed");
    }
}
