package eu.synergie.core.audit;

import eu.synergie.core.integrity.LogAlarm;
import eu.synergie.crypto.audit.ChainDefect;
import eu.synergie.crypto.audit.ChainVerifier;
import eu.synergie.crypto.audit.HashChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Feeds the auditors' index with the entries of the audit log that continue their writer's chain, and only those:
 * anyone who can write the topic can append a well-formed entry, and the auditors' search must neither show a forged
 * entry that does not link nor let one take the place of a genuine entry.
 * <p>
 * Read in log order, an entry is indexed when it is the next of its writer's chain as the index holds it: sequence
 * one more than the head's, linking to the head's hash, its content matching its own hash, and its writer not closed
 * by a final checkpoint. Every other entry is left out and alarmed (the {@link LogAlarm}, with the
 * {@link ChainDefect} that {@code verify} would name): {@code INSERTED} for a sequence number already taken or an
 * entry that does not link, {@code REMOVED} after a gap, {@code ALTERED} when its content does not match its hash,
 * {@code FORGED} after the writer's final checkpoint or for a checkpoint that is not the exchange's, {@code MALFORMED}
 * when unreadable. The index creates, never replaces, so even an entry that slipped past (two instances indexing at
 * once) cannot overwrite the first one of its id.
 * <p>
 * A checkpoint that continues its chain is verified (its signature, once per checkpoint and never per entry: a
 * checkpoint comes every thousand entries or ten seconds) and, if it is the exchange's, marks the entries it covers as
 * verified. An entry that links but is forged (appended, with the head's hash, before the genuine next entry) is
 * indexed; the genuine entries after it then no longer link and are alarmed, and no checkpoint ever covers it: it stays
 * unverified, which the auditors' search shows.
 * <p>
 * Heads are held in memory (the most recently used {@code heldHeads} of them, so that junk writers cannot exhaust
 * it) and stored in the index with the records; a writer not in memory is looked up there, once per batch.
 */
public final class AuditIndexer {

    private static final Logger LOG = LoggerFactory.getLogger(AuditIndexer.class);

    /**
     * A record of the audit log as read.
     *
     * @param key   its Kafka key as given (anyone could have chosen it), or null
     * @param entry its content as JSON values, or null when it is not a JSON object
     */
    public record Logged(long position, String key, Map<String, Object> entry) {
    }

    private sealed interface Outcome {
    }

    /** Read before: the head already went past it (a batch delivered again). */
    private record Seen() implements Outcome {
    }

    private record Refused(ChainDefect defect, String detail) implements Outcome {
    }

    /** It continues the chain: the new head, and the record to index (null for a checkpoint or an unreadable event). */
    private record Linked(ChainHead head, AuditRecord record) implements Outcome {
    }

    private final AuditIndex index;
    private final ChainVerifier.SignatureCheck signatures;
    private final LogAlarm alarm;
    private final String topic;
    private final Map<String, ChainHead> held;

    /**
     * @param signatures checks the exchange's signature on a checkpoint
     * @param alarm      raised for every entry left out
     * @param topic      the audit topic's name, for the alarms
     * @param heldHeads  how many writers' heads to keep in memory
     */
    public AuditIndexer(AuditIndex index, ChainVerifier.SignatureCheck signatures, LogAlarm alarm, String topic, int heldHeads) {
        this.index = Objects.requireNonNull(index, "index");
        this.signatures = Objects.requireNonNull(signatures, "signatures");
        this.alarm = Objects.requireNonNull(alarm, "alarm");
        this.topic = Objects.requireNonNull(topic, "topic");
        if (heldHeads < 1) {
            throw new IllegalArgumentException("the indexer holds at least one head");
        }
        this.held = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ChainHead> eldest) {
                return size() > heldHeads;
            }
        };
    }

    /** Drops the heads held in memory: another instance may have moved them on (the log's partition changed hands). */
    public void forget() {
        held.clear();
    }

    /** How many heads are held in memory now. */
    int held() {
        return held.size();
    }

    /** See {@link AuditIndex#resumeAt()}. */
    public long resumeAt() {
        return index.resumeAt();
    }

    /**
     * Indexes, of {@code records} (consecutive, in log order), every event that continues its writer's chain, moves the
     * heads, and returns once the index has them. Every record left out is alarmed, except those before
     * {@code quietBefore}, which were read (and alarmed) before, when the log is read again after a restart. Nothing is
     * held in memory until the index has it: a batch that fails can be given again as it was.
     */
    public void accept(List<Logged> records, long quietBefore) {
        Set<String> unknown = new HashSet<>();
        for (Logged record : records) {
            link(record).map(HashChain.Link::writer).filter(w -> !held.containsKey(w)).ifPresent(unknown::add);
        }
        Map<String, ChainHead> loaded = unknown.isEmpty() ? Map.of() : index.heads(unknown);
        Map<String, ChainHead> moved = new LinkedHashMap<>();
        List<AuditRecord> indexed = new ArrayList<>();
        List<Logged> refusedRecords = new ArrayList<>();
        List<Refused> refusals = new ArrayList<>();
        for (Logged record : records) {
            Optional<HashChain.Link> link = link(record);
            ChainHead head = link.map(l -> {
                ChainHead h = moved.get(l.writer());
                if (h == null) {
                    h = held.get(l.writer());
                }
                return h != null ? h : loaded.get(l.writer());
            }).orElse(null);
            switch (decide(record, link.orElse(null), head)) {
                case Seen seen -> {
                }
                case Refused refused -> {
                    refusedRecords.add(record);
                    refusals.add(refused);
                }
                case Linked linked -> {
                    moved.put(linked.head().writer(), linked.head());
                    if (linked.record() != null) {
                        indexed.add(linked.record());
                    }
                }
            }
        }
        if (!indexed.isEmpty() || !moved.isEmpty()) {
            Set<String> taken = index.store(indexed, moved.values());
            for (AuditRecord record : indexed) {
                if (taken.contains(record.id()) && record.position() >= quietBefore) {
                    alarm.rejected(topic, record.writer(), record.position(), ChainDefect.INSERTED, record.writer() + "#"
                            + record.sequence() + " was not indexed: the auditors' index already holds another entry as "
                            + record.id() + ", now marked contested");
                }
            }
        }
        for (int i = 0; i < refusals.size(); i++) {
            Logged record = refusedRecords.get(i);
            if (record.position() >= quietBefore) {
                String key = link(record).map(HashChain.Link::writer).orElse(record.key());
                alarm.rejected(topic, key, record.position(), refusals.get(i).defect(), refusals.get(i).detail());
            }
        }
        held.putAll(moved);
    }

    private Outcome decide(Logged record, HashChain.Link link, ChainHead head) {
        if (link == null) {
            return new Refused(ChainDefect.MALFORMED, "not a hash-chain entry; not indexed");
        }
        String writer = link.writer();
        String name = writer + "#" + link.sequence();
        if (head != null && record.position() <= head.position()) {
            return new Seen();
        }
        if (!HashChain.hashOf(record.entry()).equals(link.hash())) {
            return new Refused(ChainDefect.ALTERED, name + " does not match its hash; not indexed");
        }
        long next = head == null ? 0 : head.sequence() + 1;
        if (link.sequence() < next) {
            return new Refused(ChainDefect.INSERTED, name + " is taken: the chain is indexed up to " + writer + "#"
                    + head.sequence() + "; not indexed");
        }
        if (link.sequence() > next) {
            return new Refused(ChainDefect.REMOVED, (head == null ? "chain " + writer + " starts at sequence " + link.sequence()
                    : "entries " + next + " to " + (link.sequence() - 1) + " of " + writer + " are missing before " + name)
                    + "; not indexed");
        }
        if (!link.previous().equals(ChainHead.previousOf(head))) {
            return new Refused(ChainDefect.INSERTED, name + (head == null ? " does not start from the genesis hash"
                    : " does not link to " + writer + "#" + head.sequence() + " as indexed") + "; not indexed");
        }
        if (head != null && head.closed()) {
            return new Refused(ChainDefect.FORGED, name + " comes after the final signed checkpoint of " + writer + "; not indexed");
        }
        long verifiedThrough = head == null ? -1 : head.verifiedThrough();
        if (HashChain.isCheckpoint(record.entry())) {
            Optional<HashChain.Checkpoint> checkpoint = HashChain.checkpointOf(record.entry());
            if (checkpoint.isEmpty() || !checkpoint.get().signsHeadBefore(link)) {
                return new Refused(ChainDefect.FORGED, "checkpoint " + name + " does not sign the head before it");
            }
            if (!verifies(checkpoint.get())) {
                return new Refused(ChainDefect.FORGED, "the signature of checkpoint " + name + " is not the exchange's");
            }
            return new Linked(new ChainHead(writer, link.sequence(), link.hash(), record.position(), checkpoint.get().sequence(),
                    checkpoint.get().last()), null);
        }
        ChainHead moved = new ChainHead(writer, link.sequence(), link.hash(), record.position(), verifiedThrough, false);
        try {
            AuditEvent event = AuditEventJson.fromJson(HashChain.eventOf(record.entry()));
            return new Linked(moved, new AuditRecord(writer, link.sequence(), record.position(), link.hash(), event, false));
        } catch (IllegalArgumentException e) {
            // Part of the chain all the same (its hash holds, it links): the chain goes on through it, unindexed.
            LOG.warn("audit entry {} at offset {} links but its event cannot be read by this version; not indexed", name,
                    record.position());
            return new Linked(moved, null);
        }
    }

    private boolean verifies(HashChain.Checkpoint checkpoint) {
        try {
            return signatures.verifies(checkpoint.content(), checkpoint.signature());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Optional<HashChain.Link> link(Logged record) {
        return record.entry() == null ? Optional.empty() : HashChain.linkOf(record.entry());
    }
}
