package eu.synergie.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.synergie.core.index.FeedQuery;
import eu.synergie.core.index.NoticeFilters;
import eu.synergie.core.index.NoticeQuery;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Tlp;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.ReadScope;
import eu.synergie.core.policy.Role;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the reading path sends to Elasticsearch, checked without Elasticsearch: every request of
 * {@link NoticeQueries} carries the caller's access filter as a mandatory clause of its top-level query,
 * whatever the text, filters, sort, cursor and facets.
 */
class NoticeQueriesTest {

    private static final JacksonJsonpMapper MAPPER = new JacksonJsonpMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AccessPolicy POLICY = new AccessPolicy();
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:01.500Z");
    private static final List<String> REGIONS = List.of("EU-WEST", "EU-CENTRAL", "MED");
    private static final List<String> AGENCIES = List.of("FR-DGPN", "BE-PJF", "DE-BKA", "ES-CNP", "MA-DGSN");
    /** Texts of every kind the parser and the entity detection meet, hostile ones included. */
    private static final List<String> TEXTS = List.of("", "blanchiment", "\"faux ordres\" +virement -Marseille", "geld*",
            "FR76 3000 6000 0112 3456 7890 189", "06 12 34 56 78", "+49 170 1234567", "Jean.Dupont@Example.FR",
            "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "10.0.0.1", "غسيل الأموال",
            "{\"match_all\":{}}", "* OR region:*", "\\\" ) || true", "_index:notices-*");
    private static final int CASES = 3_000;

    @Test
    void searchWhenAnyQueryAndScopeThenAccessFilterIsAMandatoryClauseOfTheTopLevelQuery() {
        Random random = new Random(20261128L);
        int checked = 0;
        for (int c = 0; c < CASES; c++) {
            ReadScope scope = POLICY.scopeOf(randomAnalyst(random));
            NoticeQuery query = randomQuery(random);
            SearchRequest request = NoticeQueries.search(query, scope, NOW);

            assertThat(request.index()).as("case %d", c).containsExactly("notices");
            JsonNode bool = topLevelBool(request, c);
            assertThat(bool.path("filter")).as("case %d: %s in %s", c, query, scope).contains(json(AccessFilter.of(scope)));
            assertStanding(bool, c);
            assertNothingEscapesTheQuery(request, c);
            if (query.facets()) {
                // The facets' own request is scoped alike, sampled or not.
                double sampling = random.nextBoolean() ? 1 : 0.01 + random.nextDouble() * 0.4;
                SearchRequest facets = NoticeQueries.facets(query, query.text(), scope, NOW, sampling);
                JsonNode facetBool = topLevelBool(facets, c);
                assertThat(facetBool.path("filter")).as("case %d: facets of %s", c, query).contains(json(AccessFilter.of(scope)));
                assertStanding(facetBool, c);
                assertNothingEscapesTheQuery(facets, c);
            }
            checked++;
        }
        assertThat(checked).isEqualTo(CASES);
    }

    @Test
    void searchWhenNoExactCountAskedThenCountingStopsAtTheLimitAndFurtherWithFacets() {
        NoticeQuery plain = new NoticeQuery("blanchiment", NoticeFilters.NONE, NoticeQuery.Sort.NEWEST, 20, null, false, true);
        NoticeQuery withFacets = new NoticeQuery("blanchiment", NoticeFilters.NONE, NoticeQuery.Sort.NEWEST, 20, null, true, true);
        NoticeQuery exact = new NoticeQuery("blanchiment", NoticeFilters.NONE, NoticeQuery.Sort.NEWEST, 20, null, true, true, true);

        assertThat(body(NoticeQueries.search(plain, analystScope(), NOW)).path("track_total_hits").asInt()).isEqualTo(10_000);
        assertThat(body(NoticeQueries.search(withFacets, analystScope(), NOW)).path("track_total_hits").asInt()).isEqualTo(100_000);
        assertThat(body(NoticeQueries.search(exact, analystScope(), NOW)).path("track_total_hits").asBoolean()).isTrue();
        // The page's request never counts facets: they are a request of their own.
        assertThat(body(NoticeQueries.search(withFacets, analystScope(), NOW)).has("aggregations")).isFalse();
    }

    @Test
    void searchThenHitsCarryOnlyWhatASummaryReads() {
        JsonNode source = body(NoticeQueries.search(new NoticeQuery("blanchiment", 20), analystScope(), NOW)).path("_source");

        List<String> included = new ArrayList<>();
        source.path("includes").forEach(field -> included.add(field.asText()));
        assertThat(included).containsExactlyElementsOf(NoticeDocument.SUMMARY_FIELDS);
        assertThat(source.has("excludes")).isFalse();
    }

