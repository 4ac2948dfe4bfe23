package eu.synergie.core.ingestion;

import eu.synergie.core.index.EntityHoldings;
import eu.synergie.core.index.ExpiredNotice;
import eu.synergie.core.index.FetchedNotice;
import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.index.NoticeIndex;
import eu.synergie.core.index.NoticeQuery;
import eu.synergie.core.index.SearchResult;
import eu.synergie.core.index.StoredVersion;
import eu.synergie.core.policy.ReadScope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Our {@link NoticeIndex} port in memory, as the indexer uses it: what was indexed, the current version of each notice. */
final class RecordingIndex implements NoticeIndex {

    final List<IndexedNotice> indexed = new ArrayList<>();
    final Map<UUID, IndexedNotice> current = new HashMap<>();
    boolean failing;

    @Override
    public void index(List<IndexedNotice> notices) {
        if (failing) {
            throw new IllegalStateException("index down");
        }
        indexed.addAll(notices);
        notices.forEach(n -> current.put(n.opened().notice().noticeId(), n));
    }

    @Override
    public Map<UUID, StoredVersion> storedVersions(String region, Collection<UUID> ids) {
        Map<UUID, StoredVersion> stored = new HashMap<>();
        for (UUID id : ids) {
            IndexedNotice n = current.get(id);
            if (n != null) {
                stored.put(id, new StoredVersion(n.opened().notice().originAgency(), n.opened().notice().version(),
                        n.opened().notice().issuedAt()));
            }
        }
        return stored;
    }

    @Override
    public List<ExpiredNotice> removeExpired(Instant now) {
        throw new UnsupportedOperationException("not the indexer's");
    }

    @Override
    public Optional<FetchedNotice> fetch(UUID noticeId, ReadScope scope) {
        throw new UnsupportedOperationException("not the indexer's");
    }

    @Override
    public EntityHoldings holdersOf(Set<String> matchKeys, int limit) {
        throw new UnsupportedOperationException("not the indexer's");
    }

    @Override
    public SearchResult search(NoticeQuery query, ReadScope scope) {
        throw new UnsupportedOperationException("not the indexer's");
    }
}
