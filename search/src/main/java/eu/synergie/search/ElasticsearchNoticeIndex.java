package eu.synergie.search;

import static eu.synergie.search.ElasticsearchCalls.call;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.indices.PutIndexTemplateRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.synergie.core.index.EntityHoldings;
import eu.synergie.core.index.ExpiredNotice;
import eu.synergie.core.index.FetchedNotice;
import eu.synergie.core.index.IndexGenerations;
import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.index.NoticeFilters;
import eu.synergie.core.index.NoticeIndex;
import eu.synergie.core.index.NoticeSummary;
import eu.synergie.core.index.NoticeQuery;
import eu.synergie.core.index.SearchResult;
import eu.synergie.core.index.StoredVersion;
import eu.synergie.core.notice.NoticeStatus;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.Folding;
import eu.synergie.core.notice.Tlp;
import eu.synergie.core.notice.normal.EntityNormalizer;
import eu.synergie.core.notice.normal.NormalizedValue;
import eu.synergie.core.policy.ReadScope;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;

/**
 * The notice index on Elasticsearch. Each region's notices live in a generation
 * {@code notices-<region>-g<millis>}, written through the alias {@code notices-<region>} and searched
 * through the alias {@code notices} that spans all regions; mappings come from one index template.
 * A rebuild fills a new generation and moves both aliases to it in one step. Every search carries the
 * caller's access filter.
 */
public final class ElasticsearchNoticeIndex implements NoticeIndex, IndexGenerations {

    static final String ALIAS = "notices";
    private static final Duration VALIDITY_STEP = Duration.ofSeconds(10);
    /** Kinds whose written forms vary enough that searching needs the normalised value. */
    private static final Set<EntityKind> ENTITY_SEARCH = Set.of(EntityKind.IBAN, EntityKind.PHONE, EntityKind.EMAIL,
            EntityKind.CRYPTO_WALLET, EntityKind.IP_ADDRESS);

    private final ElasticsearchClient client;
    private final IndexSettings settings;
    private final Clock clock;
    /** Set for an indexer that writes into one generation (a rebuild); null for the live one. */
    private final String pinnedGeneration;
    private final Set<String> regionsReady = ConcurrentHashMap.newKeySet();
    private volatile boolean templateInstalled;

    public ElasticsearchNoticeIndex(ElasticsearchClient client, IndexSettings settings) {
        this(client, settings, Clock.systemUTC());
    }

    public ElasticsearchNoticeIndex(ElasticsearchClient client, IndexSettings settings, Clock clock) {
        this(client, settings, clock, null);
    }

    private ElasticsearchNoticeIndex(ElasticsearchClient client, IndexSettings settings, Clock clock, String pinnedGeneration) {
        this.client = client;
        this.settings = settings;
        this.clock = clock;
        this.pinnedGeneration = pinnedGeneration;
    }

    /** The alias through which the notices of {@code region} are written. */
    public static String indexOf(String region) {
        return ALIAS + "-" + region.toLowerCase(Locale.ROOT);
    }

    private String writeTarget(String region) {
        if (pinnedGeneration != null) {
            return pinnedGeneration;
        }
        if (!regionsReady.contains(region)) {
            installTemplate();
            if (!call(() -> client.indices().existsAlias(a -> a.name(indexOf(region)))).value()) {
                // Created first and aliased once its shard has started: a search through the alias never meets
                // a shard that is still initialising (which Elasticsearch answers with 503).
                String generation = generationName(region);
                call(() -> client.indices().create(c -> c.index(generation)));
                try {
                    call(() -> client.indices().updateAliases(u -> u
                            .actions(a -> a.add(add -> add.index(generation).alias(indexOf(region)).isWriteIndex(true)))
                            .actions(a -> a.add(add -> add.index(generation).alias(ALIAS)))));
                } catch (SearchUnavailableException raced) {
                    // Another instance made the region's first generation at the same moment: use that one.
                    call(() -> client.indices().delete(d -> d.index(generation)));
                    if (!call(() -> client.indices().existsAlias(a -> a.name(indexOf(region)))).value()) {
                        throw raced;
                    }
                }
            }
            regionsReady.add(region);
        }
        return indexOf(region);
    }

    private String generationName(String region) {
        return indexOf(region) + "-g" + clock.millis();
    }

    @Override
    public String newGeneration(String region) {
        installTemplate();
        String generation = generationName(region);
        call(() -> client.indices().create(c -> c.index(generation)));
        return generation;
    }

    @Override
    public NoticeIndex writingTo(String generation) {
        return new ElasticsearchNoticeIndex(client, settings, clock, generation);
    }

