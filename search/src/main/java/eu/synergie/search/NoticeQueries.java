package eu.synergie.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import eu.synergie.core.index.FeedQuery;
import eu.synergie.core.index.NoticeFilters;
import eu.synergie.core.index.NoticeQuery;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.Folding;
import eu.synergie.core.notice.NoticeStatus;
import eu.synergie.core.notice.Tlp;
import eu.synergie.core.notice.normal.EntityNormalizer;
import eu.synergie.core.notice.normal.NormalizedValue;
import eu.synergie.core.policy.ReadScope;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Builds the requests of the reading path: a search page, a lookup by id and a page of a region's feed, for a caller's
 * {@link ReadScope}. Pure (no client, no clock of its own), so that what reaches Elasticsearch can be checked
 * without one. All go through {@link #scoped}, which puts the access filter, the validity filter and the
 * exclusion of withdrawn notices into the top-level {@code bool} as {@code filter}/{@code must_not} clauses:
 * whatever the caller's text and filters add, they can only narrow.
 */
public final class NoticeQueries {

    /** The alias that spans the notices of every region: the only index the reading path names. */
    public static final String ALIAS = "notices";
    /** When the exchange verified the indexed version: a notice's date added in the feed (TAXII's {@code date_added}). */
    static final String ADDED = "provenance.verifiedAt";
    /** The aggregation that holds the facets when they are counted over a sample. */
    static final String SAMPLE = "sample";
    private static final int SAMPLE_SEED = 20_251_215;
    private static final Duration VALIDITY_STEP = Duration.ofSeconds(10);
    /** Kinds whose written forms vary enough that searching needs the normalised value. */
    private static final Set<EntityKind> ENTITY_SEARCH = Set.of(EntityKind.IBAN, EntityKind.PHONE, EntityKind.EMAIL,
            EntityKind.CRYPTO_WALLET, EntityKind.IP_ADDRESS);

    private NoticeQueries() {
    }

    /**
     * The request of one search page as of {@code now}, access filter included; the same request the index
     * sends (the search benchmark sends it straight to Elasticsearch beside the gateway's). Its total is counted as
     * {@link SearchCounting#DEFAULT} says; its facets are a second request, {@link #facets}.
     *
     * @throws IllegalArgumentException if the scope is empty (such a search is answered without a request)
     * @throws eu.synergie.core.index.InvalidCursorException if the query's cursor belongs to another query
     */
    public static SearchRequest search(NoticeQuery query, ReadScope scope, Instant now) {
        return search(query, query.text(), scope, now, SearchCounting.DEFAULT);
    }

    /**
     * As {@link #search(NoticeQuery, ReadScope, Instant)}, with {@code searched} as the free text: the query's own, or
     * the same widened across languages ({@link eu.synergie.core.vocabulary.QueryExpansion}).
     */
    public static SearchRequest search(NoticeQuery query, String searched, ReadScope scope, Instant now,
                                       SearchCounting counting) {
        Query scoped = matching(query, searched, scope, now);
        boolean relevance = query.sort() == NoticeQuery.Sort.RELEVANCE;
        List<FieldValue> after = query.cursor() == null ? null : SearchCursor.decode(query, relevance ? 3 : 2);
        return SearchRequest.of(s -> {
            s.index(ALIAS).ignoreUnavailable(true).allowNoIndices(true).query(scoped);
            if (relevance) {
                s.sort(o -> o.score(sc -> sc.order(SortOrder.Desc)));
            }
            s.sort(o -> o.field(f -> f.field("issuedAt").order(SortOrder.Desc)))
                    .sort(o -> o.field(f -> f.field("noticeId").order(SortOrder.Asc)))
                    .size(query.size())
                    .source(src -> src.filter(f -> f.includes(NoticeDocument.SUMMARY_FIELDS)));
            // Counting every match means visiting every match; a limit lets Lucene skip what cannot make the page.
            if (query.exactTotal()) {
                s.trackTotalHits(t -> t.enabled(true));
            } else {
                s.trackTotalHits(t -> t.count(counting.countLimit(query)));
            }
            if (after != null) {
                s.searchAfter(after);
            }
            return s;
        });
    }

    /**
     * The facet counts of a search ({@link NoticeQuery#facets()}): the same matches as {@link #search}'s, counted per
     * type, agency, region, TLP and month; all of them when {@code sampling} is 1, otherwise a random sample of the
     * index's documents taken with that probability (Elasticsearch's {@code random_sampler}, with a fixed seed so that
     * the same search gives the same estimates), whose counts Elasticsearch scales back up.
     *
     * @param sampling 1, or the probability ({@literal >} 0 and {@literal <} 0.5) of {@link SearchCounting#facetSampling}
     */
    public static SearchRequest facets(NoticeQuery query, String searched, ReadScope scope, Instant now, double sampling) {
        if (sampling != 1 && !(sampling > 0 && sampling < 0.5)) {
            throw new IllegalArgumentException("a sampling probability is 1 or between 0 and 0.5: " + sampling);
        }
        Query scoped = matching(query, searched, scope, now);
        // Plain bucket aggregations run over the hits of the query, hence inside the scope (never a global
        // aggregation, which would count past it). A random sample narrows them further, never widens.
        Map<String, Aggregation> counts = new LinkedHashMap<>();
        counts.put("type", Aggregation.of(a -> a.terms(t -> t.field("type").size(20))));
        counts.put("agency", Aggregation.of(a -> a.terms(t -> t.field("originAgency").size(50))));
        counts.put("region", Aggregation.of(a -> a.terms(t -> t.field("region").size(50))));
        counts.put("tlp", Aggregation.of(a -> a.terms(t -> t.field("tlp").size(10))));
        counts.put("month", Aggregation.of(a -> a.dateHistogram(h -> h.field("issuedAt")
                .calendarInterval(CalendarInterval.Month).format("yyyy-MM").minDocCount(1))));
        return SearchRequest.of(s -> {
            s.index(ALIAS).ignoreUnavailable(true).allowNoIndices(true).query(scoped).size(0)
                    .trackTotalHits(t -> t.enabled(false));
            if (sampling == 1) {
                s.aggregations(counts);
            } else {
                s.aggregations(SAMPLE, a -> a.randomSampler(r -> r.probability(sampling).seed(SAMPLE_SEED))
                        .aggregations(counts));
            }
            return s;
        });
    }

    /** The query of a search page and its facets: text or everything, the analyst's filters, inside the scope. */
    private static Query matching(NoticeQuery query, String searched, ReadScope scope, Instant now) {
        Query text = searched.isBlank() ? Query.of(q -> q.matchAll(m -> m)) : textOrEntity(searched, query.text(), scope.agency());
        List<Query> narrowing = narrowing(query.filters(), scope.agency());
        return scoped(scope, now, b -> b.must(text).filter(narrowing));
    }

    /**
     * The lookup of one notice by id as of {@code now}: found only if it is in {@code scope}, standing and not expired.
     *
     * @throws IllegalArgumentException if the scope is empty
     */
    public static SearchRequest fetch(UUID noticeId, ReadScope scope, Instant now) {
        Query scoped = scoped(scope, now, b -> b.filter(f -> f.ids(i -> i.values(noticeId.toString()))));
        return SearchRequest.of(s -> s.index(ALIAS).ignoreUnavailable(true).allowNoIndices(true).query(scoped).size(1));
    }

    /** The replies in {@code scope}, standing and not expired, to the tracing request {@code requestId}, oldest first. */
    public static SearchRequest replies(UUID requestId, ReadScope scope, Instant now, int limit) {
        Query scoped = scoped(scope, now, b -> b.filter(f -> f.term(t -> t.field("replyTo").value(requestId.toString()))));
        return SearchRequest.of(s -> s.index(ALIAS).ignoreUnavailable(true).allowNoIndices(true).query(scoped)
                .sort(o -> o.field(f -> f.field("issuedAt").order(co.elastic.clients.elasticsearch._types.SortOrder.Asc)))
                .size(limit));
    }

    /**
     * The notices in {@code scope}, standing and not expired, that hold an entity with any of {@code matchKeys}: how the
     * asset tracing follows a company or a person from one notice to the next, only through notices the caller may read.
     */
    public static SearchRequest holding(java.util.Set<String> matchKeys, ReadScope scope, Instant now, int limit) {
        List<FieldValue> keys = matchKeys.stream().sorted().map(FieldValue::of).toList();
        Query scoped = scoped(scope, now, b -> b.filter(f -> f.nested(n -> n.path("entities")
                .query(e -> e.terms(t -> t.field("entities.matchKey").terms(v -> v.value(keys)))))));
        return SearchRequest.of(s -> s.index(ALIAS).ignoreUnavailable(true).allowNoIndices(true).query(scoped)
                .sort(o -> o.field(f -> f.field("issuedAt").order(co.elastic.clients.elasticsearch._types.SortOrder.Desc)))
                .size(limit));
    }

    /**
     * The counts of trends as of {@code now}: the notices in {@code scope}, standing and not expired, issued from
     * {@code from} to {@code now}, per region, type and period (UTC calendar months or ISO weeks, as
     * {@link eu.synergie.core.trends.Period} cuts them). Plain bucket aggregations over the scoped hits: nothing counted
     * outside the scope.
     */
    public static SearchRequest trends(ReadScope scope, Instant now, Instant from, boolean weeks) {
        Query scoped = scoped(scope, now, b -> b.filter(issuedBetween(from, now)));
        return SearchRequest.of(s -> s.index(ALIAS).ignoreUnavailable(true).allowNoIndices(true).query(scoped).size(0)
                .aggregations("region", a -> a.terms(t -> t.field("region").size(100))
                        .aggregations("type", ty -> ty.terms(t -> t.field("type").size(50))
                                .aggregations("period", p -> p.dateHistogram(h -> h.field("issuedAt").timeZone("UTC")
                                        .calendarInterval(weeks ? CalendarInterval.Week : CalendarInterval.Month)
                                        .minDocCount(1))))));
    }

    /**
     * The values named in notices in {@code scope}, standing and not expired, issued from {@code from} to {@code now}:
     * per match key (never a person's: no person key, no identity document), the agencies naming it with their notices' count and first and last dates, for
     * the {@code limit} keys named by most agencies.
     */
    public static SearchRequest sightings(ReadScope scope, Instant now, Instant from, int limit) {
        Query scoped = scoped(scope, now, b -> b.filter(issuedBetween(from, now)));
        return SearchRequest.of(s -> s.index(ALIAS).ignoreUnavailable(true).allowNoIndices(true).query(scoped).size(0)
                .aggregations("entities", a -> a.nested(n -> n.path("entities"))
                        .aggregations("key", k -> k.terms(t -> t.field("entities.matchKey").size(limit)
                                        .exclude(e -> e.regexp("(PERSON|IDENTITY_DOCUMENT):.*"))
                                        .order(co.elastic.clients.util.NamedValue.of("notices>agencies", SortOrder.Desc)))
                                .aggregations("notices", r -> r.reverseNested(rn -> rn)
                                        .aggregations("agencies", c -> c.cardinality(cd -> cd.field("originAgency")))
                                        .aggregations("agency", g -> g.terms(t -> t.field("originAgency").size(50))
                                                .aggregations("first", m -> m.min(mn -> mn.field("issuedAt")))
                                                .aggregations("last", m -> m.max(mx -> mx.field("issuedAt"))))))));
    }

    private static Query issuedBetween(Instant from, Instant to) {
        return Query.of(q -> q.range(r -> r.date(d -> d.field("issuedAt").gte(from.toString()).lte(to.toString()))));
    }

    /**
     * One page of a region's feed as of {@code now}: the notices of {@code query.region()} in {@code scope}, standing and
     * not expired, ordered by date added then notice id, after {@code query.after()} ({@code search_after}: a position,
     * so notices indexed meanwhile neither repeat nor shift the pages). Date comparisons are to the millisecond, the
     * precision Elasticsearch keeps and the feed reports.
     *
     * @throws IllegalArgumentException if the scope is empty
     */
    public static SearchRequest feed(FeedQuery query, ReadScope scope, Instant now) {
        List<Query> narrowing = new ArrayList<>();
        narrowing.add(Query.of(q -> q.term(t -> t.field("region").value(query.region()))));
        narrowing.add(Query.of(q -> q.range(r -> r.date(d -> {
            d.field(ADDED).lte(millis(query.addedUpTo()));
            if (query.addedAfter() != null) {
                d.gt(millis(query.addedAfter()));
            }
            return d;
        }))));
        if (!query.objectIds().isEmpty() || !query.objectTypes().isEmpty()) {
            narrowing.add(holding(query));
        }
        Query scoped = scoped(scope, now, b -> b.filter(narrowing));
        SortOrder direction = query.order() == FeedQuery.Order.OLDEST_FIRST ? SortOrder.Asc : SortOrder.Desc;
        return SearchRequest.of(s -> {
            s.index(ALIAS).ignoreUnavailable(true).allowNoIndices(true).query(scoped)
                    .sort(o -> o.field(f -> f.field(ADDED).order(direction)))
                    .sort(o -> o.field(f -> f.field("noticeId").order(direction)))
                    .size(query.size())
                    .trackTotalHits(t -> t.enabled(false))
                    .source(src -> src.filter(f -> f.excludes("folded")));
            if (query.after() != null) {
                s.searchAfter(FieldValue.of(query.after().addedAt().toEpochMilli()),
                        FieldValue.of(query.after().noticeId().toString()));
            }
            return s;
        });
    }

    /**
     * Notices exported with an object of the ids and types asked for, and those indexed before export ids were
     * recorded (the reader checks their objects itself): a superset of the holders, never fewer.
     */
    private static Query holding(FeedQuery query) {
        List<Query> all = new ArrayList<>();
        if (!query.objectIds().isEmpty()) {
            List<FieldValue> ids = query.objectIds().stream().sorted().map(FieldValue::of).toList();
            all.add(Query.of(q -> q.terms(t -> t.field("exportIds").terms(v -> v.value(ids)))));
        }
        if (!query.objectTypes().isEmpty()) {
            List<Query> types = query.objectTypes().stream().sorted()
                    .map(type -> Query.of(q -> q.prefix(p -> p.field("exportIds").value(type + "--")))).toList();
            all.add(Query.of(q -> q.bool(b -> b.should(types).minimumShouldMatch("1"))));
        }
        return Query.of(q -> q.bool(b -> b
                .should(s -> s.bool(held -> held.filter(all)))
                .should(s -> s.bool(none -> none.mustNot(m -> m.exists(e -> e.field("exportIds")))))
                .minimumShouldMatch("1")));
    }

    private static String millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /**
     * The one way the reading path makes a query: the access filter, the validity filter and the exclusion of
     * withdrawn notices, then what {@code narrowing} adds to the same {@code bool}.
     */
    private static Query scoped(ReadScope scope, Instant now, Consumer<BoolQuery.Builder> narrowing) {
        Query access = AccessFilter.of(scope);
        return Query.of(q -> q.bool(b -> {
            narrowing.accept(b);
            return standing(b.filter(access), now);
        }));
    }

    /**
     * Adds "standing (not withdrawn), not expired as of {@code now}, and not held for its agency's release approvers"
     * to a {@code bool}: what any lookup of the region may return, scoped or not (searches, holders of a hit, watchlist
     * and asset lookups, TAXII, exports).
     */
    static BoolQuery.Builder standing(BoolQuery.Builder bool, Instant now) {
        return bool.filter(current(now)).mustNot(withdrawn()).mustNot(held());
    }

    /**
     * The one lookup that finds a held notice: by id, of {@code agency} (the caller's, whose release approvers decide on
     * it, as {@link eu.synergie.core.policy.AccessPolicy#decideHeld} allowed), held, standing and not expired.
     */
    public static SearchRequest heldNotice(UUID noticeId, String agency, Instant now) {
        Query query = Query.of(q -> q.bool(b -> b.filter(f -> f.ids(i -> i.values(noticeId.toString())))
                .filter(f -> f.term(t -> t.field("originAgency").value(agency)))
                .filter(f -> f.term(t -> t.field(NoticeDocument.HELD).value(true)))
                .filter(current(now)).mustNot(withdrawn())));
        return SearchRequest.of(s -> s.index(ALIAS).ignoreUnavailable(true).allowNoIndices(true).query(query).size(1));
    }

    private static Query held() {
        return Query.of(m -> m.term(t -> t.field(NoticeDocument.HELD).value(true)));
    }

    private static Query withdrawn() {
        return Query.of(m -> m.term(t -> t.field("status").value(NoticeStatus.WITHDRAWN.name())));
    }

    /**
     * Not past its {@code validUntil}: an expired notice is never found. The instant is rounded up to the next
     * {@link #VALIDITY_STEP}, so that the filter stays the same for that long and Elasticsearch can cache it
     * instead of running a new range query for every search; a notice thus leaves search up to that step
     * before its {@code validUntil}, never after.
     */
    private static Query current(Instant now) {
        long step = VALIDITY_STEP.toMillis();
        Instant roundedUp = Instant.ofEpochMilli(Math.ceilDiv(now.toEpochMilli(), step) * step);
        return Query.of(q -> q.bool(b -> b
                .should(s -> s.bool(none -> none.mustNot(m -> m.exists(e -> e.field("validUntil")))))
                .should(s -> s.range(r -> r.date(d -> d.field("validUntil").gt(roundedUp.toString()))))
                .minimumShouldMatch("1")));
    }

    /** The analyst's filters as Elasticsearch filters; they narrow, the access filter still applies. */
    private static List<Query> narrowing(NoticeFilters f, String callerAgency) {
        List<Query> filters = new ArrayList<>();
        terms(filters, "type", f.types().stream().map(Enum::name).toList());
        terms(filters, "originAgency", List.copyOf(f.agencies()));
        terms(filters, "region", List.copyOf(f.regions()));
        terms(filters, "classification", f.classifications().stream().map(Enum::name).toList());
        terms(filters, "tlp", f.tlps().stream().map(Tlp::label).toList());
        terms(filters, "handlingCode", f.handlingCodes().stream().map(Enum::name).toList());
        if (f.issuedFrom() != null || f.issuedTo() != null) {
            filters.add(Query.of(q -> q.range(r -> r.date(d -> {
                d.field("issuedAt");
                if (f.issuedFrom() != null) {
                    d.gte(f.issuedFrom().toString());
                }
                if (f.issuedTo() != null) {
                    d.lt(f.issuedTo().toString());
                }
                return d;
            }))));
        }
        if (f.entityKind() != null) {
            NormalizedValue normal = EntityNormalizer.normalize(f.entityKind(), f.entityValue(),
                    EntityNormalizer.phoneRegionOf(callerAgency));
            List<FieldValue> forms = Stream.of(normal.normalized(), Folding.fold(f.entityValue()))
                    .filter(v -> !v.isEmpty()).distinct().map(FieldValue::of).toList();
            filters.add(Query.of(q -> q.nested(n -> n.path("entities").query(e -> e.bool(b -> b
                    .filter(k -> k.term(t -> t.field("entities.kind").value(f.entityKind().name())))
                    .should(s -> s.terms(t -> t.field("entities.normalized").terms(v -> v.value(forms))))
                    .should(s -> s.terms(t -> t.field("entities.folded").terms(v -> v.value(forms))))
                    .minimumShouldMatch("1"))))));
        }
        return filters;
    }

    private static void terms(List<Query> filters, String field, List<String> values) {
        if (!values.isEmpty()) {
            List<FieldValue> terms = values.stream().map(FieldValue::of).toList();
            filters.add(Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(terms)))));
        }
    }

    /**
     * Free text over the folded title, summary and entity values; and, when the text reads as an IBAN,
     * phone, e-mail, wallet or IP address in any common written form, its normalised entity too.
     */
    private static Query textOrEntity(String text, String written, String callerAgency) {
        Query free = Query.of(q -> q.simpleQueryString(s -> s.query(Folding.fold(text)).fields("folded")
                .defaultOperator(Operator.And)));
        // Entities are read from what the analyst wrote, not from its widening across languages.
        List<FieldValue> entities = EntityNormalizer.candidates(written, EntityNormalizer.phoneRegionOf(callerAgency)).entrySet()
                .stream().filter(e -> ENTITY_SEARCH.contains(e.getKey())).map(e -> FieldValue.of(e.getValue())).distinct().toList();
        if (entities.isEmpty()) {
            return free;
        }
        return Query.of(q -> q.bool(b -> b.should(free)
                .should(s -> s.nested(n -> n.path("entities").query(e -> e.terms(t -> t.field("entities.normalized")
                        .terms(v -> v.value(entities))))))
                .minimumShouldMatch("1")));
    }
}
