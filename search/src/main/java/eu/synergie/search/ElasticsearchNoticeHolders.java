package eu.synergie.search;

import static eu.synergie.search.ElasticsearchCalls.call;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import eu.synergie.core.matching.EntityHoldings;
import eu.synergie.core.federation.OwnNotices;
import eu.synergie.core.matching.NoticeHolders;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.Set;

/**
 * The matcher's unscoped lookup: across every region and without an access filter, which standing notices
 * hold given match keys. Only the matcher is given it (as {@link NoticeHolders}), by its own wiring, and never as a
 * bean; the reading path's {@link ElasticsearchNoticeIndex} cannot make such a query. Which classes may depend on
 * it is checked by the build ({@code ModuleBoundariesTest}).
 */
public final class ElasticsearchNoticeHolders implements NoticeHolders, OwnNotices {

    private static final String ALIAS = NoticeQueries.ALIAS;
    /** What {@link NoticeDocument#toHolding} reads: not the texts, which would be most of each page's bytes. */
    private static final List<String> HOLDING_FIELDS = List.of("noticeId", "region", "originAgency", "classification",
            "handlingCode", "handlingNote", "tlp", "releasableTo", "dissemination", "caseRef", "entities.matchKey");
    /** Holders read per search; a lookup reads as many pages as it needs. */
    private static final int HOLDERS_PAGE = 2_000;

    private final ElasticsearchClient client;
    private final Clock clock;
    private final int pageSize;

    public ElasticsearchNoticeHolders(ElasticsearchClient client, Clock clock) {
        this(client, clock, HOLDERS_PAGE);
    }

    /** With {@code pageSize} holders per search: small in tests, so that a few notices take several pages. */
    ElasticsearchNoticeHolders(ElasticsearchClient client, Clock clock, int pageSize) {
        this.client = client;
        this.clock = clock;
        this.pageSize = pageSize;
    }

    @Override
    public EntityHoldings holdersOf(Set<String> matchKeys, int limit) {
        if (matchKeys.isEmpty()) {
            return new EntityHoldings(Map.of(), List.of());
        }
        // Notices indexed a moment ago (the batch being matched among them) are searchable only after a
        // refresh; without it two notices sharing an IBAN a second apart would never meet.
        call(() -> client.indices().refresh(r -> r.index(ALIAS).ignoreUnavailable(true).allowNoIndices(true)));
        return holdersAsSearchable(matchKeys, limit);
    }

    @Override
    public EntityHoldings holdersAsSearchable(Set<String> matchKeys, int limit) {
        if (matchKeys.isEmpty()) {
            return new EntityHoldings(Map.of(), List.of());
        }
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
                .map(e -> FieldValue.of(e.getKey())).sorted(java.util.Comparator.comparing(FieldValue::stringValue)).toList();
        if (correlating.isEmpty()) {
            return new EntityHoldings(counts, List.of());
        }
        return new EntityHoldings(counts, holdings(correlating, now));
    }

    /**
     * Every standing notice holding one of {@code keys}, page by page in notice id order: a batch of the indexer can
     * have more holders than one search may return (10,000), and a holder left out would be a hit never told. A notice
     * indexed between two pages may be missed; it is matched with these when its own batch looks them up.
     */
    private List<EntityHoldings.Holding> holdings(List<FieldValue> keys, Instant now) {
        List<EntityHoldings.Holding> holdings = new ArrayList<>();
        String after = null;
        while (true) {
            String from = after;
            SearchResponse<NoticeDocument> found = call(() -> client.search(s -> {
                s.index(ALIAS).ignoreUnavailable(true).allowNoIndices(true).size(pageSize).trackTotalHits(t -> t.enabled(false))
                        .query(holding(keys, now)).sort(o -> o.field(f -> f.field("noticeId")))
                        .source(src -> src.filter(f -> f.includes(HOLDING_FIELDS)));
                if (from != null) {
                    s.searchAfter(FieldValue.of(from));
                }
                return s;
            }, NoticeDocument.class));
            List<Hit<NoticeDocument>> hits = found.hits().hits();
            hits.stream().map(Hit::source).filter(Objects::nonNull).map(NoticeDocument::toHolding).forEach(holdings::add);
            if (hits.size() < pageSize) {
                return holdings;
            }
            after = hits.getLast().sort().getFirst().stringValue();
        }
    }

    @Override
    public Optional<EntityHoldings.Holding> standing(UUID noticeId) {
        call(() -> client.indices().refresh(r -> r.index(ALIAS).ignoreUnavailable(true).allowNoIndices(true)));
        Instant now = clock.instant();
        SearchResponse<NoticeDocument> found = call(() -> client.search(s -> s
                .index(ALIAS).ignoreUnavailable(true).allowNoIndices(true).size(1)
                .query(q -> q.bool(b -> NoticeQueries.standing(b.filter(f -> f.term(t -> t.field("noticeId")
                        .value(noticeId.toString()))), now))), NoticeDocument.class));
        return found.hits().hits().stream().map(Hit::source).filter(Objects::nonNull).map(NoticeDocument::toHolding).findFirst();
    }

    /** Standing notices holding one of {@code keys}. */
    private static Query holding(List<FieldValue> keys, Instant now) {
        return Query.of(q -> q.bool(b -> NoticeQueries.standing(b
                .filter(f -> f.nested(n -> n.path("entities").query(e -> e.terms(t -> t.field("entities.matchKey")
                        .terms(v -> v.value(keys)))))), now)));
    }
}
