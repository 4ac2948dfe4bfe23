package eu.synergie.core.index;

import java.time.Instant;

/**
 * Who signed a notice and how the exchange checked it: the signer agency, its certificate (serial and
 * SHA-256 fingerprint), the stated signing time, when it was verified, and its place in the log.
 */
public record NoticeProvenance(String signerAgency, String certificateSerial, String certificateSha256, Instant signedAt,
                               Instant verifiedAt, String topic, int partition, long offset) {
}
