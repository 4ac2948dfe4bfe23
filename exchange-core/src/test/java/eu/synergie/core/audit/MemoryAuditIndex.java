package eu.synergie.core.audit;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The auditors' index in memory, with the real one's rules: records created and never replaced (another entry under a
 * taken id marks the held one contested), heads never moved back, {@code verified} read from the head.
 */
final class MemoryAuditIndex implements AuditIndex {

    final Map<String, AuditRecord> records = new LinkedHashMap<>();
    final Map<String, ChainHead> heads = new LinkedHashMap<>();
    final Set<String> contested = new HashSet<>();
    int headLookups;
    int failingStores;

    @Override
    public synchronized Map<String, ChainHead> heads(Collection<String> writers) {
        headLookups++;
        return writers.stream().filter(heads::containsKey).collect(Collectors.toMap(w -> w, heads::get));
    }

    @Override
    public synchronized long resumeAt() {
        return heads.values().stream().mapToLong(ChainHead::position).max().orElse(-1) + 1;
    }

    @Override
    public synchronized Set<String> store(List<AuditRecord> stored, Collection<ChainHead> moved) {
        if (failingStores > 0) {
            failingStores--;
            throw new IllegalStateException("the index is down");
        }
        Set<String> taken = new HashSet<>();
        for (AuditRecord record : stored) {
            AuditRecord held = records.putIfAbsent(record.id(), record);
            if (held != null && !held.hash().equals(record.hash())) {
                taken.add(record.id());
                contested.add(record.id());
            }
        }
        for (ChainHead head : moved) {
            heads.merge(head.writer(), head, (was, now) -> now.position() >= was.position() ? now : was);
        }
        return taken;
    }

    @Override
    public synchronized AuditPage search(AuditSearch search) {
        List<AuditRecord> found = records.values().stream()
                .filter(r -> search.subject() == null || search.subject().equals(r.event().subject()))
                .sorted(Comparator.comparingLong(AuditRecord::position).reversed())
                .map(this::shownAs)
                .toList();
        return new AuditPage(found.size(), 0, 100, found.stream().limit(100).toList());
    }

    /** The record of {@code writer}'s entry {@code sequence} as a search shows it. */
    synchronized AuditRecord shown(String writer, long sequence) {
        AuditRecord record = records.get(AuditRecord.idOf(writer, sequence));
        return record == null ? null : shownAs(record);
    }

    private AuditRecord shownAs(AuditRecord r) {
        return new AuditRecord(r.writer(), r.sequence(), r.position(), r.hash(), r.event(), !contested.contains(r.id())
                && heads.containsKey(r.writer()) && heads.get(r.writer()).covers(r.sequence()));
    }
}
