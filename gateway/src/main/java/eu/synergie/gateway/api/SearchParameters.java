package eu.synergie.gateway.api;

import eu.synergie.core.index.NoticeFilters;
import eu.synergie.core.index.NoticeQuery;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Tlp;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The search request as the query string carries it, turned into a {@link NoticeQuery}; every value that
 * does not parse is refused with a message naming the parameter. Lists may repeat the parameter or be
 * comma-separated. Dates are ISO instants or days ({@code to} a day means up to the end of that day).
 * {@code count=exact} counts every match; without it the total stops at a limit and says "at least".
 */
public record SearchParameters(String q, Integer size, String sort, String cursor, Boolean facets, List<String> type,
                        List<String> agency, List<String> region, List<String> classification, List<String> tlp,
                        List<String> handlingCode, String from, String to, String entityKind, String entityValue,
                        Boolean expand, String count) {

    /** The same request with facet counts asked for (the search page always shows them). */
    public SearchParameters withFacets() {
        return new SearchParameters(q, size, sort, cursor, true, type, agency, region, classification, tlp, handlingCode, from, to,
                entityKind, entityValue, expand, count);
    }

    public NoticeQuery toQuery() {
        try {
            NoticeFilters filters = new NoticeFilters(enums("type", type, NoticeType::valueOf, NoticeType.class),
                    codes(agency), codes(region),
                    enums("classification", classification, Classification::valueOf, Classification.class),
                    enums("tlp", tlp, SearchParameters::tlp, Tlp.class),
                    enums("handlingCode", handlingCode, HandlingCode::valueOf, HandlingCode.class),
                    instant("from", from, false), instant("to", to, true),
                    entityKind == null || entityKind.isBlank() ? null
                            : parse("entityKind", entityKind, v -> EntityKind.valueOf(v.toUpperCase(Locale.ROOT))),
                    entityValue);
            return new NoticeQuery(q, filters, sort == null || sort.isBlank() ? NoticeQuery.Sort.RELEVANCE
                    : parse("sort", sort, v -> NoticeQuery.Sort.valueOf(v.toUpperCase(Locale.ROOT))),
                    size == null ? 20 : size, cursor, Boolean.TRUE.equals(facets), !Boolean.FALSE.equals(expand),
                    exactCount(count));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(e.getMessage());
        }
    }

    private static boolean exactCount(String count) {
        if (count == null || count.isBlank() || count.strip().equalsIgnoreCase("limited")) {
            return false;
        }
        if (count.strip().equalsIgnoreCase("exact")) {
            return true;
        }
        throw new IllegalArgumentException("count has no value \"" + count + "\" (exact or limited)");
    }

    /** {@code AMBER+STRICT} arrives as {@code "AMBER STRICT"} when its plus sign was not percent-encoded. */
    private static Tlp tlp(String value) {
        String label = value.toUpperCase(Locale.ROOT).replace(' ', '+').replace('_', '+');
        return Tlp.ofLabel(label);
    }

    private static <E extends Enum<E>> Set<E> enums(String name, List<String> values, Function<String, E> parser,
                                                    Class<E> kind) {
        Set<E> parsed = EnumSet.noneOf(kind);
        for (String value : values == null ? List.<String>of() : values) {
            if (value != null && !value.isBlank()) {
                parsed.add(parse(name, value.strip(), v -> parser.apply(v.toUpperCase(Locale.ROOT))));
            }
        }
        return parsed;
    }

    private static Set<String> codes(List<String> values) {
        Set<String> codes = new HashSet<>();
        for (String value : values == null ? List.<String>of() : values) {
            if (value != null && !value.isBlank()) {
                codes.add(value.strip().toUpperCase(Locale.ROOT));
            }
        }
        return codes;
    }

    private static Instant instant(String name, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).plusDays(endOfDay ? 1 : 0).atStartOfDay(ZoneOffset.UTC)
                    .toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a date (2026-11-28) or an instant (2026-11-28T10:00:00Z)");
        }
    }

    private static <T> T parse(String name, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " has no value \"" + value + "\"");
        }
    }
}
