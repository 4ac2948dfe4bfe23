package eu.synergie.search;

import static eu.synergie.search.ElasticsearchCalls.call;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import eu.synergie.core.audit.AuditIndex;
import eu.synergie.core.audit.AuditPage;
import eu.synergie.core.audit.AuditRecord;
import eu.synergie.core.audit.AuditSearch;
import eu.synergie.core.audit.ChainHead;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The auditors' index of the audit log on Elasticsearch: one index (default {@code audit}), one document per indexed
 * log entry with id {@code writer:sequence}, created and never replaced (the first entry of an id wins), and beside
 * them one document per writer's chain head ({@link ChainDocument}), from which each record's {@code verified} is
 * read when it is found. Searched by subject, agency, notice id, action and time range, newest first. The index is a
 * convenience for finding records; whether the log is intact is decided from the topic, never from here.
 * <p>
 * Because the topic can always fill it again, the index trades durability and freshness for less work on
 * the node that also answers searches: its translog is flushed asynchronously and it refreshes every 5 s
 * (records become searchable within seconds, and indexing one per search costs searches less). What a crash of the
 * node loses, the indexer reads again from the log ({@link #resumeAt()}). Verification is read, not written, per
 * record: a checkpoint moves one head document instead of rewriting the thousand records it covers.
 */
public final class ElasticsearchAuditIndex implements AuditIndex {

    private final ElasticsearchClient client;
    private final IndexSettings settings;
    private final String name;
    private volatile boolean ready;

    public ElasticsearchAuditIndex(ElasticsearchClient client, IndexSettings settings, String name) {
        this.client = client;
        this.settings = settings;
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public Map<String, ChainHead> heads(Collection<String> writers) {
        ensureIndex();
        return chains(writers).values().stream().collect(Collectors.toMap(ChainDocument::writer, ChainDocument::toHead));
    }

    @Override
    public long resumeAt() {
        ensureIndex();
        call(() -> client.indices().refresh(r -> r.index(name)));
        SearchResponse<ChainDocument> last = call(() -> client.search(s -> s.index(name)
                .query(q -> q.exists(e -> e.field(ChainDocument.FIELD)))
                .sort(o -> o.field(f -> f.field("position").order(SortOrder.Desc))).size(1), ChainDocument.class));
        return last.hits().hits().stream().map(Hit::source).filter(Objects::nonNull).findFirst()
                .map(chain -> chain.position() + 1).orElse(0L);
    }

    /**
     * Records first, then heads, in two requests: a head is stored only once the records it went through are, so that
     * {@link #resumeAt()} never points past a record the index does not hold.
     */
    @Override
    public Set<String> store(List<AuditRecord> records, Collection<ChainHead> heads) {
        ensureIndex();
        Set<String> taken = records.isEmpty() ? Set.of() : create(records);
        if (!heads.isEmpty()) {
            BulkRequest.Builder bulk = new BulkRequest.Builder();
            for (ChainHead head : heads) {
                ChainDocument document = ChainDocument.of(head);
                // Versioned by log position: a head read by an instance that lagged never moves one back.
                bulk.operations(op -> op.index(i -> i.index(name).id(document.id()).document(document)
                        .version(head.position()).versionType(VersionType.ExternalGte)));
            }
            ElasticsearchCalls.bulk(client, bulk.build(), "an audit bulk", OperationType.Index);
        }
        return taken;
    }

    /** Creates the records; returns the ids held by another entry, which are marked contested. */
    private Set<String> create(List<AuditRecord> records) {
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        Map<String, AuditRecord> byId = new HashMap<>();
        for (AuditRecord record : records) {
            AuditDocument document = AuditDocument.of(record);
            byId.put(document.id(), record);
            bulk.operations(op -> op.create(c -> c.index(name).id(document.id()).document(document)));
        }
        List<String> existing = ElasticsearchCalls.bulk(client, bulk.build(), "an audit bulk", OperationType.Create);
        if (existing.isEmpty()) {
            return Set.of();
        }
        Set<String> taken = new HashSet<>();
        for (MultiGetResponseItem<AuditDocument> item : call(() -> client.mget(m -> m.index(name).ids(existing),
                AuditDocument.class)).docs()) {
            if (item.isResult() && item.result().found() && item.result().source() != null
                    && !item.result().source().hash().equals(byId.get(item.result().id()).hash())) {
                taken.add(item.result().id());
            }
        }
        if (!taken.isEmpty()) {
            BulkRequest.Builder contest = new BulkRequest.Builder();
            taken.forEach(id -> contest.operations(op -> op.update(u -> u.index(name).id(id)
                    .action(a -> a.doc(Map.of("contested", true))))));
            ElasticsearchCalls.bulk(client, contest.build(), "marking audit records contested");
        }
        return taken;
    }

    @Override
    public AuditPage search(AuditSearch search) {
        List<Query> filters = new ArrayList<>();
        term(filters, "subject", search.subject());
        term(filters, "agency", search.agency());
        term(filters, "noticeIds", search.noticeId());
        term(filters, "action", search.action() == null ? null : search.action().name());
        if (search.from() != null || search.to() != null) {
            filters.add(Query.of(q -> q.range(r -> r.date(d -> {
                d.field("at");
                if (search.from() != null) {
                    d.gte(search.from().toString());
                }
                if (search.to() != null) {
                    d.lt(search.to().toString());
                }
                return d;
            }))));
        }
        SearchResponse<AuditDocument> response = call(() -> client.search(s -> s
                .index(name).ignoreUnavailable(true).allowNoIndices(true)
                .query(q -> q.bool(b -> b.filter(filters).mustNot(n -> n.exists(e -> e.field(ChainDocument.FIELD)))))
                .sort(o -> o.field(f -> f.field("at").order(SortOrder.Desc)))
                .sort(o -> o.field(f -> f.field("position").order(SortOrder.Desc)))
                .from(search.page() * search.size()).size(search.size())
                .trackTotalHits(t -> t.enabled(true)), AuditDocument.class));
        long total = response.hits().total() == null ? response.hits().hits().size() : response.hits().total().value();
        List<AuditDocument> documents = response.hits().hits().stream().map(Hit::source).filter(Objects::nonNull).toList();
        Map<String, ChainDocument> chains = documents.isEmpty() ? Map.of()
                : chains(documents.stream().map(AuditDocument::writer).collect(Collectors.toSet()));
        return new AuditPage(total, search.page(), search.size(), documents.stream()
                .map(d -> d.toRecord(chains.get(ChainDocument.idOf(d.writer())))).toList());
    }

    /** The head documents of these writers that exist, by id. */
    private Map<String, ChainDocument> chains(Collection<String> writers) {
        if (writers.isEmpty()) {
            return Map.of();
        }
        List<String> ids = writers.stream().map(ChainDocument::idOf).distinct().toList();
        return call(() -> client.mget(m -> m.index(name).ids(ids), ChainDocument.class)).docs().stream()
                .filter(item -> item.isResult() && item.result().found() && item.result().source() != null)
                .map(item -> item.result().source())
                .collect(Collectors.toMap(ChainDocument::id, Function.identity(), (a, b) -> a));
    }

    private static void term(List<Query> filters, String field, String value) {
        if (value != null && !value.isBlank()) {
            filters.add(Query.of(q -> q.term(t -> t.field(field).value(value))));
        }
    }

    /** Creates the index, or brings an index made by an earlier version up to this mapping (fields are only added). */
    private void ensureIndex() {
        if (ready) {
            return;
        }
        String json;
        try (InputStream in = ElasticsearchAuditIndex.class.getResourceAsStream("audit-index.json")) {
            json = new String(Objects.requireNonNull(in, "audit-index.json").readAllBytes(), StandardCharsets.UTF_8)
                    .replace("REPLICAS", String.valueOf(settings.replicas()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!call(() -> client.indices().exists(e -> e.index(name))).value()) {
            try {
                call(() -> client.indices().create(c -> c.index(name).withJson(new StringReader(json))));
            } catch (SearchUnavailableException raced) {
                // Another instance created it at the same moment: fine if it is there now.
                if (!call(() -> client.indices().exists(e -> e.index(name))).value()) {
                    throw raced;
                }
            }
        } else {
            // The fields of audit-index.json that the index made by an earlier version lacks: fields are only added. Those
            // it has keep their mapping (an earlier one may keep doc values that this one leaves out; a mapping cannot
            // change them in place, and both read alike).
            Set<String> existing = call(() -> client.indices().getMapping(m -> m.index(name))).mappings().values().stream()
                    .flatMap(index -> index.mappings().properties().keySet().stream()).collect(Collectors.toSet());
            String added = addedMappings(json, existing);
            if (added != null) {
                call(() -> client.indices().putMapping(p -> p.index(name).withJson(new StringReader(added))));
            }
        }
        ready = true;
    }

    /** The mappings of {@code indexJson} with only the fields not in {@code existing}; null when there are none. */
    static String addedMappings(String indexJson, Set<String> existing) {
        try {
            ObjectNode mappings = (ObjectNode) new ObjectMapper().readTree(indexJson).path("mappings");
            ObjectNode properties = (ObjectNode) mappings.path("properties");
            properties.remove(existing);
            return properties.isEmpty() ? null : mappings.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("audit-index.json is not JSON", e);
        }
    }
}
