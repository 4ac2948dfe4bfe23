package eu.synergie.core.index;

import java.time.Instant;

/**
 * Who signed a notice and how the exchange checked it: the signer agency, its certificate (serial and
 * SHA-256 fingerprint), the stated signing time, when it was verified, and its place in the log; for a notice a
 * peer exchange sent, that peer and the region the notice was published in there.
 *
 * @param peer       the peer exchange the notice came from; null for a notice published here
 * @param peerRegion its region at that peer; null for a notice published here
 */
public record NoticeProvenance(String signerAgency, String certificateSerial, String certificateSha256, Instant signedAt,
                               Instant verifiedAt, String topic, int partition, long offset, String peer, String peerRegion) {

    /** A notice published here. */
    public NoticeProvenance(String signerAgency, String certificateSerial, String certificateSha256, Instant signedAt,
                            Instant verifiedAt, String topic, int partition, long offset) {
        this(signerAgency, certificateSerial, certificateSha256, signedAt, verifiedAt, topic, partition, offset, null, null);
    }
}
