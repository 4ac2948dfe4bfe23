package eu.synergie.search;

import static eu.synergie.search.ElasticsearchCalls.call;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import eu.synergie.core.index.ExportIds;
import eu.synergie.core.index.HeldNotice;
import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.index.NoticeIndexWriter;
import eu.synergie.core.index.StoredVersion;
import eu.synergie.core.notice.NoticeStatus;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The indexer's writes: bulk requests of {@link NoticeDocument}s keyed by notice id, into each region's live
 * generation, or into one generation only (a rebuild's), with the ids of the objects each notice is exported as.
 */
final class ElasticsearchNoticeWriter implements NoticeIndexWriter {

    private static final System.Logger LOG = System.getLogger(ElasticsearchNoticeWriter.class.getName());

    private final ElasticsearchClient client;
    private final ElasticsearchGenerations generations;
    /** Set for an indexer that writes into one generation (a rebuild); null for the live one. */
    private final String pinnedGeneration;
    private final ExportIds exportIds;

    ElasticsearchNoticeWriter(ElasticsearchClient client, ElasticsearchGenerations generations, String pinnedGeneration,
                              ExportIds exportIds) {
        this.client = client;
        this.generations = generations;
        this.pinnedGeneration = pinnedGeneration;
        this.exportIds = exportIds;
    }

    @Override
    public void index(List<IndexedNotice> notices) {
        generations.installTemplate();
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        for (IndexedNotice notice : notices) {
            NoticeDocument document = withExportIds(NoticeDocument.of(notice));
            String target = pinnedGeneration != null ? pinnedGeneration : generations.writeTarget(document.region());
            bulk.operations(op -> op.index(i -> i.index(target).id(document.noticeId()).document(document)));
        }
        ElasticsearchCalls.bulk(client, bulk.build(), "a bulk of notices");
    }

    /**
     * The ids are computed from the document as it will be read back, so that they are those of the export a reader
     * makes. An export that fails records none rather than holding up indexing: readers then export that notice
     * whole to look for an object in it ({@link eu.synergie.core.index.FeedQuery#objectIds()}), so nothing is missed.
     */
    private NoticeDocument withExportIds(NoticeDocument document) {
        if (exportIds == ExportIds.NONE || NoticeStatus.WITHDRAWN.name().equals(document.status())) {
            return document;
        }
        try {
            return document.withExportIds(List.copyOf(exportIds.of(document.toFetched())));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "no export ids recorded for notice " + document.noticeId() + ": "
                    + e.getClass().getSimpleName());
            return document;
        }
    }

    @Override
    public Map<UUID, StoredVersion> storedVersions(String region, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        String target = pinnedGeneration != null ? pinnedGeneration : ElasticsearchGenerations.writeAlias(region);
        MgetResponse<NoticeDocument> response = call(() -> client.mget(m -> m.index(target)
                .ids(ids.stream().map(UUID::toString).toList())
                .sourceIncludes(List.of("originAgency", "version", "issuedAt", "provenance", NoticeDocument.HELD)), NoticeDocument.class));
        Map<UUID, StoredVersion> stored = new HashMap<>();
        for (MultiGetResponseItem<NoticeDocument> item : response.docs()) {
            if (item.isResult() && item.result().found() && item.result().source() != null) {
                stored.put(UUID.fromString(item.result().id()), item.result().source().storedVersion());
            } else if (item.isFailure() && !"index_not_found_exception".equals(item.failure().error().type())) {
                throw new SearchUnavailableException("Elasticsearch could not read notice " + item.failure().id()
                        + ": " + ElasticsearchCalls.refusal(item.failure().error()), null);
            }
        }
        return stored;
    }

    @Override
    public Optional<HeldNotice> held(String region, UUID noticeId) {
        String target = pinnedGeneration != null ? pinnedGeneration : ElasticsearchGenerations.writeAlias(region);
        GetResponse<NoticeDocument> got;
        try {
            got = call(() -> client.get(g -> g.index(target).id(noticeId.toString()).realtime(true)
                    .sourceIncludes(List.of("provenance", "version", "issuedAt", NoticeDocument.HELD)), NoticeDocument.class));
        } catch (SearchUnavailableException e) {
            if (e.getCause() instanceof ElasticsearchException refused && refused.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        NoticeDocument document = got.source();
        if (!got.found() || document == null || !document.isHeld() || document.provenance() == null
                || got.seqNo() == null || got.primaryTerm() == null) {
            return Optional.empty();
        }
        NoticeDocument.Provenance at = document.provenance();
        return Optional.of(new HeldNotice(region, noticeId, document.version() == null ? 1 : document.version(),
                Instant.parse(document.issuedAt()), at.topic(), at.partition(), at.offset(), got.seqNo(), got.primaryTerm()));
    }

    @Override
    public List<HeldNotice> heldNotices(String region) {
        String target = pinnedGeneration != null ? pinnedGeneration : ElasticsearchGenerations.writeAlias(region);
        var found = call(() -> client.search(s -> s.index(target).ignoreUnavailable(true).allowNoIndices(true)
                .query(q -> q.term(t -> t.field(NoticeDocument.HELD).value(true))).size(10_000).source(src -> src.fetch(false)),
                Void.class));
        return found.hits().hits().stream().map(h -> held(region, UUID.fromString(h.id()))).flatMap(Optional::stream).toList();
    }

    @Override
    public boolean release(HeldNotice held, IndexedNotice released) {
        String target = pinnedGeneration != null ? pinnedGeneration : ElasticsearchGenerations.writeAlias(held.region());
        NoticeDocument document = withExportIds(NoticeDocument.of(released));
        try {
            call(() -> client.index(i -> i.index(target).id(held.noticeId().toString()).ifSeqNo(held.seqNo())
                    .ifPrimaryTerm(held.primaryTerm()).document(document)));
            return true;
        } catch (SearchUnavailableException e) {
            if (e.getCause() instanceof ElasticsearchException refused && refused.status() == 409) {
                return false;
            }
            throw e;
        }
    }
}
