package eu.synergie.core.ingestion;

import eu.synergie.core.audit.AuditAction;
import eu.synergie.core.audit.AuditEvent;
import eu.synergie.core.audit.AuditLog;
import eu.synergie.core.audit.AuditOutcome;
import eu.synergie.core.envelope.EnvelopeRejectedException;
import eu.synergie.core.envelope.NoticeOpener;
import eu.synergie.core.envelope.OpenedNotice;
import eu.synergie.core.envelope.RejectionReason;
import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.index.NoticeIndexWriter;
import eu.synergie.core.intake.LoggedEnvelope;
import eu.synergie.core.intake.NoticeLog;
import eu.synergie.core.index.StoredVersion;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeStatus;
import eu.synergie.core.policy.PublishGate;
import eu.synergie.core.policy.ReleaseRule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One batch of the indexer: the registry caught up if the batch is recent ({@link PublishGate#readyFor}), then for each
 * envelope: the broker's append time → open → verify → validate → the publish rule as of the append time → judge the
 * version → index, rejected envelopes to the dead letters. The indexer is the last gate: an envelope produced
 * straight to a region topic meets the same rule as one published through the gateway ({@link PublishGate}).
 * A notice id belongs to its first originator (an agency of this exchange, or of a peer exchange: the same agency code at
 * another exchange is another agency): another agency's notice with the same id is refused; a newer
 * version (higher {@code version}, or the same with a later {@code issuedAt}) replaces the older, the same
 * version again changes nothing, an older one is refused.
 * It returns only when the index and the dead-letter topic have both acknowledged, so the caller may
 * then commit the offsets; an exception means nothing of the batch may be committed (it is retried,
 * and indexing by notice id makes the retry harmless).
 * <p>
 * Alterations (a newer version replacing the indexed one, a withdrawal) are audited before the index
 * changes: once indexed, a retry would no longer see the older version, so auditing after could lose
 * the record; auditing first can at worst record the same alteration twice.
 */
public final class NoticeIngestion {

    private static final Logger LOG = LoggerFactory.getLogger(NoticeIngestion.class);

    private final Admission admission;
    private final NoticeIndexWriter index;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final AuditLog audit;
    private final AfterIndexing afterIndexing;

    /**
     * How an envelope read from a log becomes a verified notice of this exchange, or is refused: the home rule for
     * the region topics ({@link #home}), the federation rule for what a peer exchange sent. Whatever it admits is then
     * judged by version, indexed and audited alike.
     */
    public interface Admission {

        /** Before a batch is admitted (the home rule catches the registry up with a recent batch). */
        default void prepare(List<LoggedEnvelope> batch) {
        }

        /**
         * @throws EnvelopeRejectedException with the reason, for an envelope that may not be indexed; any other
         *     exception is taken as a malformed envelope's doing
         */
        IndexedNotice admit(LoggedEnvelope logged);

        /**
         * The version's hold, now that what the index holds of its notice is known ({@code storedHeld}: null for the
         * notice's first version); a rule without holds leaves it as admitted.
         */
        default IndexedNotice judgeHold(IndexedNotice candidate, LoggedEnvelope logged, Boolean storedHeld) {
            return candidate;
        }

        /**
         * Once a batch is settled (indexed and dead-lettered; not for a batch that failed and will be retried): what
         * became of each envelope, after the version and id-ownership checks too, so a record of it says the outcome once.
         */
        default void settled(List<IndexedNotice> indexed, List<DeadLetter> refused) {
        }
    }

    /**
     * The home rule: the broker's append time → open → verify → validate → the topic of its region → the publish rule
     * as of the append time; then whether the agency's release policy holds it for an approver ({@link ReleaseRule}).
     */
    public static Admission home(NoticeOpener opener, PublishGate gate, ReleaseRule release) {
        return new Admission() {
            @Override
            public void prepare(List<LoggedEnvelope> batch) {
                batch.stream().filter(LoggedEnvelope::appendTime).map(LoggedEnvelope::appendedAt)
                        .max(Comparator.naturalOrder()).ifPresent(gate::readyFor);
            }

            @Override
            public IndexedNotice admit(LoggedEnvelope logged) {
                if (!logged.appendTime()) {
                    throw new EnvelopeRejectedException(RejectionReason.UNTRUSTED_TIMESTAMP, "the record carries a time"
                            + " its producer chose, not the broker's append time, as of which the publish rule is judged");
                }
                OpenedNotice opened = opener.openLogged(logged.envelope());
                if (!logged.topic().equals(NoticeLog.topicOf(opened.notice().region()))) {
                    throw new EnvelopeRejectedException(RejectionReason.REGION_MISMATCH,
                            "a notice of region " + opened.notice().region() + " was written to " + logged.topic());
                }
                gate.admitLogged(opened, logged.appendedAt());
                return new IndexedNotice(opened, logged.topic(), logged.partition(), logged.offset());
            }

            @Override
            public IndexedNotice judgeHold(IndexedNotice candidate, LoggedEnvelope logged, Boolean storedHeld) {
                return candidate.withHold(release.judge(candidate.opened().notice(), logged.appendedAt(), logged.publisher(),
                        storedHeld).orElse(null));
            }
        };
    }

    /**
     * What runs once a batch is in the index (the matcher, the peers, and the approval requests of held notices); an
     * exception has the batch retried. It is given held notices too: each step leaves alone what its region may not see.
     */
    @FunctionalInterface
    public interface AfterIndexing {
        void indexed(List<IndexedNotice> notices);
    }

    /**
     * An ingestion that audits nothing and runs nothing after indexing: for replays of the log (a rebuild), whose
     * alterations were audited, and whose notices were matched and held, when they first happened.
     */
    public NoticeIngestion(NoticeOpener opener, PublishGate gate, ReleaseRule release, NoticeIndexWriter index,
                           DeadLetters deadLetters, Clock clock) {
        this(home(opener, gate, release), index, deadLetters, clock, event -> { }, notices -> { });
    }

    /** The live indexer of an exchange without four-eyes release (tests of other things). */
    public NoticeIngestion(NoticeOpener opener, PublishGate gate, NoticeIndexWriter index, DeadLetters deadLetters, Clock clock,
                           AuditLog audit, AfterIndexing afterIndexing) {
        this(home(opener, gate, ReleaseRule.none()), index, deadLetters, clock, audit, afterIndexing);
    }

    public NoticeIngestion(Admission admission, NoticeIndexWriter index, DeadLetters deadLetters, Clock clock,
                           AuditLog audit, AfterIndexing afterIndexing) {
        this.admission = admission;
        this.index = index;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.audit = audit;
        this.afterIndexing = afterIndexing;
    }

    /**
     * Ingests one batch; returns once it is indexed and its rejects dead-lettered.
     *
     * @throws IngestionFailedException when an Error (out of memory…) interrupted it: retriable like any other
     *     failure, since the caller's consumer would stop for good on an Error
     */
    public BatchOutcome ingest(List<LoggedEnvelope> batch) {
        try {
            return ingestBatch(batch);
        } catch (Error e) {
            // Spring Kafka stops the container on an Error, and the partitions move to the next instance, which
            // would meet the same: indexing would stop everywhere, silently. As an exception, the batch is retried
            // with back-off and counted (synergie.ingestion.retries).
            throw new IngestionFailedException(e);
        }
    }

    private BatchOutcome ingestBatch(List<LoggedEnvelope> batch) {
        List<IndexedNotice> verified = new ArrayList<>();
        List<DeadLetter> rejected = new ArrayList<>();
        admission.prepare(batch);
        for (LoggedEnvelope logged : batch) {
            try {
                verified.add(admit(logged));
            } catch (EnvelopeRejectedException e) {
                rejected.add(new DeadLetter(logged, e.reason(), e.getMessage(), clock.instant()));
            }
        }
        Map<Position, LoggedEnvelope> sources = new HashMap<>();
        batch.forEach(logged -> sources.putIfAbsent(new Position(logged.topic(), logged.partition(), logged.offset()), logged));
        List<IndexedNotice> accepted = new ArrayList<>();
        List<AuditEvent> alterations = new ArrayList<>();
        Map<String, List<IndexedNotice>> byRegion = verified.stream()
                .collect(Collectors.groupingBy(n -> n.opened().notice().region(), LinkedHashMap::new, Collectors.toList()));
        for (var region : byRegion.entrySet()) {
            Map<UUID, StoredVersion> current = new HashMap<>(index.storedVersions(region.getKey(),
                    region.getValue().stream().map(n -> n.opened().notice().noticeId()).collect(Collectors.toSet())));
            for (IndexedNotice candidate : region.getValue()) {
                Notice notice = candidate.opened().notice();
                StoredVersion stored = current.get(notice.noticeId());
                String peer = candidate.fromPeer() == null ? null : candidate.fromPeer().peer();
                if (stored != null && !stored.ownedBy(notice.originAgency(), peer)) {
                    rejected.add(deadLetter(sources, candidate, RejectionReason.NOTICE_ID_TAKEN,
                            "notice id " + notice.noticeId() + " belongs to another agency"));
                } else if (stored != null && notice.compareVersion(stored.version(), stored.issuedAt()) < 0) {
                    rejected.add(deadLetter(sources, candidate, RejectionReason.SUPERSEDED_VERSION, "version "
                            + notice.version() + " of " + notice.issuedAt() + " is older than the indexed version "
                            + stored.version() + " of " + stored.issuedAt()));
                } else {
                    candidate = admission.judgeHold(candidate, source(sources, candidate), stored == null ? null : stored.held());
                    if (notice.status() == NoticeStatus.WITHDRAWN || (stored != null
                            && notice.compareVersion(stored.version(), stored.issuedAt()) > 0)) {
                        alterations.add(alteration(notice, stored));
                    }
                    accepted.add(candidate);
                    current.put(notice.noticeId(), new StoredVersion(notice.originAgency(), notice.version(), notice.issuedAt(),
                            peer, candidate.held()));
                }
            }
        }
        alterations.forEach(audit::append);
        if (!accepted.isEmpty()) {
            index.index(accepted);
            afterIndexing.indexed(accepted);
        }
        if (!rejected.isEmpty()) {
            deadLetters.send(rejected);
        }
        admission.settled(accepted, rejected);
        return new BatchOutcome(accepted.size(), rejected.size());
    }

    /**
     * The opener answers every input with a notice or a reason. Should one envelope still make it fail otherwise
     * (a parser's exception it did not expect, or recursion deeper than the thread's stack), that is this
     * envelope's doing: it is dead-lettered like a malformed one, kept with its bytes, rather than retried forever
     * (holding up its partition) or, for the Error, stopping the consumer. Other Errors (out of memory) are the
     * JVM's, not the envelope's: they fail the batch, which is retried. The registry being unavailable is no
     * envelope's doing either: it fails the batch.
     */
    private IndexedNotice admit(LoggedEnvelope logged) {
        try {
            return admission.admit(logged);
        } catch (EnvelopeRejectedException | eu.synergie.core.ExchangeException.Unavailable e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            LOG.warn("the envelope at {}-{}@{} could not be opened ({}): dead-lettered as malformed", logged.topic(),
                    logged.partition(), logged.offset(), e.getClass().getName());
            throw new EnvelopeRejectedException(RejectionReason.MALFORMED_ENVELOPE,
                    "the envelope could not be opened (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Done by the originator (its signed envelope), carried out by the indexer. */
    private AuditEvent alteration(Notice notice, StoredVersion stored) {
        AuditAction action = notice.status() == NoticeStatus.WITHDRAWN ? AuditAction.WITHDRAWAL : AuditAction.NEW_VERSION;
        String change = "version " + notice.version() + (stored == null ? "" : " replaces version " + stored.version());
        return new AuditEvent(clock.instant(), action, "system:indexer", notice.originAgency(), null, null,
                List.of(notice.noticeId().toString()), List.of(), change, AuditOutcome.SUCCESS);
    }

    private DeadLetter deadLetter(Map<Position, LoggedEnvelope> sources, IndexedNotice notice, RejectionReason reason,
                                  String message) {
        return new DeadLetter(source(sources, notice), reason, message, clock.instant());
    }

    private static LoggedEnvelope source(Map<Position, LoggedEnvelope> sources, IndexedNotice notice) {
        LoggedEnvelope logged = sources.get(new Position(notice.topic(), notice.partition(), notice.offset()));
        if (logged == null) {
            throw new java.util.NoSuchElementException("no envelope of the batch at " + notice.topic() + "-"
                    + notice.partition() + "@" + notice.offset());
        }
        return logged;
    }

    /** Where an envelope is in the log: what ties a notice of a batch back to its envelope. */
    private record Position(String topic, int partition, long offset) {
    }

    /** How many envelopes of a batch were indexed and how many dead-lettered. */
    public record BatchOutcome(int indexed, int deadLettered) {
    }
}