    @Override
    public List<String> promote(String region, String generation) {
        String alias = indexOf(region);
        List<String> current = call(() -> client.indices().existsAlias(a -> a.name(alias))).value()
                ? List.copyOf(call(() -> client.indices().getAlias(a -> a.name(alias))).aliases().keySet())
                : List.of();
        // Searchable before it is switched in: no moment where the region's search comes back empty.
        call(() -> client.indices().refresh(r -> r.index(generation)));
        call(() -> client.indices().updateAliases(u -> {
            for (String old : current) {
                u.actions(a -> a.remove(r -> r.index(old).aliases(alias, ALIAS)));
            }
            return u.actions(a -> a.add(add -> add.index(generation).alias(alias).isWriteIndex(true)))
                    .actions(a -> a.add(add -> add.index(generation).alias(ALIAS)));
        }));
        regionsReady.add(region);
        return current.stream().filter(name -> !name.equals(generation)).toList();
    }

    @Override
    public void drop(List<String> generations) {
        if (!generations.isEmpty()) {
            call(() -> client.indices().delete(d -> d.index(generations)));
        }
    }

    @Override
    public void index(List<IndexedNotice> notices) {
        installTemplate();
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        for (IndexedNotice notice : notices) {
            NoticeDocument document = NoticeDocument.of(notice);
            String target = writeTarget(document.region());
            bulk.operations(op -> op.index(i -> i.index(target).id(document.noticeId()).document(document)));
        }
        BulkResponse response = call(() -> client.bulk(bulk.build()));
        if (response.errors()) {
            String first = response.items().stream().map(BulkResponseItem::error).filter(Objects::nonNull)
                    .map(e -> e.type() + ": " + e.reason()).findFirst().orElse("unknown");
            throw new SearchUnavailableException("Elasticsearch refused part of a bulk: " + first, null);
        }
    }

    @Override
    public SearchResult search(NoticeQuery query, ReadScope scope) {
        if (scope.isEmpty()) {
            return SearchResult.empty();
        }
        SearchRequest request = searchRequest(query, scope);
        SearchResponse<NoticeDocument> response = call(() -> client.search(request, NoticeDocument.class));
        List<Hit<NoticeDocument>> hits = response.hits().hits().stream().filter(h -> h.source() != null).toList();
        long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
        Highlighter highlighter = Highlighter.of(query.text());
        Map<UUID, SearchResult.Highlights> highlights = new HashMap<>();
        List<NoticeSummary> summaries = new ArrayList<>(hits.size());
        for (Hit<NoticeDocument> hit : hits) {
            NoticeSummary summary = hit.source().toSummary();
            summaries.add(summary);
            String title = highlighter.mark(summary.title());
            String fragment = highlighter.fragment(summary.summary());
            if (title != null || fragment != null) {
                highlights.put(summary.noticeId(), new SearchResult.Highlights(title, fragment));
            }
        }
        // A full page may have a successor; a short one is the last.
        String next = hits.size() == query.size() ? SearchCursor.encode(query, hits.getLast().sort()) : null;
        return new SearchResult(total, summaries, highlights, query.facets() ? facets(response) : Map.of(), next);
    }

    /**
     * The request {@link #search} sends for this query and scope, access filter included. Public so that the
     * search benchmark can send exactly this request straight to Elasticsearch beside the gateway's.
     *
     * @throws IllegalArgumentException if the scope is empty (such a search is answered without a request)
     */
    public SearchRequest searchRequest(NoticeQuery query, ReadScope scope) {
        Query access = AccessFilter.of(scope);
        Query text = query.text().isEmpty() ? Query.of(q -> q.matchAll(m -> m)) : textOrEntity(query.text(), scope.agency());
        List<Query> narrowing = narrowing(query.filters(), scope.agency());
        boolean relevance = query.sort() == NoticeQuery.Sort.RELEVANCE;
        List<FieldValue> after = query.cursor() == null ? null : SearchCursor.decode(query, relevance ? 3 : 2);
        return SearchRequest.of(s -> {
            s.index(ALIAS).ignoreUnavailable(true).allowNoIndices(true)
                    .query(q -> q.bool(b -> b.must(text).filter(access).filter(current(clock.instant())).filter(narrowing)
                            .mustNot(m -> m.term(t -> t.field("status").value(NoticeStatus.WITHDRAWN.name())))));
            if (relevance) {
                s.sort(o -> o.score(sc -> sc.order(SortOrder.Desc)));
            }
            s.sort(o -> o.field(f -> f.field("issuedAt").order(SortOrder.Desc)))
                    .sort(o -> o.field(f -> f.field("noticeId").order(SortOrder.Asc)))
                    .size(query.size())
                    .trackTotalHits(t -> t.enabled(true));
            if (after != null) {
                s.searchAfter(after);
            }
            if (query.facets()) {
                s.aggregations("type", a -> a.terms(t -> t.field("type").size(20)))
                        .aggregations("agency", a -> a.terms(t -> t.field("originAgency").size(50)))
                        .aggregations("region", a -> a.terms(t -> t.field("region").size(50)))
                        .aggregations("tlp", a -> a.terms(t -> t.field("tlp").size(10)))
                        .aggregations("month", a -> a.dateHistogram(h -> h.field("issuedAt")
                                .calendarInterval(CalendarInterval.Month).format("yyyy-MM").minDocCount(1)));
            }
            return s;
        });
    }

