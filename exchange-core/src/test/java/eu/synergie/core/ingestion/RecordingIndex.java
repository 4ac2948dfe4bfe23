package eu.synergie.core.ingestion;

import eu.synergie.core.index.HeldNotice;
import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.index.NoticeIndexWriter;
import eu.synergie.core.index.StoredVersion;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Our {@link NoticeIndexWriter} port in memory, as the indexer uses it: what was indexed, the current version of each notice. */
final class RecordingIndex implements NoticeIndexWriter {

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
                        n.opened().notice().issuedAt(), n.fromPeer() == null ? null : n.fromPeer().peer(), n.held()));
            }
        }
        return stored;
    }

    /** The held notice's revision is how many times it was indexed: a newer write makes an older read stale. */
    @Override
    public Optional<HeldNotice> held(String region, UUID noticeId) {
        IndexedNotice n = current.get(noticeId);
        if (n == null || !n.held()) {
            return Optional.empty();
        }
        return Optional.of(new HeldNotice(region, noticeId, n.opened().notice().version(), n.opened().notice().issuedAt(),
                n.topic(), n.partition(), n.offset(), revision(noticeId), 1));
    }

    @Override
    public boolean release(HeldNotice held, IndexedNotice released) {
        IndexedNotice n = current.get(held.noticeId());
        if (n == null || revision(held.noticeId()) != held.seqNo()) {
            return false;
        }
        current.put(held.noticeId(), released);
        indexed.add(released);
        return true;
    }

    @Override
    public List<HeldNotice> heldNotices(String region) {
        return current.keySet().stream().map(id -> held(region, id)).flatMap(Optional::stream).toList();
    }

    private long revision(UUID noticeId) {
        return indexed.stream().filter(i -> i.opened().notice().noticeId().equals(noticeId)).count();
    }
}