    @Test
    void facetsWhenExactThenPlainAggregationsAndWhenSampledThenUnderASeededRandomSampler() {
        NoticeQuery query = new NoticeQuery("", NoticeFilters.NONE, NoticeQuery.Sort.NEWEST, 20, null, true, true);

        JsonNode exact = body(NoticeQueries.facets(query, "", analystScope(), NOW, 1));
        JsonNode sampled = body(NoticeQueries.facets(query, "", analystScope(), NOW, 0.05));

        assertThat(exact.path("size").asInt()).isZero();
        assertThat(exact.path("aggregations").fieldNames()).toIterable().containsExactly("type", "agency", "region", "tlp", "month");
        assertThat(sampled.path("aggregations").fieldNames()).toIterable().containsExactly("sample");
        JsonNode sample = sampled.path("aggregations").path("sample");
        assertThat(sample.path("random_sampler").path("probability").asDouble()).isEqualTo(0.05);
        assertThat(sample.path("random_sampler").has("seed")).as("the same search gives the same estimates").isTrue();
        assertThat(sample.path("aggregations")).isEqualTo(exact.path("aggregations"));
        assertThatThrownBy(() -> NoticeQueries.facets(query, "", analystScope(), NOW, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fetchWhenAnyIdAndScopeThenAccessFilterBesideTheIdFilter() {
        Random random = new Random(7L);
        for (int c = 0; c < 500; c++) {
            ReadScope scope = POLICY.scopeOf(randomAnalyst(random));
            UUID id = new UUID(random.nextLong(), random.nextLong());
            SearchRequest request = NoticeQueries.fetch(id, scope, NOW);

            assertThat(request.index()).containsExactly("notices");
            assertThat(request.size()).isEqualTo(1);
            JsonNode bool = topLevelBool(request, c);
            assertThat(bool.path("filter")).contains(json(AccessFilter.of(scope)));
            assertThat(bool.path("filter").toString()).contains("\"ids\":{\"values\":[\"" + id + "\"]}");
            assertStanding(bool, c);
            assertNothingEscapesTheQuery(request, c);
        }
    }

    @Test
    void trendsAndSightingsWhenAnyScopeThenAccessFilterBesideTheDatesAndNothingCountedOutside() {
        Random random = new Random(19L);
        for (int c = 0; c < 500; c++) {
            ReadScope scope = POLICY.scopeOf(randomAnalyst(random));
            Instant from = NOW.minusSeconds(random.nextInt(40_000_000));
            for (SearchRequest request : List.of(NoticeQueries.trends(scope, NOW, from, random.nextBoolean()),
                    NoticeQueries.sightings(scope, NOW, from, 200))) {
                assertThat(request.index()).containsExactly("notices");
                assertThat(request.size()).as("counts only, no document").isZero();
                JsonNode bool = topLevelBool(request, c);
                assertThat(bool.path("filter")).as("case %d in %s", c, scope).contains(json(AccessFilter.of(scope)));
                assertThat(bool.path("filter").toString()).contains("\"issuedAt\":{\"gte\":\"" + from + "\"");
                assertStanding(bool, c);
                assertNothingEscapesTheQuery(request, c);
            }
        }
        assertThat(body(NoticeQueries.sightings(POLICY.scopeOf(randomAnalyst(random)), NOW, NOW.minusSeconds(60), 200))
                .toString()).as("persons and their documents are never listed")
                .contains("\"exclude\":\"(PERSON|IDENTITY_DOCUMENT):.*\"");
    }

    @Test
    void feedWhenAnyReadAndScopeThenAccessFilterBesideTheRegionAndTheDatesAdded() {
        Random random = new Random(16L);
        for (int c = 0; c < 1_000; c++) {
            ReadScope scope = POLICY.scopeOf(randomAnalyst(random));
            FeedQuery query = new FeedQuery(REGIONS.get(random.nextInt(REGIONS.size())),
                    random.nextBoolean() ? null : NOW.minusSeconds(random.nextInt(100_000)), NOW.minusSeconds(10),
                    random.nextBoolean() ? null : new FeedQuery.Position(NOW.minusMillis(random.nextInt(1_000_000)),
                            new UUID(random.nextLong(), random.nextLong())),
                    random.nextBoolean() ? Set.of() : Set.of("report--" + new UUID(random.nextLong(), random.nextLong())),
                    random.nextBoolean() ? Set.of() : Set.of("report", "ipv4-addr"),
                    random.nextBoolean() ? FeedQuery.Order.OLDEST_FIRST : FeedQuery.Order.NEWEST_FIRST, 1 + random.nextInt(1000));

            SearchRequest request = NoticeQueries.feed(query, scope, NOW);

            assertThat(request.index()).containsExactly("notices");
            JsonNode bool = topLevelBool(request, c);
            assertThat(bool.path("filter")).as("case %d", c).contains(json(AccessFilter.of(scope)));
            assertThat(bool.path("filter").toString()).contains("{\"term\":{\"region\":{\"value\":\"" + query.region() + "\"}}}",
                    "\"provenance.verifiedAt\":{", "\"lte\":\"" + NOW.minusSeconds(10) + "\"");
            assertStanding(bool, c);
            assertNothingEscapesTheQuery(request, c);
        }
    }

    @Test
    void feedWhenPositionThenSortedByDateAddedThenIdAndContinuedAfterIt() {
        UUID id = UUID.fromString("0e2c4b1c-1111-4222-8333-444455556666");
        FeedQuery query = new FeedQuery("EU-WEST", Instant.parse("2026-11-28T09:00:00.123456Z"), NOW,
                new FeedQuery.Position(Instant.parse("2026-11-28T09:30:00.250Z"), id), Set.of(), Set.of(),
                FeedQuery.Order.OLDEST_FIRST, 10);

        JsonNode body = body(NoticeQueries.feed(query, analystScope(), NOW));

        assertThat(body.path("sort").toString()).isEqualTo("[{\"provenance.verifiedAt\":{\"order\":\"asc\"}},"
                + "{\"noticeId\":{\"order\":\"asc\"}}]");
        assertThat(body.path("search_after").toString())
                .isEqualTo("[" + Instant.parse("2026-11-28T09:30:00.250Z").toEpochMilli() + ",\"" + id + "\"]");
        // Dates added are compared to the millisecond, the precision the index keeps.
        assertThat(body.path("query").toString()).contains("\"gt\":\"2026-11-28T09:00:00.123Z\"");
        assertThat(body.path("track_total_hits").asBoolean()).isFalse();
        assertThat(body.path("size").asInt()).isEqualTo(10);
    }

    @Test
    void feedWhenNewestFirstThenBothSortsDescending() {
        FeedQuery query = new FeedQuery("EU-WEST", null, NOW, null, Set.of(), Set.of(), FeedQuery.Order.NEWEST_FIRST, 5);

        JsonNode body = body(NoticeQueries.feed(query, analystScope(), NOW));

        assertThat(body.path("sort").toString()).isEqualTo("[{\"provenance.verifiedAt\":{\"order\":\"desc\"}},"
                + "{\"noticeId\":{\"order\":\"desc\"}}]");
        assertThat(body.has("search_after")).isFalse();
    }

    @Test
    void feedWhenObjectIdsAndTypesThenNoticesHoldingThemOrWithoutRecordedIds() {
        FeedQuery query = new FeedQuery("EU-WEST", null, NOW, null, Set.of("report--0e2c4b1c-1111-4222-8333-444455556666"),
                Set.of("email-addr"), FeedQuery.Order.OLDEST_FIRST, 5);

        String filter = topLevelBool(NoticeQueries.feed(query, analystScope(), NOW), 0).path("filter").toString();

        assertThat(filter).contains("{\"terms\":{\"exportIds\":[\"report--0e2c4b1c-1111-4222-8333-444455556666\"]}}",
                "{\"prefix\":{\"exportIds\":{\"value\":\"email-addr--\"}}}",
                "{\"bool\":{\"must_not\":[{\"exists\":{\"field\":\"exportIds\"}}]}}");
    }

    @Test
    void searchWhenScopeEmptyThenNoRequest() {
        ReadScope feed = POLICY.scopeOf(new Caller("feed", "FR-DGPN", Set.of("EU-WEST"), Classification.SECRET,
                Set.of(Role.AGENCY_FEED)));

        assertThatThrownBy(() -> NoticeQueries.search(new NoticeQuery("", 10), feed, NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoticeQueries.fetch(UUID.randomUUID(), feed, NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoticeQueries.feed(new FeedQuery("EU-WEST", null, NOW, null, Set.of(), Set.of(),
                FeedQuery.Order.OLDEST_FIRST, 10), feed, NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void accessFilterWhenScopeThenRegionsClassificationsAndReleasabilityOrOriginator() {
        ReadScope scope = POLICY.scopeOf(new Caller("luc", "BE-PJF", Set.of("MED", "EU-WEST"), Classification.RESTRICTED,
                Set.of(Role.ANALYST)));

        JsonNode filter = json(AccessFilter.of(scope)).path("bool").path("filter");

        assertThat(filter.get(0).path("terms").path("region").toString()).isEqualTo("[\"EU-WEST\",\"MED\"]");
        assertThat(filter.get(1).path("terms").path("classification").toString())
                .isEqualTo("[\"RESTRICTED\",\"UNCLASSIFIED\"]");
        String released = filter.get(2).toString();
        assertThat(released).contains("\"releasableTo\":{\"value\":\"BE-PJF\"}", "\"originAgency\":{\"value\":\"BE-PJF\"}",
                "\"exists\":{\"field\":\"releasableTo\"}", "\"minimum_should_match\":\"1\"");
    }

    @Test
    void searchWhenAnyTimeThenValidUntilComparedWithTheNextTenSecondStep() {
        SearchRequest request = NoticeQueries.search(new NoticeQuery("", 10), analystScope(), NOW);

        assertThat(topLevelBool(request, 0).path("filter").toString())
                .contains("\"validUntil\":{\"gt\":\"2026-11-28T10:00:10Z\"}");
        assertThat(topLevelBool(NoticeQueries.search(new NoticeQuery("", 10), analystScope(),
                Instant.parse("2026-11-28T10:00:10Z")), 0).path("filter").toString())
                .as("on a step: that step").contains("\"validUntil\":{\"gt\":\"2026-11-28T10:00:10Z\"}");
    }

    @Test
    void searchWhenTextReadsAsAnIbanThenFreeTextOrTheNormalisedEntity() {
        SearchRequest request = NoticeQueries.search(new NoticeQuery("fr76 3000 6000 0112 3456 7890 189", 10), analystScope(), NOW);

        String must = topLevelBool(request, 0).path("must").toString();
        assertThat(must).contains("\"simple_query_string\"", "\"entities.normalized\"", "FR7630006000011234567890189");
    }

    @Test
    void searchWhenEntityFilterThenNormalisedForTheCallersCountry() {
        NoticeFilters phone = new NoticeFilters(null, null, null, null, null, null, null, null, EntityKind.PHONE,
                "06 12 34 56 78");

        SearchRequest request = NoticeQueries.search(new NoticeQuery("", phone, null, 10, null, false), analystScope(), NOW);

        assertThat(topLevelBool(request, 0).path("filter").toString()).contains("\"+33612345678\"", "\"entities.kind\"");
    }

    @Test
    void searchWhenFiltersThenEachIsAFilterClauseBesideTheAccessFilter() {
        NoticeFilters filters = new NoticeFilters(Set.of(NoticeType.CYBERCRIME), Set.of("DE-BKA"), Set.of("EU-CENTRAL"),
                Set.of(Classification.SECRET), Set.of(Tlp.AMBER_STRICT), Set.of(HandlingCode.H2),
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"), null, null);

        JsonNode bool = topLevelBool(NoticeQueries.search(new NoticeQuery("x", filters, NoticeQuery.Sort.NEWEST, 10, null, true),
                analystScope(), NOW), 0);

        // Asking for a region or classification outside the scope narrows to nothing; it never widens.
        assertThat(bool.path("filter").toString()).contains("{\"terms\":{\"type\":[\"CYBERCRIME\"]}}",
                "{\"terms\":{\"region\":[\"EU-CENTRAL\"]}}", "{\"terms\":{\"classification\":[\"SECRET\"]}}",
                "{\"terms\":{\"tlp\":[\"AMBER+STRICT\"]}}", "\"gte\":\"2026-01-01T00:00:00Z\"");
        assertThat(bool.path("filter")).contains(json(AccessFilter.of(analystScope())));
    }

    private static ReadScope analystScope() {
        return POLICY.scopeOf(new Caller("claire", "FR-DGPN", Set.of("EU-WEST"), Classification.CONFIDENTIAL,
                Set.of(Role.ANALYST)));
    }

    /** The query of the request is one {@code bool}, and nothing else at its top. */
    private static JsonNode topLevelBool(SearchRequest request, int c) {
        JsonNode query = body(request).path("query");
        assertThat(query.size()).as("case %d: one top-level query", c).isEqualTo(1);
        assertThat(query.has("bool")).as("case %d: a bool at the top", c).isTrue();
        JsonNode bool = query.path("bool");
        assertThat(bool.has("should")).as("case %d: no optional clause at the top", c).isFalse();
        return bool;
    }

    private static void assertStanding(JsonNode bool, int c) {
        assertThat(bool.path("filter").toString()).as("case %d: not expired", c).contains("\"validUntil\"");
        assertThat(bool.path("must_not").toString()).as("case %d: not withdrawn", c)
                .contains("{\"term\":{\"status\":{\"value\":\"WITHDRAWN\"}}}");
    }

    /** No part of the request may count or return documents outside the query (a global aggregation would). */
    private static void assertNothingEscapesTheQuery(SearchRequest request, int c) {
        JsonNode body = body(request);
        assertThat(body.findValues("global")).as("case %d: no global aggregation", c).isEmpty();
        assertThat(body.has("post_filter") || body.has("knn") || body.has("retriever") || body.has("indices_boost"))
                .as("case %d: nothing beside the query selects documents", c).isFalse();
    }

    private static JsonNode body(SearchRequest request) {
        return parse(JsonpUtils.toJsonString(request, MAPPER));
    }

    private static JsonNode json(Query query) {
        return parse(JsonpUtils.toJsonString(query, MAPPER));
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Caller randomAnalyst(Random random) {
        Set<String> regions = new HashSet<>();
        regions.add(REGIONS.get(random.nextInt(REGIONS.size())));
        REGIONS.stream().filter(r -> random.nextInt(3) == 0).forEach(regions::add);
        Classification clearance = Classification.values()[random.nextInt(Classification.values().length)];
        return new Caller("analyst", AGENCIES.get(random.nextInt(AGENCIES.size())), regions, clearance, Set.of(Role.ANALYST));
    }

    private static NoticeQuery randomQuery(Random random) {
        NoticeFilters filters = random.nextInt(3) == 0 ? NoticeFilters.NONE : randomFilters(random);
        NoticeQuery.Sort sort = random.nextBoolean() ? NoticeQuery.Sort.RELEVANCE : NoticeQuery.Sort.NEWEST;
        NoticeQuery query = new NoticeQuery(TEXTS.get(random.nextInt(TEXTS.size())), filters, sort, 1 + random.nextInt(100),
                null, random.nextBoolean());
        if (random.nextBoolean()) {
            List<FieldValue> last = new ArrayList<>();
            if (sort == NoticeQuery.Sort.RELEVANCE) {
                last.add(FieldValue.of(random.nextDouble()));
            }
            last.add(FieldValue.of(NOW.toEpochMilli() - random.nextInt(1_000_000)));
            last.add(FieldValue.of(new UUID(random.nextLong(), random.nextLong()).toString()));
            query = query.after(SearchCursor.encode(query, last));
        }
        return query;
    }

    private static NoticeFilters randomFilters(Random random) {
        Set<NoticeType> types = pick(random, EnumSet.allOf(NoticeType.class));
        Set<String> agencies = pick(random, new HashSet<>(AGENCIES));
        Set<String> regions = pick(random, new HashSet<>(REGIONS));
        Set<Classification> classifications = pick(random, EnumSet.allOf(Classification.class));
        Set<Tlp> tlps = pick(random, EnumSet.allOf(Tlp.class));
        Set<HandlingCode> codes = pick(random, EnumSet.allOf(HandlingCode.class));
        Instant from = random.nextBoolean() ? null : NOW.minusSeconds(86_400L * (30 + random.nextInt(300)));
        Instant to = random.nextBoolean() ? null : NOW.minusSeconds(86_400L * random.nextInt(30));
        EntityKind kind = random.nextInt(4) == 0 ? EntityKind.values()[random.nextInt(EntityKind.values().length)] : null;
        String value = kind == null ? null : TEXTS.get(1 + random.nextInt(TEXTS.size() - 1));
        return new NoticeFilters(types, agencies, regions, classifications, tlps, codes, from, to, kind, value);
    }

    private static <T> Set<T> pick(Random random, Set<T> all) {
        Set<T> picked = new HashSet<>();
        all.stream().sorted(java.util.Comparator.comparing(Object::toString)).forEach(v -> {
            if (random.nextInt(all.size() + 1) == 0) {
                picked.add(v);
            }
        });
        return picked;
    }
}
