package eu.synergie.core.audit;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The auditors' searchable copy of the audit log (the log itself, on Kafka, stays the system of record), fed by
 * {@link AuditIndexer} with the entries that continue their writer's chain, beside each chain's {@link ChainHead}.
 */
public interface AuditIndex {

    /** The stored heads of these writers' chains; writers the index holds no chain of are left out. */
    Map<String, ChainHead> heads(Collection<String> writers);

    /**
     * Where the indexer must read the log again from: one past the position of the last record whose effect the index
     * holds (the highest {@link ChainHead#position()}), or 0 when it holds no chain head (a new index, or one filled
     * before heads were kept: the whole log is read again).
     */
    long resumeAt();

    /**
     * Stores {@code records} and then {@code heads}, and returns once the index has them. A record is never replaced:
     * when its id ({@link AuditRecord#id()}) is already held by an entry with the same hash, nothing happens (the same
     * entry read twice); when it is held by another entry, that one stays, is marked contested (never shown as
     * verified), and the id is returned. A head is never moved back to an earlier position.
     *
     * @return the ids of {@code records} already held by another entry
     */
    Set<String> store(List<AuditRecord> records, Collection<ChainHead> heads);

    /** Records matching the search, newest first, each {@link AuditRecord#verified()} as its chain's head says. */
    AuditPage search(AuditSearch search);
}
