package eu.synergie.bench;

import eu.synergie.core.envelope.OpenedNotice;
import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.intake.NoticeLog;
import eu.synergie.core.notice.Notice;
import eu.synergie.search.NoticeDocument;

import java.time.Instant;

/**
 * The documents the benchmarks write straight into Elasticsearch (the raw bulk baseline, the search
 * benchmark's setup): built by the search module's own {@link NoticeDocument#of}, so that Elasticsearch gets
 * exactly the work the indexer gives it, and a field added to the index document is in the baseline too.
 */
final class BenchDocuments {

    /** What the indexer knows of the signer after verifying an envelope. */
    record Signer(String agency, String certificateSerial, String certificateSha256) {
    }

    private BenchDocuments() {
    }

    static NoticeDocument of(Notice notice, Signer signer, Instant signedAt, Instant verifiedAt, int partition, long offset) {
        return NoticeDocument.of(new IndexedNotice(new OpenedNotice(notice, signer.agency(), signer.certificateSerial(),
                signer.certificateSha256(), signedAt, verifiedAt), NoticeLog.topicOf(notice.region()), partition, offset));
    }
}
