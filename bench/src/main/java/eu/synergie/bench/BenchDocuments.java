package eu.synergie.bench;

import eu.synergie.core.envelope.OpenedNotice;
import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.intake.NoticeLog;
import eu.synergie.core.notice.Notice;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.search.NoticeDocument;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

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

    /**
     * The documents of notices {@code from..to}, as the indexer would write them after verifying each with its agency's
     * certificate in {@code credentials} (by agency code); signed and verified now.
     */
    static List<NoticeDocument> of(NoticeGenerator.Generated[] notices, int from, int to,
                                   Map<String, KeyCredential> credentials) throws GeneralSecurityException {
        Map<String, Signer> signers = new HashMap<>();
        for (var entry : credentials.entrySet()) {
            X509Certificate certificate = entry.getValue().certificate();
            signers.put(entry.getKey(), new Signer(entry.getKey(), certificate.getSerialNumber().toString(16),
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()))));
        }
        Instant sealedAt = Instant.now();
        Instant verifiedAt = Instant.now();
        List<NoticeDocument> documents = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            NoticeGenerator.Generated n = notices[i];
            documents.add(of(n.notice(), signers.get(n.agency().code()), sealedAt, verifiedAt, i % 3, i));
        }
        return documents;
    }
}