    private static Map<String, List<SearchResult.FacetCount>> facets(SearchResponse<NoticeDocument> response) {
        Map<String, List<SearchResult.FacetCount>> facets = new LinkedHashMap<>();
        for (String name : List.of("type", "agency", "region", "tlp")) {
            Aggregate aggregate = response.aggregations().get(name);
            facets.put(name, aggregate == null ? List.of() : aggregate.sterms().buckets().array().stream()
                    .map(b -> new SearchResult.FacetCount(b.key().stringValue(), b.docCount())).toList());
        }
        Aggregate month = response.aggregations().get("month");
        facets.put("month", month == null ? List.of() : month.dateHistogram().buckets().array().stream()
                .map(b -> new SearchResult.FacetCount(b.keyAsString(), b.docCount())).toList());
        return facets;
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
            List<FieldValue> forms = java.util.stream.Stream.of(normal.normalized(), Folding.fold(f.entityValue()))
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

    @Override
    public Optional<FetchedNotice> fetch(UUID noticeId, ReadScope scope) {
        if (scope.isEmpty()) {
            return Optional.empty();
        }
        Query access = AccessFilter.of(scope);
        SearchResponse<NoticeDocument> response = call(() -> client.search(s -> s
                .index(ALIAS).ignoreUnavailable(true).allowNoIndices(true)
                .query(q -> q.bool(b -> b.filter(f -> f.ids(i -> i.values(noticeId.toString()))).filter(access)
                        .filter(current(clock.instant()))
                        .mustNot(m -> m.term(t -> t.field("status").value(NoticeStatus.WITHDRAWN.name())))))
                .size(1), NoticeDocument.class));
        return response.hits().hits().stream().map(Hit::source).filter(Objects::nonNull).findFirst()
                .map(NoticeDocument::toFetched);
    }

    /**
     * Free text over the folded title, summary and entity values; and, when the text reads as an IBAN,
     * phone, e-mail, wallet or IP address in any common written form, its normalised entity too.
     */
    private static Query textOrEntity(String text, String callerAgency) {
        Query free = Query.of(q -> q.simpleQueryString(s -> s.query(Folding.fold(text)).fields("folded")
                .defaultOperator(Operator.And)));
        List<FieldValue> entities = EntityNormalizer.candidates(text, EntityNormalizer.phoneRegionOf(callerAgency)).entrySet()
                .stream().filter(e -> ENTITY_SEARCH.contains(e.getKey())).map(e -> FieldValue.of(e.getValue())).distinct().toList();
        if (entities.isEmpty()) {
            return free;
        }
        return Query.of(q -> q.bool(b -> b.should(free)
                .should(s -> s.nested(n -> n.path("entities").query(e -> e.terms(t -> t.field("entities.normalized")
                        .terms(v -> v.value(entities))))))
                .minimumShouldMatch("1")));
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

    @Override
    public EntityHoldings holdersOf(Set<String> matchKeys, int limit) {
        if (matchKeys.isEmpty()) {
            return new EntityHoldings(Map.of(), List.of());
        }
        // Notices indexed a moment ago (the batch being matched among them) are searchable only after a
        // refresh; without it two notices sharing an IBAN a second apart would never meet.
        call(() -> client.indices().refresh(r -> r.index(ALIAS).ignoreUnavailable(true).allowNoIndices(true)));
        List<FieldValue> keys = matchKeys.stream().sorted().map(FieldValue::of).toList();
        Instant now = clock.instant();
        SearchResponse<Void> counted = call(() -> client.search(s -> s
                .index(ALIAS).ignoreUnavailable(true).allowNoIndices(true).size(0)
                .query(holding(keys, now))
                .aggregations("entities", a -> a.nested(n -> n.path("entities"))
                        .aggregations("keys", k -> k.filter(f -> f.terms(t -> t.field("entities.matchKey").terms(v -> v.value(keys))))
                                .aggregations("key", t -> t.terms(tt -> tt.field("entities.matchKey").size(keys.size()))
                                        .aggregations("notices", r -> r.reverseNested(rn -> rn))))), Void.class));
        Map<String, Long> counts = new HashMap<>();
        counted.aggregations().get("entities").nested().aggregations().get("keys").filter().aggregations().get("key")
                .sterms().buckets().array().forEach(b -> counts.put(b.key().stringValue(),
                        b.aggregations().get("notices").reverseNested().docCount()));
        List<FieldValue> correlating = counts.entrySet().stream().filter(e -> e.getValue() <= limit)
                .map(e -> FieldValue.of(e.getKey())).toList();
        if (correlating.isEmpty()) {
            return new EntityHoldings(counts, List.of());
        }
        int size = (int) Math.min(10_000, counts.values().stream().filter(c -> c <= limit).mapToLong(Long::longValue).sum());
        SearchResponse<NoticeDocument> holders = call(() -> client.search(s -> s
                .index(ALIAS).ignoreUnavailable(true).allowNoIndices(true).size(size)
                .query(holding(correlating, now)), NoticeDocument.class));
        return new EntityHoldings(counts, holders.hits().hits().stream().map(Hit::source).filter(Objects::nonNull)
                .map(NoticeDocument::toHolding).toList());
    }

    /** Standing notices holding one of {@code keys}. */
    private static Query holding(List<FieldValue> keys, Instant now) {
        return Query.of(q -> q.bool(b -> b
                .filter(f -> f.nested(n -> n.path("entities").query(e -> e.terms(t -> t.field("entities.matchKey")
                        .terms(v -> v.value(keys))))))
                .filter(current(now))
                .mustNot(m -> m.term(t -> t.field("status").value(NoticeStatus.WITHDRAWN.name())))));
    }

    @Override
    public List<ExpiredNotice> removeExpired(Instant now) {
        List<ExpiredNotice> removed = new ArrayList<>();
        while (true) {
            SearchResponse<NoticeDocument> expired = call(() -> client.search(s -> s
                    .index(ALIAS).ignoreUnavailable(true).allowNoIndices(true)
                    .query(q -> q.range(r -> r.date(d -> d.field("validUntil").lte(now.toString()))))
                    .source(src -> src.filter(f -> f.includes("noticeId", "region", "originAgency")))
                    .size(1000), NoticeDocument.class));
            List<Hit<NoticeDocument>> hits = expired.hits().hits();
            if (hits.isEmpty()) {
                return removed;
            }
            BulkRequest.Builder bulk = new BulkRequest.Builder().refresh(Refresh.WaitFor);
            for (Hit<NoticeDocument> hit : hits) {
                bulk.operations(op -> op.delete(d -> d.index(hit.index()).id(hit.id())));
                NoticeDocument d = hit.source();
                removed.add(new ExpiredNotice(UUID.fromString(hit.id()), d == null ? null : d.region(),
                        d == null ? null : d.originAgency()));
            }
            BulkResponse response = call(() -> client.bulk(bulk.build()));
            if (response.errors()) {
                throw new SearchUnavailableException("Elasticsearch refused to delete expired notices", null);
            }
        }
    }

    @Override
    public Map<UUID, StoredVersion> storedVersions(String region, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        String target = pinnedGeneration != null ? pinnedGeneration : indexOf(region);
        MgetResponse<NoticeDocument> response = call(() -> client.mget(m -> m.index(target)
                .ids(ids.stream().map(UUID::toString).toList())
                .sourceIncludes(List.of("originAgency", "version", "issuedAt")), NoticeDocument.class));
        Map<UUID, StoredVersion> stored = new HashMap<>();
        for (MultiGetResponseItem<NoticeDocument> item : response.docs()) {
            if (item.isResult() && item.result().found() && item.result().source() != null) {
                stored.put(UUID.fromString(item.result().id()), item.result().source().storedVersion());
            } else if (item.isFailure() && !"index_not_found_exception".equals(item.failure().error().type())) {
                throw new SearchUnavailableException("Elasticsearch could not read notice " + item.failure().id()
                        + ": " + item.failure().error().reason(), null);
            }
        }
        return stored;
    }

    private void installTemplate() {
        if (templateInstalled) {
            return;
        }
        try (InputStream in = ElasticsearchNoticeIndex.class.getResourceAsStream("notices-template.json")) {
            String json = new String(Objects.requireNonNull(in, "notices-template.json").readAllBytes(), StandardCharsets.UTF_8)
                    .replace("REPLICAS", String.valueOf(settings.replicas()));
            PutIndexTemplateRequest request = PutIndexTemplateRequest.of(b -> b.withJson(new StringReader(json)).name(ALIAS));
            call(() -> client.indices().putIndexTemplate(request));
            // Indices made by an older template get the fields added since (additions only: a mapping never changes).
            String mappings = new ObjectMapper().readTree(json).path("template").path("mappings").toString();
            call(() -> client.indices().putMapping(p -> p.index(ALIAS + "-*").allowNoIndices(true)
                    .withJson(new StringReader(mappings))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        templateInstalled = true;
    }
}
