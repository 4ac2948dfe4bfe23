package eu.synergie.core.ingestion;

import eu.synergie.core.envelope.EnvelopeRejectedException;
import eu.synergie.core.envelope.NoticeOpener;
import eu.synergie.core.envelope.OpenedNotice;
import eu.synergie.core.envelope.RejectionReason;
import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.index.NoticeIndex;
import eu.synergie.core.intake.NoticeLog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * One batch of the indexer: open → verify → validate → index, rejected envelopes to the dead letters.
 * It returns only when the index and the dead-letter topic have both acknowledged, so the caller may
 * then commit the offsets; an exception means nothing of the batch may be committed (it is retried,
 * and indexing by notice id makes the retry harmless).
 */
public final class NoticeIngestion {

    private final NoticeOpener opener;
    private final NoticeIndex index;
    private final DeadLetters deadLetters;
    private final Clock clock;

    public NoticeIngestion(NoticeOpener opener, NoticeIndex index, DeadLetters deadLetters, Clock clock) {
        this.opener = opener;
        this.index = index;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    public BatchOutcome ingest(List<LoggedEnvelope> batch) {
        List<IndexedNotice> accepted = new ArrayList<>();
        List<DeadLetter> rejected = new ArrayList<>();
        for (LoggedEnvelope logged : batch) {
            try {
                OpenedNotice opened = opener.open(logged.envelope(), logged.appendedAt());
                if (!logged.topic().equals(NoticeLog.topicOf(opened.notice().region()))) {
                    throw new EnvelopeRejectedException(RejectionReason.REGION_MISMATCH,
                            "a notice of region " + opened.notice().region() + " was written to " + logged.topic());
                }
                accepted.add(new IndexedNotice(opened, logged.topic(), logged.partition(), logged.offset()));
            } catch (EnvelopeRejectedException e) {
                rejected.add(new DeadLetter(logged, e.reason(), e.getMessage(), clock.instant()));
            }
        }
        if (!accepted.isEmpty()) {
            index.index(accepted);
        }
        if (!rejected.isEmpty()) {
            deadLetters.send(rejected);
        }
        return new BatchOutcome(accepted.size(), rejected.size());
    }

    /** How many envelopes of a batch were indexed and how many dead-lettered. */
    public record BatchOutcome(int indexed, int deadLettered) {
    }
}
