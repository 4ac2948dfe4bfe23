package eu.synergie.search;

import static eu.synergie.search.ElasticsearchCalls.call;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import eu.synergie.core.audit.AuditIndex;
import eu.synergie.core.audit.AuditPage;
import eu.synergie.core.audit.AuditRecord;
import eu.synergie.core.audit.AuditSearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The auditors' index of the audit log on Elasticsearch: one index (default {@code audit}), one document
 * per log entry with id {@code writer:sequence}, so that replaying the topic changes nothing. Searched by
 * subject, agency, notice id, action and time range, newest first. The index is a convenience for finding
 * records; whether the log is intact is decided from the topic, never from here.
 * <p>
 * Because the topic can always fill it again, the index trades durability and freshness for less work on
 * the node that also answers searches: its translog is flushed asynchronously and it refreshes every 5 s
 * (records become searchable within seconds, and indexing one per search costs searches less).
 */
public final class ElasticsearchAuditIndex implements AuditIndex {

    private final ElasticsearchClient client;
    private final IndexSettings settings;
    private final String name;
    private volatile boolean created;

    public ElasticsearchAuditIndex(ElasticsearchClient client, IndexSettings settings, String name) {
        this.client = client;
        this.settings = settings;
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public void index(List<AuditRecord> records) {
        ensureIndex();
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        for (AuditRecord record : records) {
            AuditDocument document = AuditDocument.of(record);
            bulk.operations(op -> op.index(i -> i.index(name).id(document.id()).document(document)));
        }
        ElasticsearchCalls.bulk(client, bulk.build(), "an audit bulk");
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
                .query(q -> q.bool(b -> b.filter(filters)))
                .sort(o -> o.field(f -> f.field("at").order(SortOrder.Desc)))
                .sort(o -> o.field(f -> f.field("position").order(SortOrder.Desc)))
                .from(search.page() * search.size()).size(search.size())
                .trackTotalHits(t -> t.enabled(true)), AuditDocument.class));
        long total = response.hits().total() == null ? response.hits().hits().size() : response.hits().total().value();
        return new AuditPage(total, search.page(), search.size(), response.hits().hits().stream().map(Hit::source)
                .filter(Objects::nonNull).map(AuditDocument::toRecord).toList());
    }

    private static void term(List<Query> filters, String field, String value) {
        if (value != null && !value.isBlank()) {
            filters.add(Query.of(q -> q.term(t -> t.field(field).value(value))));
        }
    }

    private void ensureIndex() {
        if (created) {
            return;
        }
        if (!call(() -> client.indices().exists(e -> e.index(name))).value()) {
            try (InputStream in = ElasticsearchAuditIndex.class.getResourceAsStream("audit-index.json")) {
                String json = new String(Objects.requireNonNull(in, "audit-index.json").readAllBytes(), StandardCharsets.UTF_8)
                        .replace("REPLICAS", String.valueOf(settings.replicas()));
                call(() -> client.indices().create(c -> c.index(name).withJson(new StringReader(json))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SearchUnavailableException raced) {
                // Another instance created it at the same moment: fine if it is there now.
                if (!call(() -> client.indices().exists(e -> e.index(name))).value()) {
                    throw raced;
                }
            }
        }
        created = true;
    }
}
